// `npm start` as a newcomer runs it: five processes, seeded databases, the endpoint printed,
// the example query answered, and Ctrl-C stopping everything cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE_QUERY } from '../../scripts/start';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { postGraphQL } from '../support/hub';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', PGLITE_DIR: dataDir };
    if (process.env.DATABASE_URL) {
      database = await createTestDatabase();
      if (database.target.kind === 'postgres') env.DATABASE_URL = database.target.url;
    }
    const ports: Record<string, number> = {};
    for (const name of ['GATEWAY', 'SITUATIONS', 'PARTNERS', 'TRAINING', 'ALERTS']) {
      ports[name] = await freePort();
      env[`${name}_PORT`] = String(ports[name]);
    }
    child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'scripts', 'start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const endpoint = `http://localhost:${ports.GATEWAY}/graphql`;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub not ready in time:\n${output}`)), 100_000);
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

    const response = await postGraphQL<{ partner: { memberStates: { iso3: string; situations: unknown[]; trainingSessions: unknown[] }[] } }>(
      `http://127.0.0.1:${ports.GATEWAY}/graphql`,
      EXAMPLE_QUERY,
    );
    expect(response.errors).toBeUndefined();
    const members = response.data!.partner.memberStates;
    expect(members.length).toBe(12);
    expect(members.some((m) => m.situations.length > 0)).toBe(true);
    expect(members.some((m) => m.trainingSessions.length > 0)).toBe(true);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });
});
