// `npm start` as a newcomer runs it: the gateway and every subgraph of the manifest with a module, seeded databases, the endpoint printed,
// the example query answered, a service that dies started again while the others go on serving,
// and Ctrl-C stopping everything cleanly within 5 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { moduleEntries } from '../../platform/manifest';
import { EXAMPLE_QUERY } from '../../scripts/start';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { postGraphQL } from '../support/hub';
import { freePort } from '../support/network';

describe('npm start', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  let database: TestDatabase | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('brings up the seeded hub, prints the endpoint, serves the example query and stops on Ctrl-C', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', PGLITE_DIR: dataDir, HUB_KEYS_DIR: path.join(dataDir, 'keys') };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      if (database.target.kind === 'postgres') env.DATABASE_URL = database.target.url;
    }
    const ports: Record<string, number> = {};
    for (const name of ['GATEWAY', ...moduleEntries().map((entry) => entry.name.toUpperCase())]) {
      ports[name] = await freePort();
      env[`${name}_PORT`] = String(ports[name]);
    }
    child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const endpoint = `http://localhost:${ports.GATEWAY}/graphql`;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub not ready in time:\n${output}`)), 240_000);
      const check = () => {
        if (output.includes(`The hub is ready: ${endpoint}`)) {
          clearTimeout(timer);
          resolve();
        } else if (child!.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`start exited early:\n${output}`));
        } else setTimeout(check, 200);
      };
      check();
    });
    expect(output).toContain('PartnerWalk');
    // It names each subgraph it started, on its port.
    expect(output).toContain(
      `subgraphs: ${moduleEntries()
        .map((entry) => `${entry.name} :${ports[entry.name.toUpperCase()]}`)
        .join(', ')}`,
    );

    const response = await postGraphQL<{ partner: { memberStates: { iso3: string; situations: unknown[]; trainingSessions: unknown[] }[] } }>(
      `http://127.0.0.1:${ports.GATEWAY}/graphql`,
      EXAMPLE_QUERY,
    );
    expect(response.errors).toBeUndefined();
    const members = response.data!.partner.memberStates;
    expect(members.length).toBe(12);
    expect(members.some((m) => m.situations.length > 0)).toBe(true);
    expect(members.some((m) => m.trainingSessions.length > 0)).toBe(true);
    for (const port of Object.values(ports)) expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    // The two pages it names answer a browser.
    for (const page of [endpoint, `http://localhost:${ports.GATEWAY}/dashboard`]) {
      expect(output).toContain(page);
      const answer = await fetch(page.replace('localhost', '127.0.0.1'), { headers: { accept: 'text/html' } });
      expect([page, answer.status, answer.headers.get('content-type')]).toEqual([page, 200, expect.stringMatching(/^text\/html/)]);
    }
    // The development key pair was made on first start, and the gateway serves its public half only.
    expect(existsSync(path.join(dataDir, 'keys', 'hub-gateway-signing-key.json'))).toBe(true);
    const jwks = (await (await fetch(`http://127.0.0.1:${ports.GATEWAY}/.well-known/hub-jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBe(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');

    // The training subgraph dies: it is started again, and meanwhile every answer keeps the rest.
    const pidOf = (name: string) => [...output.matchAll(new RegExp(`${name} started \\(pid (\\d+)`, 'g'))].map((m) => Number(m[1]));
    const [trainingPid] = pidOf('training');
    process.kill(trainingPid, 'SIGKILL');
    const deadline = Date.now() + 90_000;
    let whole = false;
    while (!whole) {
      if (Date.now() > deadline) throw new Error(`training did not come back:\n${output}`);
      const answer = await postGraphQL<{ partner: { memberStates: { situations: unknown[] | null; trainingSessions: unknown[] | null }[] } }>(
        `http://127.0.0.1:${ports.GATEWAY}/graphql`,
        EXAMPLE_QUERY,
      );
      expect(answer.data!.partner.memberStates).toHaveLength(12);
      expect(answer.data!.partner.memberStates.every((m) => Array.isArray(m.situations))).toBe(true);
      for (const error of answer.errors ?? []) expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_ERROR', serviceName: 'training' });
      whole = answer.errors === undefined && pidOf('training').length === 2;
      if (!whole) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toMatch(/training exited \(SIGKILL\); starting it again in \d+ ms/);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const stopAt = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(5000);
    expect(output).not.toMatch(/did not (finish|stop)/);
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
    // Five processes migrating and seeding on a busy 2-core machine: the deadline is generous.
  }, 420_000);
});
