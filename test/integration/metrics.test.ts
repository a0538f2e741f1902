// GET /metrics at the gateway and a subgraph: counters move by the requests made, errors are
// counted by code, a stopped subgraph shows as failures, operation labels stay bounded (the trusted
// documents' names always labelled), and METRICS_TOKEN (or its file) guards the endpoint.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../gateway/persisted-operations';
import { OPERATION_LABEL_CAP } from '../../platform/metrics';
import { startHub, type Hub } from '../support/hub';
import { freePort, loopback, postJson, send } from '../support/network';
import { scrape, total } from '../support/observability';
import { spawnService, waitReady } from '../support/processes';
import { tokenFor, users } from '../support/users';

const TRUSTED = 'query TrustedPartners { partners { code } }';
const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;

let hub: Hub;
let analyst: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-metrics-'));
  const manifest = path.join(dir, 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [sha256Hex(TRUSTED)]: TRUSTED }));
  hub = await startHub({ gateway: { subgraphRestartWaitMs: 0, persistedOperations: [manifest] } });
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('metrics', () => {
  it('counts requests, latency, subgraph calls and database statements for a known operation', async () => {
    const before = { gateway: await scrape(hub.gateway.url), partners: await scrape(hub.subgraphs.partners.url) };
    for (let i = 0; i < 3; i++) {
      const answer = await hub.query('query MetricsProbe { partners { code } }', undefined, { token: analyst });
      expect(answer.errors).toBeUndefined();
    }
    const after = { gateway: await scrape(hub.gateway.url), partners: await scrape(hub.subgraphs.partners.url) };
    const moved = (service: 'gateway' | 'partners', name: string, labels: Record<string, string>) =>
      total(after[service], name, labels) - total(before[service], name, labels);
    expect(moved('gateway', 'hub_http_requests_total', { service: 'gateway', operation: 'MetricsProbe', status: '200' })).toBe(3);
    expect(moved('gateway', 'hub_http_request_duration_seconds_count', { operation: 'MetricsProbe' })).toBe(3);
    expect(moved('gateway', 'hub_subgraph_request_duration_seconds_count', { subgraph: 'partners' })).toBe(3);
    expect(moved('partners', 'hub_http_requests_total', { service: 'partners', operation: 'MetricsProbe', status: '200' })).toBe(3);
    expect(moved('partners', 'hub_db_query_duration_seconds_count', { service: 'partners' })).toBeGreaterThanOrEqual(3);
    expect(total(after.partners, 'hub_db_pool_connections', { service: 'partners', state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(total(after.gateway, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts errors by code', async () => {
    const before = await scrape(hub.gateway.url);
    await hub.query('query Broken { noSuchField }');
    const after = await scrape(hub.gateway.url);
    const code = { code: 'GRAPHQL_VALIDATION_FAILED' };
    expect(total(after, 'hub_graphql_errors_total', code) - total(before, 'hub_graphql_errors_total', code)).toBe(1);
  });

  it('keeps operation labels bounded under 200 random operation names', async () => {
    for (let i = 0; i < 200; i++) await hub.query(`query Random_${randomBytes(6).toString('hex')} { __typename }`);
    const operations = new Set((await scrape(hub.gateway.url)).filter((s) => s.name === 'hub_http_requests_total').map((s) => s.labels.operation));
    expect(operations.size).toBeLessThanOrEqual(OPERATION_LABEL_CAP + 2);
    expect(operations.has('other')).toBe(true);
    // The cap is full of junk, and the trusted document's operation still counts under its own name.
    const answer = await postJson(loopback(hub.gateway.url), { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(TRUSTED) } } });
    expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
    const labelled = (await scrape(hub.gateway.url)).filter((s) => s.name === 'hub_http_requests_total' && s.labels.operation === 'TrustedPartners');
    expect(labelled.map((s) => s.value)).toEqual([1]);
  });

  it('shows a stopped subgraph as subgraph failures', async () => {
    const before = await scrape(hub.gateway.url);
    await hub.subgraphs.training.stop(1000);
    const answer = await hub.query('query Training { trainingSessions(first: 1) { nodes { title } } }');
    expect(answer.errors?.[0].extensions?.code).toBe('SUBGRAPH_ERROR');
    const after = await scrape(hub.gateway.url);
    const failures = { subgraph: 'training', reason: 'unreachable' };
    expect(total(after, 'hub_subgraph_request_failures_total', failures) - total(before, 'hub_subgraph_request_failures_total', failures)).toBe(1);
  });
});

describe('METRICS_TOKEN', () => {
  const wrong = `metrics-${randomBytes(12).toString('hex')}`;
  const statusOf = async (url: string, authorization?: string) =>
    (await send(`${url}/metrics`, { headers: authorization ? { authorization } : {} })).status;

  it('at the gateway: 401 without the token or with another, 200 with it', async () => {
    const guarded = await startHub({ gateway: { metricsToken: METRICS_TOKEN } });
    try {
      const base = new URL(guarded.gateway.url).origin;
      expect(await statusOf(base)).toBe(401);
      expect(await statusOf(base, `Bearer ${wrong}`)).toBe(401);
      expect(await statusOf(base, METRICS_TOKEN)).toBe(401);
      expect(await statusOf(base, `Bearer ${METRICS_TOKEN}`)).toBe(200);
    } finally {
      await guarded.stop();
    }
  });

  it('at a subgraph process, read from METRICS_TOKEN_FILE', async () => {
    const file = path.join(dir, 'metrics-token');
    writeFileSync(file, `${METRICS_TOKEN}\n`);
    const service = spawnService('subgraphs/training/index.js', await freePort(), { METRICS_TOKEN_FILE: file });
    try {
      await waitReady(service);
      const base = new URL(service.url).origin;
      expect(await statusOf(base)).toBe(401);
      expect(await statusOf(base, `Bearer ${wrong}`)).toBe(401);
      expect(await statusOf(base, `Bearer ${METRICS_TOKEN}`)).toBe(200);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  });

  it('a subgraph refuses to start on a METRICS_TOKEN_FILE it cannot read, or a token too short', async () => {
    for (const [env, said] of [
      [{ METRICS_TOKEN_FILE: path.join(dir, 'missing') }, /METRICS_TOKEN_FILE .*missing cannot be read: ENOENT/],
      [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters/],
    ] as const) {
      const service = spawnService('subgraphs/training/index.js', await freePort(), env);
      expect(await service.exited).not.toBe(0);
      expect(service.output()).toMatch(said);
    }
  });
});
