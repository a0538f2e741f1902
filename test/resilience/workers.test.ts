// WEB_CONCURRENCY: the situations subgraph (on a PostgreSQL database of the test's own) and the
// gateway, each run as a real process with two workers on one port. Answers come from both
// workers; a worker killed is replaced while the other goes on serving; SIGTERM to a primary
// drains its workers (a request under way is answered) and exits 0. A scrape of /metrics, by
// whichever worker answers it, counts the requests both workers served. On embedded PGlite a subgraph refuses to start two workers.
// Runs on the server of DATABASE_URL when set, otherwise on a PostgreSQL server of the test's own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { FRAMEWORK, FRAMEWORK_2014 } from './operations';
import { subgraphUrlEnv } from '../support/hub';
import { parseMetrics, total } from '../support/observability';
import { baseOf, freePort, postJson, startSlowRequest, waitFor } from '../support/network';
import { createPrivatePostgres, findPostgresBinaries, onServer, type PrivatePostgres } from '../support/postgres-server';
import { type ChildService, kill, spawnService, vouched, waitReady } from '../support/processes';

const binaries = findPostgresBinaries();
const runnable = Boolean(process.env.DATABASE_URL) || 'bin' in binaries;
const describeWithPostgres = runnable ? describe : describe.skip;
if (!runnable && 'missing' in binaries) console.warn(`Skipping the workers tests on PostgreSQL: DATABASE_URL is unset and ${binaries.missing}.`);

// Short, so that the whole stop fits well inside the test's time.
const SHUTDOWN_DEADLINE_MS = 3000;

/** A request on a connection of its own, so that the primary hands it to the next worker in turn. */
function onNewConnection(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: 5000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.end(options.body);
  });
}

async function healthOnNewConnection(service: ChildService): Promise<{ status: number; body: { worker?: number } }> {
  const { status, text } = await onNewConnection(`${baseOf(service.url)}/health`);
  return { status, body: JSON.parse(text) };
}

/** Asks /health until the workers seen include every one of `wanted` (ids). */
async function waitForWorkers(service: ChildService, wanted: (seen: Set<number>) => boolean, what: string): Promise<Set<number>> {
  const seen = new Set<number>();
  return waitFor(
    async () => {
      const { status, body } = await healthOnNewConnection(service);
      if (status === 200 && typeof body.worker === 'number') seen.add(body.worker);
      return wanted(seen) && seen;
    },
    60_000,
    what,
  );
}

/** The workers the primary says it started, in order: {worker id, pid}. */
function workersStarted(service: ChildService): { worker: number; pid: number }[] {
  return service
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { message?: string; worker?: number; pid?: number };
        return entry.message === 'worker started' ? [{ worker: entry.worker!, pid: entry.pid! }] : [];
      } catch {
        return [];
      }
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeWithPostgres('a subgraph and the gateway with WEB_CONCURRENCY=2', () => {
  let privateServer: PrivatePostgres | undefined;
  let serverUrl: string;
  const database = `hub_workers_${process.pid}_${randomBytes(4).toString('hex')}`;
  let situations: ChildService | undefined;
  let gateway: ChildService | undefined;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) serverUrl = process.env.DATABASE_URL;
    else {
      privateServer = await createPrivatePostgres((binaries as { bin: string }).bin);
      serverUrl = privateServer.url;
    }
    await onServer(serverUrl, `CREATE DATABASE "${database}"`);
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${database}`;
    const workers = { WEB_CONCURRENCY: '2', LOG_LEVEL: 'info', SHUTDOWN_DEADLINE_MS: String(SHUTDOWN_DEADLINE_MS) };
    situations = spawnService('subgraphs/situations/index.js', await freePort(), {
      ...workers,
      DATABASE_URL: databaseUrl.toString(),
      SEED_ON_START: 'false',
    });
    await waitReady(situations);
    gateway = spawnService('gateway/index.js', await freePort(), { ...workers, ...(await subgraphUrlEnv({ situations: situations.url })) });
    await waitReady(gateway);
  }, 300_000);

  afterAll(async () => {
    for (const service of [gateway, situations]) {
      for (const { pid } of service ? workersStarted(service) : []) if (alive(pid)) process.kill(pid, 'SIGKILL');
      await kill(service);
    }
    await onServer(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await privateServer?.destroy();
  });

  it('answers from two workers of each service', async () => {
    for (const service of [situations!, gateway!]) {
      const started = workersStarted(service);
      expect(started).toHaveLength(2);
      expect(new Set(started.map((w) => w.pid)).size).toBe(2);
      const seen = await waitForWorkers(service, (ids) => ids.size === 2, `two workers of ${service.url}`);
      expect([...seen].sort()).toEqual(started.map((w) => w.worker).sort());
    }
    const answer = await postJson(gateway!.url, { query: FRAMEWORK });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { framework: FRAMEWORK_2014 } });
  });

  // Before a worker is killed: a dead worker's counts go with it.
  it('sums the metrics of both workers of each service in a scrape answered by either', async () => {
    const requests = 10;
    const operation = `WorkerSum_${randomBytes(4).toString('hex')}`;
    const query = `query ${operation} { framework(version: "2014") { id year } }`;
    for (let i = 0; i < requests; i++) {
      const answer = await onNewConnection(gateway!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(answer.status).toBe(200);
    }
    for (const service of [gateway!, situations!]) {
      // Two scrapes on connections of their own: one from each worker, each counting all requests.
      for (let scrapeNumber = 0; scrapeNumber < 2; scrapeNumber++) {
        const scraped = await onNewConnection(`${baseOf(service.url)}/metrics`);
        expect(scraped.status).toBe(200);
        expect(total(parseMetrics(scraped.text), 'hub_http_requests_total', { operation, status: '200' })).toBe(requests);
      }
    }
  });

  it.each(['situations', 'gateway'] as const)('replaces a %s worker that dies, while the other goes on serving', async (name) => {
    const service = name === 'situations' ? situations! : gateway!;
    const [victim, survivor] = workersStarted(service).slice(-2);
    process.kill(victim.pid, 'SIGKILL');
    await waitFor(async () => service.output().includes(`"pid":${victim.pid},"exit":"SIGKILL"`), 30_000, `${name} primary saw the worker die`);
    // Until the replacement listens, the survivor answers everything.
    for (let i = 0; i < 10; i++) {
      const answer = await postJson(gateway!.url, { query: FRAMEWORK });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { data: { framework: FRAMEWORK_2014 } } });
    }
    const replacement = await waitFor(
      async () => workersStarted(service).find((w) => w.worker > victim.worker && w.worker !== survivor.worker),
      30_000,
      `${name} worker replaced`,
    );
    expect(replacement.pid).not.toBe(victim.pid);
    await waitForWorkers(service, (ids) => ids.has(replacement.worker) && ids.has(survivor.worker), `${name} replacement answering`);
    expect(alive(survivor.pid)).toBe(true);
  });

  it('drains every worker and exits 0 on SIGTERM', async () => {
    for (const service of [gateway!, situations!]) {
      const pids = workersStarted(service)
        .map((w) => w.pid)
        .filter(alive);
      expect(pids).toHaveLength(2);
      // A request under way when the signal comes (half its body sent) is answered before its worker exits.
      const inFlight =
        service === gateway
          ? await startSlowRequest(gateway.url, { query: FRAMEWORK })
          : await startSlowRequest(situations!.url, { query: FRAMEWORK }, await vouched('Framework'));
      const started = Date.now();
      service.child.kill('SIGTERM');
      await waitFor(async () => service.output().includes('"signal":"SIGTERM","workers":2'), 5000, 'primary stopping');
      expect(await inFlight.finish()).toMatchObject({ status: 200 });
      expect(await service.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(SHUTDOWN_DEADLINE_MS + 3000);
      await waitFor(async () => !pids.some(alive), 5000, 'workers gone');
    }
  });
});

describe('a subgraph on embedded PGlite with WEB_CONCURRENCY=2', () => {
  let dataDir: string;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start, saying to set DATABASE_URL', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-workers-'));
    const service = spawnService('subgraphs/partners/index.js', await freePort(), { WEB_CONCURRENCY: '2', PGLITE_DIR: dataDir });
    expect(await service.exited).toBe(2);
    expect(service.output()).toContain('WEB_CONCURRENCY=2 needs PostgreSQL');
    expect(service.output()).toContain('set DATABASE_URL');
  });
});
