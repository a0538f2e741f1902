// The HTTP shell's limits, set through configuration: requests in flight, time per request, and
// query nesting; and the configuration refusing values it cannot use.
import { readGatewayConfig } from '../../gateway/config';
import type { RunningGateway } from '../../gateway/server';
import { readServiceConfig } from '../../subgraphs/kernel/service/config';
import { isConnectionError } from '../../subgraphs/kernel/db/database';
import { MAX_QUERY_NESTING, queryNesting } from '../../platform/http/bracket-depth';
import { PARTNER_AND_TRAINING_SESSION } from './operations';
import { startTestGateway, subgraphUrlEnv } from '../support/hub';
import { baseOf, loopback, postJson, send, startHangingServer, startSlowRequest } from '../support/network';

describe('MAX_IN_FLIGHT', () => {
  let gateway: RunningGateway | undefined;

  afterAll(async () => {
    await gateway?.stop(1000);
  });

  it('answers 503 with Retry-After beyond the cap, at once, and serves again when a request finishes', async () => {
    gateway = await startTestGateway({ ...(await subgraphUrlEnv({})), MAX_IN_FLIGHT: '2' });
    const url = loopback(gateway.url);
    const first = await startSlowRequest(url, { query: '{ __typename }' });
    const second = await startSlowRequest(url, { query: '{ __typename }' });

    const refused = await postJson(url, { query: '{ __typename }' });
    expect(refused.status).toBe(503);
    expect(refused.ms).toBeLessThan(5000);
    expect(refused.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    const raw = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(raw.headers.get('retry-after')).toBe('1');
    await raw.text();
    // Health and readiness are not /graphql requests and are never refused for load.
    expect((await send(`${baseOf(url)}/health`)).status).toBe(200);

    expect((await first.finish()).status).toBe(200);
    expect((await second.finish()).status).toBe(200);
    const served = await postJson(url, { query: '{ __typename }' });
    expect(served.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('REQUEST_TIMEOUT_MS', () => {
  it('answers 503 TIMEOUT when a request takes longer, even while a subgraph still hangs', async () => {
    const hanging = await startHangingServer();
    const gateway = await startTestGateway({
      ...(await subgraphUrlEnv({ training: hanging.url })),
      REQUEST_TIMEOUT_MS: '1000',
      SUBGRAPH_TIMEOUT_MS: '20000',
    });
    try {
      const answer = await postJson(loopback(gateway.url), { query: PARTNER_AND_TRAINING_SESSION });
      expect(answer.status).toBe(503);
      expect(answer.ms).toBeLessThan(5000);
      expect(answer.body.errors).toEqual([{ message: 'The request took longer than 1000 ms', extensions: { code: 'TIMEOUT' } }]);
      expect((await send(`${baseOf(gateway.url)}/health`)).status).toBe(200);
    } finally {
      await gateway.stop(1000);
      await hanging.close();
    }
  });
});

describe('query nesting', () => {
  it.each([
    ['{ a }', 1],
    ['{ a { b(x: [1, [2]]) } }', 5],
    ['{ a(s: "{{{{[[[(((") }', 2],
    ['{ a(s: """ {{{ "" {{{ """) }', 2],
    ['# {{{{{{\n{ a }', 1],
    ['{ a(s: "\\"{{{") }', 2],
  ])('counts %j as %i deep, outside strings and comments', (query, depth) => {
    expect(queryNesting(query)).toBe(depth);
  });

  it('stops counting once past the limit', () => {
    expect(queryNesting('{'.repeat(1_000_000))).toBe(MAX_QUERY_NESTING + 1);
  });
});

describe('configuration', () => {
  it.each([
    ['MAX_IN_FLIGHT', '-1'],
    ['REQUEST_TIMEOUT_MS', 'soon'],
    ['SHUTDOWN_DEADLINE_MS', '1.5'],
    ['TRAINING_TIMEOUT_MS', '-5'],
  ])('refuses %s=%s at the gateway', (variable, value) => {
    expect(() => readGatewayConfig({ [variable]: value })).toThrow(variable);
  });

  it.each([
    ['MAX_IN_FLIGHT', 'many'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '0'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-1'],
  ])('refuses %s=%s at a subgraph', (variable, value) => {
    expect(() => readServiceConfig('partners', 4002, { [variable]: value })).toThrow(variable);
  });

  it('reads per-subgraph timeouts and limits, leaving unset ones to the defaults', () => {
    const config = readGatewayConfig({ SITUATIONS_TIMEOUT_MS: '2500', MAX_IN_FLIGHT: '64' });
    expect(config.subgraphTimeouts).toEqual({ situations: 2500 });
    expect(config.limits).toEqual({ maxInFlight: 64, requestTimeoutMs: undefined, shutdownDeadlineMs: undefined });
  });
});

describe('database failures', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    ['a server shutting down (57P01)', { message: 'terminating connection due to administrator command', code: '57P01' }, true],
    ['a connection exception (08006)', { message: 'connection failure', code: '08006' }, true],
    ['a dropped connection, wrapped by TypeORM', { message: 'Query failed', driverError: new Error('Connection terminated unexpectedly') }, true],
    ['a unique violation', { message: 'duplicate key value', code: '23505' }, false],
    ['a statement timeout', { message: 'canceling statement due to statement timeout', code: '57014' }, false],
  ])('tells %s apart as %s', (_case, error, expected) => {
    expect(isConnectionError(error)).toBe(expected);
  });
});
