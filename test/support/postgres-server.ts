// A PostgreSQL server of the test's own (initdb + pg_ctl on a fresh data directory and a free
// port), which a test may stop and start at will: never the shared server on 5432; and onServer, one
// statement run on a server (creating or dropping a test's database).
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './network';

const run = promisify(execFile);

/** The folder holding initdb and pg_ctl, or a sentence saying why there is none. */
export function findPostgresBinaries(): { bin: string } | { missing: string } {
  const candidates = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  for (const dir of process.env.PATH?.split(path.delimiter) ?? []) candidates.push(dir);
  const bin = candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!bin) return { missing: 'initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin or on PATH' };
  // initdb refuses to run as root; as root, run the server as the "postgres" user.
  if (process.getuid?.() === 0 && !userExists('postgres')) return { missing: 'running as root and there is no "postgres" user to run initdb as' };
  return { bin };
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface PrivatePostgres {
  url: string;
  port: number;
  start: () => Promise<void>;
  /** "immediate" is a crash: no checkpoint, connections cut; the next start recovers from the WAL. */
  stop: (mode?: 'fast' | 'immediate') => Promise<void>;
  destroy: () => Promise<void>;
}

export async function createPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    chownSync(
      root,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
  const data = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]) : run(path.join(bin, name), args);
  const pgCtlStart = (port: number) =>
    // Loopback only, a socket directory of its own (the system one may not be writable), and no
    // fsync: the test is about the server going away, not about the disk.
    tool('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      'start',
    ]).catch((error: Error) => {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no server log)';
      throw new Error(`${error.message}\nserver log:\n${tail}`);
    });

  await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // A free port can be taken between the check and the bind (the kernel hands the same range to
  // outgoing connections): try another one before giving up.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await pgCtlStart(port);
      break;
    } catch (error) {
      if (attempt === 3 || !/could not bind|already in use/i.test((error as Error).message)) {
        rmSync(root, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => pgCtlStart(port).then(() => undefined),
    stop: async (mode = 'fast') => {
      await tool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    destroy: async () => {
      await server.stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}

/** Runs one statement on the server of `url` (CREATE DATABASE, DROP DATABASE) on a connection of its own. */
export async function onServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
