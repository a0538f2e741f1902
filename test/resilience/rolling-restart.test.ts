// A rolling restart under a steady read load: a subgraph process gets SIGTERM and a new one starts
// on the same port while clients keep asking through the gateway. The request in flight finishes,
// and the gateway keeps retrying a refused connection until the new process listens
// (SUBGRAPH_RESTART_WAIT_MS), so no client sees an error, and answers go on after the restart.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { RunningGateway } from '../../gateway/server';
import { SubgraphDataSource } from '../../gateway/subgraph-data-source';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { FRAMEWORK, FRAMEWORK_2014 } from './operations';
import { startTestGateway, subgraphUrlEnv } from '../support/hub';
import { type Answer, freePort, loopback, postJson, send } from '../support/network';
import { type ChildService, kill, spawnService, waitReady } from '../support/processes';

/** The partners subgraph alone, with a list from its database. */
const PARTNER_MEMBERS = `query PartnerMembers { partner(code: "AU") { name memberStates { iso3 } } }`;

let dataDir: string;
let database: TestDatabase | undefined;
let gateway: RunningGateway | undefined;
const services: Record<'partners' | 'situations', ChildService | undefined> = { partners: undefined, situations: undefined };
const ports: Record<'partners' | 'situations', number> = { partners: 0, situations: 0 };
const everyService: ChildService[] = [];

/** Where the spawned subgraphs keep their data: the test PostgreSQL database when there is one. */
function databaseEnv(): Record<string, string> {
  return database?.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { PGLITE_DIR: dataDir };
}

async function startService(name: 'partners' | 'situations'): Promise<ChildService> {
  const peers = { PARTNERS_URL: `http://127.0.0.1:${ports.partners}/graphql`, SITUATIONS_URL: `http://127.0.0.1:${ports.situations}/graphql` };
  const service = spawnService(`subgraphs/${name}/index.js`, ports[name], { SEED_ON_START: 'true', ...peers, ...databaseEnv() });
  everyService.push(service);
  services[name] = service;
  await waitReady(service);
  return service;
}

interface Timed {
  answer?: Answer;
  error?: unknown;
  query: string;
  sentAt: number;
  doneAt: number;
}

/**
 * Two clients sending the two queries in turn without pause, and a third sending one every 100 ms
 * whether or not the last was answered (so requests keep arriving while a subgraph is away), until
 * stop(): every outcome is kept, a connection error to the gateway included.
 */
function steadyLoad(url: string) {
  const outcomes: Timed[] = [];
  const pending = new Set<Promise<void>>();
  let stopping = false;
  const ask = async (query: string) => {
    const sentAt = Date.now();
    try {
      // The client waits as long as the gateway's window does (see beforeAll).
      const answer = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(150_000),
      });
      outcomes.push({ answer, query, sentAt, doneAt: Date.now() });
    } catch (error) {
      outcomes.push({ error, query, sentAt, doneAt: Date.now() });
    }
  };
  const client = async (queries: string[]) => {
    for (let i = 0; !stopping; i++) await ask(queries[i % queries.length]);
  };
  let paced = 0;
  const pacer = setInterval(() => {
    const request = ask(paced++ % 2 === 0 ? PARTNER_MEMBERS : FRAMEWORK);
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }, 100);
  const clients = [client([PARTNER_MEMBERS, FRAMEWORK]), client([FRAMEWORK, PARTNER_MEMBERS])];
  return {
    outcomes,
    stop: async () => {
      stopping = true;
      clearInterval(pacer);
      await Promise.all([...clients, ...pending]);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-rolling-'));
  if (process.env.DATABASE_URL) database = await createTestDatabase();
  ports.partners = await freePort();
  ports.situations = await freePort();
  await Promise.all([startService('partners'), startService('situations')]);
  // The window covers a restart on a busy machine (one took 19 s at a load of 12): what is
  // tested is that no request fails while it lasts, not how fast a process starts.
  gateway = await startTestGateway({
    ...(await subgraphUrlEnv({ partners: services.partners!.url, situations: services.situations!.url })),
    SUBGRAPH_RESTART_WAIT_MS: '90000',
    SUBGRAPH_TIMEOUT_MS: '120000',
    REQUEST_TIMEOUT_MS: '150000',
  });
}, 300_000);

afterAll(async () => {
  await gateway?.stop(1000);
  for (const service of everyService) await kill(service);
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

describe('a rolling restart under a steady read load', () => {
  let expected: Record<string, unknown>;

  beforeAll(async () => {
    const url = loopback(gateway!.url);
    expected = {};
    for (const query of [PARTNER_MEMBERS, FRAMEWORK]) {
      const answer = await postJson(url, { query });
      expect(answer.body.errors).toBeUndefined();
      expected[query] = answer.body;
    }
    expect(expected[FRAMEWORK]).toEqual({ data: { framework: FRAMEWORK_2014 } });
    expect((expected[PARTNER_MEMBERS] as { data: { partner: { memberStates: unknown[] } } }).data.partner.memberStates.length).toBeGreaterThan(0);
  });

  it.each(['partners', 'situations'] as const)(
    'of the %s subgraph fails no request, and answers go on after it',
    async (name) => {
      const load = steadyLoad(loopback(gateway!.url));
      await sleep(500);
      const old = services[name]!;
      const termAt = Date.now();
      old.child.kill('SIGTERM');
      expect(await old.exited).toBe(0);
      const exitedAt = Date.now();
      await startService(name);
      const readyAt = Date.now();
      await sleep(1000);
      await load.stop();

      const failed = load.outcomes.filter(
        (o) => o.error || o.answer!.status !== 200 || o.answer!.body?.errors || JSON.stringify(o.answer!.body) !== JSON.stringify(expected[o.query]),
      );
      const slowest = Math.max(...load.outcomes.map((o) => o.doneAt - o.sentAt));
      const during = load.outcomes.filter((o) => o.sentAt >= termAt && o.sentAt < readyAt).length;
      const after = load.outcomes.filter((o) => o.sentAt >= readyAt).length;
      // The numbers a reader of the test log wants: how long the subgraph was gone and what it cost.
      console.log(
        `${name} restart: exited ${exitedAt - termAt} ms after SIGTERM, ready again ${readyAt - exitedAt} ms later; ` +
          `${load.outcomes.length} requests (${during} sent while it restarted, ${after} after), ${failed.length} failed, slowest ${slowest} ms`,
      );
      expect(failed.map((o) => o.error ?? o.answer!.text)).toEqual([]);
      expect(during).toBeGreaterThan(0);
      expect(after).toBeGreaterThanOrEqual(5);
    },
    300_000,
  );
});

describe('a refused connection', () => {
  /** A subgraph that starts listening on `port` after `delayMs`, answering every request; counts what it received. */
  function listenLater(port: number, delayMs: number) {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { acknowledgeAlert: { id: '1' } } }));
    });
    const timer = setTimeout(() => server.listen(port, '127.0.0.1'), delayMs);
    return {
      requests: () => requests,
      close: () =>
        new Promise<void>((resolve) => {
          clearTimeout(timer);
          server.closeAllConnections();
          if (server.listening) server.close(() => resolve());
          else resolve();
        }),
    };
  }
  const mutation = 'mutation Acknowledge { acknowledgeAlert(id: "1") { id } }';
  const run = (source: SubgraphDataSource) =>
    source.process({ kind: 'health check' as never, request: { query: mutation, variables: {} }, context: {} }).then(
      (response) => response,
      (error: unknown) => error as { message: string; extensions: Record<string, unknown> },
    );

  it('is retried, even for a mutation (it never reached the subgraph), until the subgraph listens', async () => {
    const port = await freePort();
    const later = listenLater(port, 700);
    try {
      const started = Date.now();
      const response = await run(new SubgraphDataSource('alerts', `http://127.0.0.1:${port}/graphql`, 5000));
      expect(response).toMatchObject({ data: { acknowledgeAlert: { id: '1' } } });
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect(later.requests()).toBe(1);
    } finally {
      await later.close();
    }
  });

  it('is not retried beyond SUBGRAPH_RESTART_WAIT_MS, nor at all for a mutation when it is 0', async () => {
    const port = await freePort();
    const later = listenLater(port, 1500);
    try {
      const source = new SubgraphDataSource('alerts', `http://127.0.0.1:${port}/graphql`, 5000);
      source.restartWaitMs = 500;
      let started = Date.now();
      const late = await run(source);
      expect(late).toMatchObject({ message: 'Subgraph alerts could not be reached', extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'alerts' } });
      // Given up before the listener comes (at 1500 ms): the window (500 ms) bounds the wait.
      expect(later.requests()).toBe(0);
      // Still refusing, its window spent: the next call fails at once instead of waiting again
      // (well under the window, whatever the machine's load).
      started = Date.now();
      expect(await run(source)).toMatchObject({ message: 'Subgraph alerts could not be reached' });
      expect(Date.now() - started).toBeLessThan(source.restartWaitMs);

      const off = new SubgraphDataSource('alerts', `http://127.0.0.1:${port}/graphql`, 5000);
      off.restartWaitMs = 0;
      started = Date.now();
      expect(await run(off)).toMatchObject({ message: 'Subgraph alerts could not be reached' });
      expect(Date.now() - started).toBeLessThan(500);
      expect(later.requests()).toBe(0);
    } finally {
      await later.close();
    }
  });
});
