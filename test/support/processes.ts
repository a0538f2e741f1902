// The hub as child processes (`node dist/<service>/index.js`), for tests that kill, restart or
// signal a real process: the gateway key pair both sides trust, as files, and readiness waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANONYMOUS } from '../../platform/identity';
import { readSigningKey, writeKeyFiles } from '../../platform/gateway-keys';
import { testKeys } from './internal-keys';
import { baseOf, waitFor } from './network';

/** The gateway key pair of this test process, as files (for child processes and env-configured gateways) and in memory. */
export const KEY_FILES = writeKeyFiles(mkdtempSync(path.join(os.tmpdir(), 'hub-test-keys-')));
export const KEYS = testKeys(readSigningKey(KEY_FILES.signingKeyFile));
/** What a gateway and a subgraph process need to trust each other. */
export const KEY_ENV = { HUB_GATEWAY_SIGNING_KEY_FILE: KEY_FILES.signingKeyFile, HUB_GATEWAY_JWKS_FILE: KEY_FILES.publicKeysFile };

const DIST = path.resolve(__dirname, '..', '..');

/** The header `subgraph` wants on /graphql: the gateway's word for an anonymous reader. */
export async function vouched(operationName: string | null = null, subgraph = 'situations'): Promise<Record<string, string>> {
  return KEYS.vouch(ANONYMOUS, operationName, subgraph);
}

export interface ChildService {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `node dist/<script>` with the environment given (and no DATABASE_URL unless given), on this Node unless another binary is given. */
export function spawnService(script: string, port: number, env: Record<string, string>, node = process.execPath, args: string[] = []): ChildService {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(node, [path.join(DIST, script), ...args], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...KEY_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchService(child, port);
}

/** A service process already spawned (with piped stdout and stderr) on 127.0.0.1:port: its output kept, its exit awaited. */
export function watchService(child: ChildProcess, port: number): ChildService {
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}/graphql`, output: () => output, exited };
}

// Generous: a subgraph process migrating and seeding PGlite on a busy 2-core machine took over 90 s.
export async function waitReady(service: ChildService, timeoutMs = 240_000): Promise<void> {
  await waitFor(
    async () => {
      if (service.child.exitCode !== null) throw new Error(`exited with ${service.child.exitCode}:\n${service.output()}`);
      return (await fetch(`${baseOf(service.url)}/ready`, { signal: AbortSignal.timeout(2000) })).ok;
    },
    timeoutMs,
    `${service.url} ready`,
  ).catch((error) => {
    throw new Error(`${error.message}\n${service.output()}`);
  });
}

export async function kill(service: ChildService | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
}
