// The hub as the bench runs it: each service its own process, started as production starts it
// (`node dist/<module>/index.js` for each manifest entry with a module, `node dist/gateway/index.js`) with NODE_ENV=production,
// a throwaway gateway key pair (as `npm run keys` writes it), bench JWT settings and ephemeral
// loopback ports; and beside them stock @apollo/gateway (stock-gateway.ts) over the same subgraphs.
// In capture mode each subgraph reaches PostgreSQL through an SQL capture proxy (sql-capture.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeKeyFiles, type KeyFiles } from '../platform/gateway-keys';
import { moduleEntries } from '../platform/manifest';
import pg from 'pg';
import { withDatabase } from '../test/support/database';
import { freePort, waitFor } from '../test/support/network';
import { startSqlCapture, type SqlCapture } from './sql-capture';

const DIST = path.resolve(__dirname, '..');
export const SUPERGRAPH_FILE = path.resolve(DIST, '..', 'schema', 'supergraph.graphql');

/** What the bench's gateways and tokens agree on; fixed for a run. */
export interface BenchSecrets {
  keys: KeyFiles;
  jwtSecret: string;
  issuer: string;
  audience: string;
  cleanUp: () => void;
}

export function createSecrets(): BenchSecrets {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-keys-'));
  return {
    keys: writeKeyFiles(dir),
    jwtSecret: randomBytes(32).toString('hex'),
    issuer: 'hub-bench-issuer',
    audience: 'hub-bench',
    cleanUp: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Service {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
}

export interface RunningServices {
  gateway: Service;
  /** Absent in capture mode. */
  stock: Service | null;
  subgraphs: Record<string, Service>;
  /** Per subgraph, in capture mode only. */
  captures: Record<string, SqlCapture>;
  /** Process name → pid, for CPU accounting. */
  pids: () => Record<string, number>;
  stop: () => Promise<void>;
}

function spawnService(name: string, script: string, port: number, env: Record<string, string | undefined>): Service {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  // BENCH_PROFILE_DIR: each service writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`, `--cpu-prof-name=${name.replace(/\W/g, '-')}-${port}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(DIST, script)], {
    env: { ...inherited, NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // The last few kilobytes, to say why a service that failed did.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, url: `http://127.0.0.1:${port}/graphql`, pid: child.pid!, child, output: () => output };
}

async function waitReady(service: Service, probe: () => Promise<boolean>): Promise<void> {
  await waitFor(
    async () => {
      if (service.child.exitCode !== null) throw new Error(`exited with ${service.child.exitCode}`);
      return probe();
    },
    240_000,
    `${service.name} ready`,
  ).catch((error: Error) => {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output()}`);
    throw new Error(`${error.message}\n${service.output()}`);
  });
}

const readyAt = (service: Service) => async () =>
  (await fetch(service.url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(2000) })).ok;

async function stopService(service: Service): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the manifest's subgraphs built on our kernel on `databaseUrl` (through capture proxies when `capture`), then our
 * gateway, then (unless capturing) the stock gateway. `seed`: load the illustrative records (the first start).
 */
export async function startServices(
  secrets: BenchSecrets,
  databaseUrl: string,
  options: {
    capture: boolean;
    seed: boolean;
    /** Start stock @apollo/gateway beside ours (by default when not capturing). */
    stock?: boolean;
    /** More environment for a service by name (a manifest entry's, or 'gateway'). */
    env?: Record<string, Record<string, string>>;
  },
): Promise<RunningServices> {
  const entries = moduleEntries();
  const names = entries.map((entry) => entry.name);
  const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()] as const)));
  const urls = Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]));
  const captures: Record<string, SqlCapture> = {};
  const started: Service[] = [];
  const stopAll = async () => {
    for (const service of started.reverse()) await stopService(service);
    for (const capture of Object.values(captures)) await capture.close();
  };
  try {
    const subgraphs: Record<string, Service> = {};
    for (const { name, module } of entries) {
      if (options.capture) captures[name] = await startSqlCapture(name, databaseUrl);
      subgraphs[name] = spawnService(name, `${module}/index.js`, ports[name], {
        ...urls,
        DATABASE_URL: options.capture ? captures[name].url : databaseUrl,
        HUB_GATEWAY_JWKS_FILE: secrets.keys.publicKeysFile,
        SEED_ON_START: String(options.seed),
        // The capture keeps everything a subgraph sends while a request is answered: the alerts
        // subgraph's background polling (its outbox, webhook worker and overdue sweep; on
        // PostgreSQL the outbox is woken by LISTEN anyway) would be taken for the request's SQL.
        ...(options.capture ? { ALERT_OUTBOX_POLL_MS: '3600000', ALERT_WEBHOOK_POLL_MS: '1h', ALERT_ACK_SWEEP_MS: '3600000' } : {}),
        ...options.env?.[name],
      });
      started.push(subgraphs[name]);
    }
    // One after another would double the start on two cores; together they take turns on each schema's lock anyway.
    await Promise.all(Object.values(subgraphs).map((service) => waitReady(service, readyAt(service))));
    const gatewayEnv = {
      ...urls,
      HUB_JWT_SECRET: secrets.jwtSecret,
      HUB_JWT_ISSUER: secrets.issuer,
      HUB_JWT_AUDIENCE: secrets.audience,
      HUB_GATEWAY_SIGNING_KEY_FILE: secrets.keys.signingKeyFile,
      HUB_GATEWAY_JWKS_FILE: secrets.keys.publicKeysFile,
    };
    const gateway = spawnService('gateway', 'gateway/index.js', await freePort(), { ...gatewayEnv, ...options.env?.gateway });
    started.push(gateway);
    await waitReady(gateway, readyAt(gateway));
    let stock: Service | null = null;
    if (options.stock ?? !options.capture) {
      stock = spawnService('stock gateway', 'bench/stock-gateway.js', await freePort(), { ...gatewayEnv, SUPERGRAPH_PATH: SUPERGRAPH_FILE });
      started.push(stock);
      const service = stock;
      await waitReady(stock, async () => {
        const response = await fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
          signal: AbortSignal.timeout(2000),
        });
        return response.ok;
      });
    }
    return {
      gateway,
      stock,
      subgraphs,
      captures,
      pids: () => Object.fromEntries(started.map((service) => [service.name, service.pid])),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A throwaway database of the run's own on the server at `serverUrl`. */
export interface BenchDatabase {
  database: string;
  databaseUrl: string;
  /** Connected to the server's own database, so that its backend is not among the bench database's. */
  admin: pg.Client;
  /** Drops the database (its connections too) and closes `admin`. */
  drop: () => Promise<void>;
}

export async function createBenchDatabase(serverUrl: string, prefix: string): Promise<BenchDatabase> {
  const database = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, application_name: 'bench-admin' });
  await admin.connect();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  };
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    await drop();
    throw error;
  }
  return { database, databaseUrl: withDatabase(serverUrl, database), admin, drop };
}
