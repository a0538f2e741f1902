// `npm run soak [-- --duration 60 --max-requests 100000 --concurrency 8]`: runs the hub in this
// process on loopback (embedded PGlite, or DATABASE_URL), drives a mix of reads through the gateway
// for a bounded time and number of requests, reports errors, latency percentiles and memory over
// time, and fails when there were errors or the heap kept growing. `--target URL` drives a hub
// already running on this machine instead (its memory is then not measured here).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayKeySet, writeKeyFiles } from '../platform/gateway-keys';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_JWT_SECRET, mintDevelopmentToken } from '../gateway/auth';
import { readGatewayConfig } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { openPGlite, type DatabaseTarget } from '../subgraphs/kernel/db/database';
import type { Role } from '../platform/identity';
import { illustrativeSituationId, ILLUSTRATIVE_SITUATION_KEYS } from '../subgraphs/kernel/reference/illustrative-situations';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kernel/service/subgraph-service';
import { EXAMPLE_QUERY } from './start';
import { SUBGRAPHS } from './subgraphs';

interface Operation {
  name: string;
  /** Relative frequency in the mix. */
  weight: number;
  query: string;
  variables: (i: number) => Record<string, unknown>;
  /** Who asks: a token for this reader, or none (anonymous, CLEAR records only). */
  reader?: { org: string; roles: Role[] };
}

const PARTNER_CODES = ['AU', 'ECOWAS', 'ICGLR', 'OSCE', 'EU', 'IGAD', 'SADC', 'LAS', 'OAS', 'ASEAN', 'UN-JO'];
const COUNTRIES = ['COD', 'NGA', 'MMR', 'UKR', 'SDN', 'ETH', 'HTI', 'MLI', 'BDI', 'SSD'];

const READS: Operation[] = [
  { name: 'PartnerWalk', weight: 1, query: EXAMPLE_QUERY, variables: () => ({}) },
  {
    name: 'SoakPartner',
    weight: 3,
    query: 'query SoakPartner($code: String!) { partner(code: $code) { code name memberStates { iso3 name } } }',
    variables: (i) => ({ code: PARTNER_CODES[i % PARTNER_CODES.length] }),
  },
  {
    name: 'SoakCountry',
    weight: 3,
    query: 'query SoakCountry($iso3: String!) { country(iso3: $iso3) { iso3 name region partners { code } } }',
    variables: (i) => ({ iso3: COUNTRIES[i % COUNTRIES.length] }),
  },
  {
    name: 'SoakFrameworks',
    weight: 1,
    query: 'query SoakFrameworks { frameworks { id riskFactors { code indicators { code } } } }',
    variables: () => ({}),
  },
  {
    name: 'SoakSituation',
    weight: 2,
    query: 'query SoakSituation($id: ID!) { situation(id: $id) { id title currentLevel country { iso3 name } } }',
    variables: (i) => ({ id: illustrativeSituationId(ILLUSTRATIVE_SITUATION_KEYS[i % ILLUSTRATIVE_SITUATION_KEYS.length]) }),
    reader: { org: 'UN-JO', roles: ['viewer'] },
  },
];

// Writes under keys of this run only, so a soak against a shared database adds records that say
// where they came from and never collides with real ones; the replay re-sends one key on purpose,
// to exercise idempotency under concurrency (it must keep answering with the same incident).
const RUN = `soak-${Date.now().toString(36)}`;
const REPORT_INCIDENT = `mutation SoakReportIncident($key: String!) {
  reportIncident(input: { idempotencyKey: $key, countryIso3: "NGA", occurredOn: "2026-01-15", place: "Soak test",
    eventType: "Soak test", fatalitiesBest: 0, classification: GREEN }) { id }
}`;

const WRITES: Operation[] = [
  {
    name: 'SoakReportIncident',
    weight: 1,
    query: REPORT_INCIDENT,
    variables: (i) => ({ key: `${RUN}-${i}` }),
    reader: { org: 'ECOWAS', roles: ['editor'] },
  },
  {
    name: 'SoakReplayIncident',
    weight: 1,
    query: REPORT_INCIDENT.replace('SoakReportIncident', 'SoakReplayIncident'),
    variables: () => ({ key: `${RUN}-replay` }),
    reader: { org: 'ECOWAS', roles: ['editor'] },
  },
  {
    name: 'SoakDraftAlert',
    weight: 1,
    query: `mutation SoakDraftAlert($key: String!) {
      draftAlert(input: { idempotencyKey: $key, type: BRIEFING, level: LOW, title: "Soak test draft", body: "Written by npm run soak.",
        recipients: [SECRETARY_GENERAL], crimes: [WAR_CRIMES], countryIso3: "SSD", classification: GREEN }) { id status }
    }`,
    variables: (i) => ({ key: `${RUN}-alert-${i}` }),
    reader: { org: 'UN-JO', roles: ['editor'] },
  },
];

const LIMITS = { durationS: 3600, maxRequests: 1_000_000, concurrency: 64 };

interface Options {
  durationS: number;
  maxRequests: number;
  concurrency: number;
  target?: string;
  json: boolean;
}

function readOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: process.env.SOAK_DURATION_S ?? '60' },
      'max-requests': { type: 'string', default: process.env.SOAK_MAX_REQUESTS ?? '100000' },
      concurrency: { type: 'string', default: process.env.SOAK_CONCURRENCY ?? '8' },
      target: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const whole = (value: string | undefined, name: string, max: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${value}"`);
    return parsed;
  };
  const options: Options = {
    durationS: whole(values.duration, 'duration', LIMITS.durationS),
    maxRequests: whole(values['max-requests'], 'max-requests', LIMITS.maxRequests),
    concurrency: whole(values.concurrency, 'concurrency', LIMITS.concurrency),
    target: values.target,
    json: values.json ?? false,
  };
  if (options.target) {
    const host = new URL(options.target).hostname;
    // A soak is a load test: it may only ever load this machine.
    if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host))
      throw new Error(`--target must be on loopback (127.0.0.1, localhost, ::1), got "${host}"`);
  }
  return options;
}

interface Hub {
  url: string;
  jwtSecret: string;
  stop: () => Promise<void>;
}

/** The four subgraphs and the gateway in this process, each on an ephemeral loopback port. */
async function startHub(): Promise<Hub> {
  // A key pair of its own, as files: the gateway reads them as it would in production.
  const keys = writeKeyFiles(mkdtempSync(path.join(os.tmpdir(), 'hub-soak-keys-')));
  const gatewayKeys = gatewayKeySet({ jwksFile: keys.publicKeysFile });
  const jwtSecret = randomBytes(24).toString('hex');
  const peerUrls: Record<string, string> = {};
  const subgraphs: RunningSubgraph[] = [];
  const closers: (() => Promise<void>)[] = [];
  for (const module of SUBGRAPHS) {
    // Like `npm start`: a PGlite of its own per subgraph (here in memory), or the PostgreSQL server.
    let target: DatabaseTarget;
    if (process.env.DATABASE_URL) {
      target = { kind: 'postgres', url: process.env.DATABASE_URL };
    } else {
      const gate = await openPGlite();
      closers.push(() => gate.close());
      target = { kind: 'pglite', gate };
    }
    const subgraph = await startSubgraph(module, { target, seed: true, gatewayKeys, peerUrls, host: '127.0.0.1', port: 0 });
    peerUrls[module.name] = subgraph.url.replace('localhost', '127.0.0.1');
    subgraphs.push(subgraph);
  }
  const gateway = await startGateway(
    readGatewayConfig({
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      HUB_GATEWAY_SIGNING_KEY_FILE: keys.signingKeyFile,
      HUB_JWT_SECRET: jwtSecret,
      ...Object.fromEntries(Object.entries(peerUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
    }),
  );
  return {
    url: gateway.url.replace('localhost', '127.0.0.1'),
    jwtSecret,
    stop: async () => {
      await gateway.stop(2000);
      for (const subgraph of subgraphs) await subgraph.stop(2000);
      for (const close of closers) await close();
    },
  };
}

interface MemorySample {
  atS: number;
  rssMb: number;
  heapMb: number;
}

function sampleMemory(startedAt: number): MemorySample {
  // With --expose-gc (as `npm run soak` runs), the heap is measured after a full collection, so
  // the numbers track what is retained, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { atS: Math.round((Date.now() - startedAt) / 100) / 10, rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * Growth judged on the heap after GC: the mean of the last third of the samples against the middle
 * third (the first third holds warm-up: caches, JIT, connection pools filling). Generous on purpose:
 * it is there to catch a leak that grows with traffic, not to measure a few megabytes.
 */
export function heapVerdict(samples: MemorySample[]): { steady: boolean | undefined; middleMb: number; lastMb: number } {
  const third = Math.floor(samples.length / 3);
  const middleMb = mean(samples.slice(third, 2 * third).map((s) => s.heapMb));
  const lastMb = mean(samples.slice(2 * third).map((s) => s.heapMb));
  if (third < 2) return { steady: undefined, middleMb, lastMb };
  return { steady: lastMb <= middleMb * 1.25 + 16, middleMb, lastMb };
}

async function soak(options: Options): Promise<number> {
  process.env.APOLLO_TELEMETRY_DISABLED ??= '1';
  process.env.LOG_LEVEL ??= 'warn';
  const log = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  const hub = options.target
    ? { url: options.target, jwtSecret: process.env.HUB_JWT_SECRET || DEVELOPMENT_JWT_SECRET, stop: async () => undefined }
    : await startHub();
  const measuresHub = !options.target;
  try {
    const operations = [...READS, ...WRITES];
    const tokens = new Map<Operation, string>();
    for (const op of operations) {
      if (!op.reader) continue;
      const sub = `soak-${op.reader.org.toLowerCase()}`;
      tokens.set(
        op,
        await mintDevelopmentToken(
          hub.jwtSecret,
          { sub, org: op.reader.org, roles: op.reader.roles },
          `${options.durationS + 600}s`,
          DEVELOPMENT_AUDIENCE,
          DEVELOPMENT_ISSUER,
        ),
      );
    }
    const call = async (op: Operation, i: number) => {
      const token = tokens.get(op);
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: op.query, variables: op.variables(i), operationName: op.name }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json().catch(() => undefined)) as
        { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
      return { status: response.status, body };
    };

    // Every operation once, before the clock starts: a schema that changed under the soak fails
    // here with a message, not as a flood of errors.
    for (const op of operations) {
      const { status, body } = await call(op, 0);
      if (status !== 200 || body?.errors) {
        log(`soak: ${op.name} does not run against this hub (HTTP ${status}): ${JSON.stringify(body?.errors ?? body).slice(0, 500)}`);
        return 2;
      }
    }

    const totalWeight = operations.reduce((sum, op) => sum + op.weight, 0);
    const pick = (i: number): Operation => {
      let point = (i * 7919) % totalWeight;
      for (const op of operations) {
        if (point < op.weight) return op;
        point -= op.weight;
      }
      return operations[0];
    };

    const latencies = new Float64Array(options.maxRequests);
    // Which operation each latency belongs to (an index into `operations`), for per-operation percentiles.
    const latencyOperation = new Uint8Array(options.maxRequests);
    const perOperation = new Map<string, { count: number; errors: number }>(operations.map((op) => [op.name, { count: 0, errors: 0 }]));
    const errorKinds = new Map<string, { count: number; example: string }>();
    const noteError = (kind: string, example: string) => {
      const entry = errorKinds.get(kind) ?? { count: 0, example: example.slice(0, 300) };
      entry.count++;
      errorKinds.set(kind, entry);
    };

    let issued = 0;
    let completed = 0;
    const startedAt = Date.now();
    const endsAt = startedAt + options.durationS * 1000;
    const samples: MemorySample[] = [sampleMemory(startedAt)];
    const sampleEveryMs = Math.max(1000, (options.durationS * 1000) / 30);
    const sampler = setInterval(() => {
      const sample = sampleMemory(startedAt);
      samples.push(sample);
      if (!options.json) log(`  t=${sample.atS.toFixed(0)}s requests=${issued} rss=${sample.rssMb.toFixed(0)}MB heap=${sample.heapMb.toFixed(0)}MB`);
    }, sampleEveryMs);

    const worker = async () => {
      while (Date.now() < endsAt && issued < options.maxRequests) {
        const i = issued++;
        const op = pick(i);
        const opIndex = operations.indexOf(op);
        const stats = perOperation.get(op.name)!;
        stats.count++;
        const started = performance.now();
        try {
          const { status, body } = await call(op, i);
          latencyOperation[completed] = opIndex;
          latencies[completed++] = performance.now() - started;
          if (status !== 200 || body?.errors) {
            stats.errors++;
            const code = body?.errors?.[0]?.extensions?.code ?? 'no GraphQL body';
            noteError(`HTTP ${status} ${code}`, JSON.stringify(body?.errors?.[0] ?? body));
          }
        } catch (error) {
          latencyOperation[completed] = opIndex;
          latencies[completed++] = performance.now() - started;
          stats.errors++;
          noteError('no answer', String((error as Error).cause ?? error));
        }
      }
    };
    log(`soak: ${options.durationS} s at most, ${options.maxRequests} requests at most, ${options.concurrency} clients, against ${hub.url}`);
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    clearInterval(sampler);
    samples.push(sampleMemory(startedAt));

    const elapsedS = (Date.now() - startedAt) / 1000;
    const sorted = latencies.slice(0, completed).sort();
    const sortedFor = (opIndex: number) =>
      latencies
        .slice(0, completed)
        .filter((_, i) => latencyOperation[i] === opIndex)
        .sort();
    const errors = [...errorKinds.values()].reduce((sum, e) => sum + e.count, 0);
    const heap = heapVerdict(samples);
    const summary = {
      durationS: Math.round(elapsedS * 10) / 10,
      requests: completed,
      requestsPerS: Math.round(completed / elapsedS),
      errors,
      errorKinds: Object.fromEntries(errorKinds),
      latencyMs: {
        p50: +percentile(sorted, 50).toFixed(1),
        p95: +percentile(sorted, 95).toFixed(1),
        p99: +percentile(sorted, 99).toFixed(1),
        max: +percentile(sorted, 100).toFixed(1),
      },
      operations: Object.fromEntries(
        operations.map((op, index) => {
          const own = sortedFor(index);
          return [op.name, { ...perOperation.get(op.name)!, p50Ms: +percentile(own, 50).toFixed(1), p95Ms: +percentile(own, 95).toFixed(1) }];
        }),
      ),
      writes: WRITES.length,
      memory: measuresHub
        ? { samples, heapMiddleThirdMb: +heap.middleMb.toFixed(1), heapLastThirdMb: +heap.lastMb.toFixed(1), steady: heap.steady }
        : 'not measured (external target)',
    };
    const memoryOk = !measuresHub || heap.steady !== false;
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      log(
        `\n${completed} requests in ${summary.durationS} s (${summary.requestsPerS}/s), ${errors} errors, ${WRITES.length ? 'reads and writes' : 'reads only'}`,
      );
      log(`latency ms: p50 ${summary.latencyMs.p50}  p95 ${summary.latencyMs.p95}  p99 ${summary.latencyMs.p99}  max ${summary.latencyMs.max}`);
      for (const [name, stats] of Object.entries(summary.operations))
        log(`  ${name}: ${stats.count} requests, ${stats.errors} errors, p50 ${stats.p50Ms} ms, p95 ${stats.p95Ms} ms`);
      for (const [kind, entry] of errorKinds) log(`  error ${kind}: ${entry.count}×, e.g. ${entry.example}`);
      if (measuresHub) {
        const verdict = heap.steady === undefined ? 'too few samples to judge growth' : heap.steady ? 'steady' : 'GROWING';
        log(`heap after GC: middle third ${heap.middleMb.toFixed(1)} MB, last third ${heap.lastMb.toFixed(1)} MB: ${verdict}`);
      }
    }
    return errors === 0 && memoryOk ? 0 : 1;
  } finally {
    await hub.stop();
  }
}

if (require.main === module) {
  let options: Options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  soak(options).then(
    (code) => process.exit(code),
    (error) => {
      console.error('soak failed:', error);
      process.exit(1);
    },
  );
}
