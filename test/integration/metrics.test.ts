// GET /metrics at the gateway and a subgraph: counters move by the requests made, errors are
// counted by code, a stopped subgraph shows as failures, and operation labels stay bounded.
import { randomBytes } from 'node:crypto';
import { OPERATION_LABEL_CAP } from '../../platform/metrics';
import { startHub, type Hub } from '../support/hub';
import { scrape, total } from '../support/observability';
import { tokenFor, users } from '../support/users';

let hub: Hub;
let analyst: string;

beforeAll(async () => {
  hub = await startHub({ gateway: { subgraphRestartWaitMs: 0 } });
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await hub?.stop();
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
