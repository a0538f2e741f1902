// A subgraph that dies in the middle of a query, hangs, or drops a connection: the gateway answers
// with what the other subgraphs gave and an error naming the missing one, within a bounded time,
// retries only what is safe to send twice, and serves full answers again once the subgraph is back.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphDataSource } from '../../gateway/subgraph-data-source';
import type { RunningGateway } from '../../gateway/server';
import type { RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { errorsNaming, FRAMEWORK_2014, ICGLR, PARTNER, PARTNER_AND_FRAMEWORK, PARTNER_AND_TRAINING_SESSION } from './operations';
import { startSubgraphs, startTestGateway, subgraphUrlEnv } from '../support/hub';
import { baseOf, loopback, postJson, revealsNothing, send, startFlakyProxy, startHangingServer } from '../support/network';

let database: TestDatabase;
let partners: RunningSubgraph;
let situations: RunningSubgraph;
let gateway: RunningGateway;
const peerUrls: Record<string, string> = {};
// Set by a test to act on the next SQL statement the situations subgraph runs.
let onSituationsQuery: (() => void) | undefined;

async function startSituations(port: number, seed: boolean): Promise<RunningSubgraph> {
  const { situations: running } = await startSubgraphs(database.target, ['situations'], {
    seed,
    port,
    peerUrls,
    onQuery: () => onSituationsQuery?.(),
  });
  return running;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ partners } = await startSubgraphs(database.target, ['partners'], { peerUrls }));
  situations = await startSituations(0, true);
  // A short restart window: these tests are about what a client sees once a subgraph is down
  // rather than restarting (test/resilience/rolling-restart.test.ts covers the window itself).
  gateway = await startTestGateway({
    ...(await subgraphUrlEnv({ partners: partners.url, situations: situations.url })),
    SUBGRAPH_RESTART_WAIT_MS: '1000',
  });
});

afterAll(async () => {
  await gateway?.stop(1000);
  await situations?.stop(1000);
  await partners?.stop(1000);
  await database?.drop();
});

describe('a subgraph that dies in the middle of a query', () => {
  it('costs only its own fields, names itself in the error, and is served again once back on its port', async () => {
    const url = loopback(gateway.url);
    const healthy = await postJson(url, { query: PARTNER_AND_FRAMEWORK });
    expect(healthy.body.errors).toBeUndefined();
    expect(healthy.body.data).toEqual({ partner: ICGLR, framework: FRAMEWORK_2014 });

    // The situations subgraph drops every connection and stops listening while it reads the
    // database for this very query: to the gateway it is a process that died mid-request.
    const port = situations.port;
    let killedMidQuery = false;
    onSituationsQuery = () => {
      onSituationsQuery = undefined;
      killedMidQuery = true;
      situations.server.closeAllConnections();
      situations.server.close();
    };
    const during = await postJson(url, { query: PARTNER_AND_FRAMEWORK });
    expect(killedMidQuery).toBe(true);
    expect(during.ms).toBeLessThan(5000);
    expect(during.status).toBe(200);
    expect(during.body.data).toEqual({ partner: ICGLR, framework: null });
    expect(errorsNaming(during.body, 'situations')).toHaveLength(1);
    expect(during.body.errors).toHaveLength(1);
    expect(revealsNothing(during.text)).toBe(true);

    // Still down: the answer comes as fast, and the gateway itself is fine.
    const down = await postJson(url, { query: PARTNER_AND_FRAMEWORK });
    expect(down.ms).toBeLessThan(5000);
    expect(down.body.data).toEqual({ partner: ICGLR, framework: null });
    expect(errorsNaming(down.body, 'situations')[0].message).toMatch(/situations could not be reached/);
    expect((await send(`${baseOf(gateway.url)}/health`)).status).toBe(200);

    await situations.stop(1000);
    situations = await startSituations(port, false);
    const recovered = await postJson(url, { query: PARTNER_AND_FRAMEWORK });
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data).toEqual({ partner: ICGLR, framework: FRAMEWORK_2014 });
  });
});

describe('a subgraph that never answers', () => {
  it('times out on its own limit, is not retried, and the rest of the answer stands', async () => {
    const hanging = await startHangingServer();
    const slowGateway = await startTestGateway({
      ...(await subgraphUrlEnv({ partners: partners.url, training: hanging.url })),
      TRAINING_TIMEOUT_MS: '1000',
    });
    try {
      const answer = await postJson(loopback(slowGateway.url), { query: PARTNER_AND_TRAINING_SESSION });
      expect(answer.ms).toBeLessThan(5000);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ partner: ICGLR, trainingSession: null });
      const [error] = errorsNaming(answer.body, 'training');
      expect(error.message).toBe('Subgraph training did not answer within 1000 ms');
      expect(hanging.requests()).toBe(1);
      expect(revealsNothing(answer.text)).toBe(true);
    } finally {
      await slowGateway.stop(1000);
      await hanging.close();
    }
  });
});

describe('a connection that fails before the subgraph saw the request', () => {
  it('is retried once for a query, which then succeeds', async () => {
    const proxy = await startFlakyProxy(partners.port, 1, 'Partner__partners__0');
    const retryingGateway = await startTestGateway(await subgraphUrlEnv({ partners: proxy.url }));
    try {
      const answer = await postJson(loopback(retryingGateway.url), { query: PARTNER });
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.partner.code).toBe('AU');
      expect(proxy.connections()).toBe(2);
    } finally {
      await retryingGateway.stop(1000);
      await proxy.close();
    }
  });

  it('is never retried for a mutation, and the error names the subgraph', async () => {
    const proxy = await startFlakyProxy(partners.port, 1, 'acknowledgeAlert');
    const source = new SubgraphDataSource('partners', proxy.url, 5000);
    try {
      const mutation = 'mutation Acknowledge { acknowledgeAlert(id: "1") { id } }';
      const failure = await source.process({ kind: 'health check' as never, request: { query: mutation, variables: {} }, context: {} }).then(
        () => undefined,
        (error: unknown) => error as { message: string; extensions: Record<string, unknown> },
      );
      expect(failure?.extensions).toEqual({ code: 'SUBGRAPH_ERROR', serviceName: 'partners' });
      expect(failure?.message).toBe('Subgraph partners could not be reached');
      expect(proxy.connections()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describe('a subgraph that fails inside', () => {
  it('has its unexpected errors named after it, without what it said about them', async () => {
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: { partner: null },
          errors: [
            {
              message: 'relation "partner" does not exist at /srv/app/dist/x.js:12',
              path: ['partner'],
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const source = new SubgraphDataSource('partners', `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 5000);
    try {
      const response = await source.process({ kind: 'health check' as never, request: { query: PARTNER, variables: {} }, context: {} });
      expect(response.errors).toEqual([
        { message: 'Subgraph partners could not resolve this part of the query', path: ['partner'], extensions: { code: 'SUBGRAPH_ERROR' } },
      ]);
    } finally {
      server.close();
    }
  });
});
