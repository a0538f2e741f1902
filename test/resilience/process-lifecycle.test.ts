// Real processes stopping: SIGTERM lets the request in flight finish, refuses new ones and exits 0
// (gateway and subgraph alike), a request that outlives the shutdown deadline is cut, and a
// subgraph killed with SIGKILL under load costs the gateway nothing but that subgraph's fields.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningGateway } from '../../gateway/server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { AU, errorsNaming, PARTNER } from './operations';
import { startTestGateway, subgraphUrlEnv } from '../support/hub';
import { baseOf, freePort, loopback, postJson, send, startSlowRequest, waitFor } from '../support/network';
import { type ChildService, kill, spawnService, vouched, waitReady } from '../support/processes';

let dataDir: string;
let database: TestDatabase | undefined;
const running: ChildService[] = [];

/** Where the spawned subgraphs keep their data: the test PostgreSQL database when there is one. */
function databaseEnv(): Record<string, string> {
  return database?.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { PGLITE_DIR: dataDir };
}

async function startPartners(port?: number, env: Record<string, string> = {}): Promise<ChildService> {
  const service = spawnService('subgraphs/partners/index.js', port ?? (await freePort()), { SEED_ON_START: 'true', ...databaseEnv(), ...env });
  running.push(service);
  await waitReady(service);
  return service;
}

async function exitCodeWithin(service: ChildService, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  return Promise.race([service.exited, late]).finally(() => clearTimeout(timer));
}

/** True once nothing accepts connections on the service's port any more. */
async function refusesConnections(service: ChildService): Promise<boolean> {
  return send(`${baseOf(service.url)}/health`, { signal: AbortSignal.timeout(1000) }).then(
    () => false,
    () => true,
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-lifecycle-'));
  if (process.env.DATABASE_URL) database = await createTestDatabase();
});

afterAll(async () => {
  for (const service of running) await kill(service);
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

describe('SIGTERM', () => {
  it('lets a subgraph finish the request in flight, refuse new connections, and exit 0', async () => {
    const partners = await startPartners();
    const inFlight = await startSlowRequest(partners.url, { query: PARTNER }, await vouched('Partner', 'partners'));
    partners.child.kill('SIGTERM');
    await waitFor(() => refusesConnections(partners), 5000, 'the subgraph refusing new connections');
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { partner: AU } });
    expect(await exitCodeWithin(partners, 10_000)).toBe(0);
  });

  it('lets the gateway finish the request in flight, refuse new connections, and exit 0', async () => {
    const partners = await startPartners();
    const gateway = spawnService('gateway/index.js', await freePort(), await subgraphUrlEnv({ partners: partners.url }));
    running.push(gateway);
    await waitFor(async () => (await send(`${baseOf(gateway.url)}/health`)).status === 200, 30_000, 'gateway up');
    const inFlight = await startSlowRequest(gateway.url, { query: PARTNER });
    gateway.child.kill('SIGTERM');
    await waitFor(() => refusesConnections(gateway), 5000, 'the gateway refusing new connections');
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { partner: AU } });
    expect(await exitCodeWithin(gateway, 10_000)).toBe(0);
    partners.child.kill('SIGTERM');
    expect(await exitCodeWithin(partners, 10_000)).toBe(0);
  });

  it('cuts a request that outlives the shutdown deadline, and still exits 0', async () => {
    const partners = await startPartners(undefined, { SHUTDOWN_DEADLINE_MS: '1000' });
    const neverFinished = await startSlowRequest(partners.url, { query: PARTNER }, await vouched('Partner', 'partners'));
    partners.child.kill('SIGTERM');
    expect(await exitCodeWithin(partners, 10_000)).toBe(0);
    // The connection was cut: no answer, an error (errors from node:http are of another realm under jest).
    const outcome = await neverFinished.settled;
    expect(outcome).not.toHaveProperty('status');
    expect((outcome as Error).message).toMatch(/socket hang up|ECONNRESET/);
  });
});

describe('SIGKILL under load', () => {
  let gateway: RunningGateway | undefined;

  afterAll(async () => {
    await gateway?.stop(1000);
  });

  it('costs only the killed subgraph, named in every error, until a new process listens on its port', async () => {
    const partners = await startPartners();
    // A short restart window: a SIGKILLed subgraph is down, not restarting, until the test says so.
    gateway = await startTestGateway({ ...(await subgraphUrlEnv({ partners: partners.url })), SUBGRAPH_RESTART_WAIT_MS: '1000' });
    const url = loopback(gateway.url);

    // Four clients keep asking while the subgraph is killed: some answers were on their way.
    let killed = false;
    let answeredAfterKill = 0;
    const answers: Awaited<ReturnType<typeof postJson>>[] = [];
    const client = async () => {
      for (let i = 0; i < 500 && answeredAfterKill < 20; i++) {
        answers.push(await postJson(url, { query: PARTNER }));
        if (killed) answeredAfterKill++;
      }
    };
    const clients = [client(), client(), client(), client()];
    await waitFor(async () => answers.length >= 10, 10_000, 'answers before the kill');
    partners.child.kill('SIGKILL');
    killed = true;
    await partners.exited;
    await Promise.all(clients);

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(5000);
      if (answer.body.errors) {
        expect(answer.body.data).toEqual({ partner: null });
        expect(errorsNaming(answer.body, 'partners')).toHaveLength(answer.body.errors.length);
      } else {
        expect(answer.body.data).toEqual({ partner: AU });
      }
    }
    expect(answers.filter((a) => a.body.errors).length).toBeGreaterThan(0);
    expect((await send(`${baseOf(gateway.url)}/health`)).status).toBe(200);

    await startPartners(Number(new URL(partners.url).port));
    const recovered = await waitFor(
      async () => {
        const answer = await postJson(url, { query: PARTNER });
        return answer.body.errors ? undefined : answer;
      },
      10_000,
      'a full answer from the restarted subgraph',
    );
    expect(recovered.body).toEqual({ data: { partner: AU } });
  });
});
