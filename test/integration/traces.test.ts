// Traces: the gateway and the four subgraphs as real processes exporting over OTLP/HTTP (JSON) to a
// receiver of the test's own. One GraphQL request is one trace, the gateway's root above the
// subgraphs' request spans, database spans beneath those; a client's traceparent is not continued;
// log lines carry the trace id; without OTEL_EXPORTER_OTLP_ENDPOINT no tracing module loads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { moduleEntries } from '../../platform/manifest';
import { EXAMPLE_QUERY } from '../../scripts/start';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort, postJson, waitFor } from '../support/network';
import { type ChildService, kill, spawnService, waitReady } from '../support/processes';

const SUBGRAPHS = moduleEntries().map((entry) => entry.name);
const DIST = path.resolve(__dirname, '..', '..');

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP receiver: every span posted to /v1/traces (JSON), with its resource's service.name. */
async function startReceiver(): Promise<{ url: string; spans: Span[]; close: () => Promise<void> }> {
  const spans: Span[] = [];
  type Attribute = { key: string; value: Record<string, unknown> };
  const flat = (attributes: Attribute[] = []) => Object.fromEntries(attributes.map((a) => [a.key, Object.values(a.value)[0]]));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.startsWith('application/json')) {
        const request = JSON.parse(body) as {
          resourceSpans: {
            resource: { attributes: Attribute[] };
            scopeSpans: { spans: (Omit<Span, 'service' | 'attributes'> & { attributes: Attribute[] })[] }[];
          }[];
        };
        for (const resourceSpans of request.resourceSpans) {
          const service = String(flat(resourceSpans.resource.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans)
            for (const span of scope.spans)
              spans.push({ ...span, service, parentSpanId: span.parentSpanId || undefined, attributes: flat(span.attributes) });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let database: TestDatabase | undefined;
let dataDir: string;
let gateway: ChildService;
const services: ChildService[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  database = process.env.DATABASE_URL ? await createTestDatabase('postgres') : undefined;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-traces-'));
  const storage: Record<string, string> = database?.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { PGLITE_DIR: dataDir };
  // Spans are exported within 200 ms of ending rather than the SDK's default 5 s.
  const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200', LOG_LEVEL: 'info' };
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()] as const)));
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]));
  const subgraphs = SUBGRAPHS.map((name) =>
    spawnService('scripts/start-service.js', ports[name], { SEED_ON_START: 'true', ...storage, ...urls, ...tracing }, process.execPath, [name]),
  );
  services.push(...subgraphs);
  await Promise.all(subgraphs.map((service) => waitReady(service)));
  gateway = spawnService('gateway/index.js', await freePort(), { ...urls, ...tracing });
  services.push(gateway);
  await waitReady(gateway);
}, 420_000);

afterAll(async () => {
  for (const service of services) await kill(service);
  await receiver?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The spans of the trace in which the gateway served `operation`, once all of them arrived. */
async function traceOf(operation: string, services: string[]): Promise<Span[]> {
  return waitFor(
    async () => {
      const root = receiver.spans.find(
        (span) => span.service === 'gateway' && !span.parentSpanId && span.attributes['graphql.operation.name'] === operation,
      );
      const traceId = root?.traceId ?? receiver.spans.find((span) => span.service === 'gateway' && JSON.stringify(span).includes(operation))?.traceId;
      if (!traceId) return undefined;
      const spans = receiver.spans.filter((span) => span.traceId === traceId);
      // Complete once the root, every span named as a parent and each service's statements arrived
      // (processes export in batches of their own, in no set order).
      const ids = new Set(spans.map((span) => span.spanId));
      const complete =
        spans.some((span) => !span.parentSpanId) &&
        spans.every((span) => !span.parentSpanId || ids.has(span.parentSpanId)) &&
        services.every((service) => spans.some((span) => span.service === service && span.attributes['db.query.text']));
      return complete ? spans : undefined;
    },
    60_000,
    `the trace of ${operation}`,
  );
}

describe('traces', () => {
  it('makes one request across the subgraphs one trace: gateway, then subgraph requests, then database statements', async () => {
    const answer = await postJson(gateway.url, { query: EXAMPLE_QUERY.replace('query PartnerWalk', 'query TracedWalk') });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const spans = await traceOf('TracedWalk', ['partners', 'situations']);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const roots = spans.filter((span) => !span.parentSpanId);
    expect(roots.map((span) => span.service)).toEqual(['gateway']);
    // Every parent a span names is in the trace: the chain is unbroken.
    for (const span of spans) if (span.parentSpanId) expect(byId.has(span.parentSpanId)).toBe(true);
    const ancestors = (span: Span): Span[] => (span.parentSpanId ? [byId.get(span.parentSpanId)!, ...ancestors(byId.get(span.parentSpanId)!)] : []);
    for (const service of ['partners', 'situations']) {
      const statements = spans.filter((span) => span.service === service && span.attributes['db.query.text']);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const chain = ancestors(statement);
        // Beneath the subgraph's own request span, which is beneath the gateway's call to it.
        expect(chain.some((span) => span.service === service && span.attributes['http.request.method'] === 'POST')).toBe(true);
        expect(chain.at(-1)!.service).toBe('gateway');
        // Both engines' spans under the stable names (pg's instrumentation, and ours for PGlite).
        expect(statement.attributes['db.system.name']).toBe('postgresql');
        expect(String(statement.attributes['db.query.text'])).toMatch(/^\s*(SELECT|WITH)/i);
        // The text only: no bound values (the partner's code is a parameter of the statement).
        expect(String(statement.attributes['db.query.text'])).not.toContain('ICGLR');
      }
    }
    const resources = new Set(spans.map((span) => span.service));
    expect(resources.has('gateway') && resources.has('partners') && resources.has('situations')).toBe(true);
  });

  it('carries the trace on a call from one subgraph to another (situations asking partners for member states)', async () => {
    const query = 'query PeerTraced { situations(first: 3, filter: { partner: "ICGLR" }) { nodes { title } } }';
    const answer = await postJson(gateway.url, { query });
    expect(answer.body.errors).toBeUndefined();
    const spans = await traceOf('PeerTraced', ['situations', 'partners']);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    // The partners subgraph's request span hangs beneath situations' outgoing call, not the gateway's.
    const served = spans.filter((span) => span.service === 'partners' && span.attributes['http.request.method'] === 'POST' && span.parentSpanId);
    expect(served.map((span) => byId.get(span.parentSpanId!)!.service)).toContain('situations');
  });

  it("starts a new trace rather than continuing a client's traceparent", async () => {
    const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const answer = await postJson(
      gateway.url,
      { query: EXAMPLE_QUERY.replace('query PartnerWalk', 'query ClientTraced') },
      { traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` },
    );
    expect(answer.status).toBe(200);
    const spans = await traceOf('ClientTraced', ['partners']);
    expect(spans[0].traceId).not.toBe(clientTrace);
    expect(spans.filter((span) => !span.parentSpanId).map((span) => span.service)).toEqual(['gateway']);
    expect(receiver.spans.some((span) => span.traceId === clientTrace)).toBe(false);
  });

  it('writes the trace id on the log lines of a traced request', async () => {
    const answer = await postJson(gateway.url, { query: EXAMPLE_QUERY.replace('query PartnerWalk', 'query LoggedWalk') });
    const requestId = answer.headers.get('x-request-id')!;
    const spans = await traceOf('LoggedWalk', ['partners']);
    const lines = await waitFor(
      async () => {
        const found = services
          .flatMap((service) => service.output().split('\n'))
          .filter((line) => line.includes(requestId) && line.includes('"message":"request"'))
          .map((line) => JSON.parse(line) as { service: string; traceId?: string; spanId?: string });
        return found.some((line) => line.service === 'gateway') && found.some((line) => line.service === 'partners') ? found : undefined;
      },
      30_000,
      `the request lines of ${requestId}`,
    );
    for (const line of lines) {
      expect(line.traceId).toBe(spans[0].traceId);
      expect(line.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('loads no tracing module and exports nothing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    // @apollo/gateway loads @opentelemetry/api (and its own metrics) whatever we do; the SDK,
    // exporters and instrumentations are ours to load, and must stay unloaded.
    const script = `
      require('./platform/tracing-start');
      require('./gateway/server');
      require('./subgraphs/kernel/service/subgraph-service');
      const loaded = Object.keys(require.cache).filter((file) => /sdk-trace|exporter-trace|instrumentation|tracing-sdk/.test(file));
      console.log(JSON.stringify({ loaded, ids: require('./platform/tracing').traceIds() ?? null }));`;
    const env = { ...process.env };
    delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const off = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: DIST, env, encoding: 'utf8' }).trim().split('\n').pop()!);
    expect(off).toEqual({ loaded: [], ids: null });
    const on = JSON.parse(
      execFileSync(process.execPath, ['-e', script], {
        cwd: DIST,
        env: { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' },
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop()!,
    );
    // The same probe sees them when the variable is set: it can fail.
    expect(on.loaded.length).toBeGreaterThan(0);
  });
});
