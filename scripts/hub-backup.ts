// Backs up and restores the data of the four subgraphs, behind `npm run backup` and `npm run restore`:
// on PostgreSQL one pg_dump of the four schemas, on PGlite PGlite's own dump of each folder.
import { FolderInUseError, lockFolder } from '../subgraphs/kernel/db/folder-lock';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { pgliteRoot } from '../subgraphs/kernel/service/config';

const run = promisify(execFile);

export const MANIFEST = 'backup.json';
const POSTGRES_DUMP = 'hub.pgdump';
const pgliteArchive = (schema: string) => `${schema}.tar.gz`;

/** What backup.json says; written last, so a folder without it is not a complete backup. */
export interface BackupManifest {
  format: 1;
  kind: 'postgres' | 'pglite';
  takenAt: string;
  schemas: string[];
  files: string[];
}

/** Where the hub keeps its data, as the services read it: DATABASE_URL, or PGlite under PGLITE_DIR. */
export type BackupTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; root: string };

export function backupTarget(env: NodeJS.ProcessEnv = process.env): BackupTarget {
  return env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', root: pgliteRoot(env) };
}

/** Nothing was changed: the operator must act first (stop the hub, pass --force, pick another folder). */
export class Refusal extends Error {}

export interface BackupOptions {
  target: BackupTarget;
  dir: string;
  schemas: readonly string[];
}

export interface RestoreOptions extends BackupOptions {
  /** Replace data the target already holds. */
  force?: boolean;
}

export async function backup(options: BackupOptions): Promise<BackupManifest> {
  const { dir, target } = options;
  const existed = existsSync(dir);
  if (existed && readdirSync(dir).length > 0)
    throw new Refusal(`${dir} is not empty: back up into a new or empty folder (a backup is never overwritten)`);
  if (target.kind === 'postgres') await checkPostgresBackup(target.url, options);
  else checkPGliteBackup(target.root, options);
  mkdirSync(dir, { recursive: true });
  let files: string[];
  try {
    files = target.kind === 'postgres' ? await dumpPostgres(target.url, options) : await dumpPGlite(target.root, options);
  } catch (error) {
    // Half a backup is worse than none: it could be mistaken for one.
    if (existed) for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { recursive: true, force: true });
    else rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const manifest: BackupManifest = { format: 1, kind: target.kind, takenAt: new Date().toISOString(), schemas: [...options.schemas], files };
  writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function restore(options: RestoreOptions): Promise<BackupManifest> {
  const manifest = readManifest(options.dir);
  if (manifest.kind !== options.target.kind) {
    throw new Refusal(
      manifest.kind === 'postgres'
        ? `${options.dir} holds a PostgreSQL backup: set DATABASE_URL to the database to restore it into`
        : `${options.dir} holds a PGlite backup: unset DATABASE_URL (and set PGLITE_DIR) to restore it`,
    );
  }
  const missing = options.schemas.filter((schema) => !manifest.schemas.includes(schema));
  if (missing.length) throw new Refusal(`${options.dir} holds no backup of ${missing.join(', ')}`);
  if (options.target.kind === 'postgres') await restorePostgres(options.target.url, options);
  else await restorePGlite(options.target.root, options);
  return manifest;
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new Refusal(`${dir} is not a complete backup (no ${MANIFEST})`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Refusal(`${file}: unknown backup format ${manifest.format}`);
  const absent = manifest.files.filter((name) => !existsSync(path.join(dir, name)));
  if (absent.length) throw new Refusal(`${dir} is not a complete backup: ${absent.join(', ')} missing`);
  return manifest;
}

// PostgreSQL ------------------------------------------------------------------------------------

/**
 * The libpq environment for pg_dump and pg_restore: the URL without its password, which goes in
 * PGPASSWORD so that it never shows in the process list.
 */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGAPPNAME: 'hub-backup' } };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'hub-backup' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function existingSchemas(client: Client, schemas: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname', [schemas]);
  return rows.map((row) => row.nspname);
}

async function tool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(name, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === 'ENOENT')
      throw new Error(`${name} was not found on PATH: install the PostgreSQL client tools (the same major version as the server or newer)`, {
        cause: error,
      });
    throw new Error(`${name} failed: ${(stderr ?? String(error)).trim()}`, { cause: error });
  }
}

async function checkPostgresBackup(url: string, { schemas }: BackupOptions): Promise<void> {
  const present = await withClient(url, (client) => existingSchemas(client, schemas));
  const absent = schemas.filter((schema) => !present.includes(schema));
  if (absent.length)
    throw new Refusal(`the database has no schema ${absent.join(', ')}: start the hub on it once (it creates them) or check DATABASE_URL`);
}

// One pg_dump of all four schemas: it reads them in one snapshot, so the subgraphs' data agree.
async function dumpPostgres(url: string, { dir, schemas }: BackupOptions): Promise<string[]> {
  const { dbname, env } = libpq(url);
  await tool(
    'pg_dump',
    ['--format=custom', ...schemas.map((schema) => `--schema=${schema}`), `--file=${path.join(dir, POSTGRES_DUMP)}`, `--dbname=${dbname}`],
    env,
  );
  return [POSTGRES_DUMP];
}

/**
 * The schemas are renamed aside, the dump restored in one transaction, and the renamed ones dropped
 * only once it has succeeded: a failed restore puts the old schemas back. Dropping, not deleting
 * rows, is also what lets the append-only audit trail (no UPDATE, DELETE or TRUNCATE) be replaced.
 */
async function restorePostgres(url: string, { dir, schemas, force }: RestoreOptions): Promise<void> {
  const suffix = `_replaced_${randomBytes(4).toString('hex')}`;
  const replaced = await withClient(url, async (client) => {
    // A running subgraph names its connections hub-<subgraph> (kernel/db/database.ts).
    const { rows } = await client.query<{ application_name: string }>(
      `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = ANY($1)`,
      [schemas.map((schema) => `hub-${schema}`)],
    );
    if (rows.length)
      throw new Refusal(`the hub is connected to this database (${rows.map((r) => r.application_name).join(', ')}): stop it before restoring`);
    const present = await existingSchemas(client, schemas);
    if (present.length && !force)
      throw new Refusal(`the database already holds the hub's schemas (${present.join(', ')}): pass --force to replace them`);
    await client.query('BEGIN');
    for (const schema of present) await client.query(`ALTER SCHEMA "${schema}" RENAME TO "${schema}${suffix}"`);
    await client.query('COMMIT');
    return present;
  });
  const { dbname, env } = libpq(url);
  try {
    await tool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', `--dbname=${dbname}`, path.join(dir, POSTGRES_DUMP)], env);
  } catch (error) {
    await withClient(url, async (client) => {
      await client.query('BEGIN');
      for (const schema of replaced) await client.query(`ALTER SCHEMA "${schema}${suffix}" RENAME TO "${schema}"`);
      await client.query('COMMIT');
    });
    throw error;
  }
  await withClient(url, async (client) => {
    for (const schema of replaced) await client.query(`DROP SCHEMA "${schema}${suffix}" CASCADE`);
  });
}

// PGlite ----------------------------------------------------------------------------------------

// PGlite writes postmaster.pid while a process has the folder open and removes it on close. A
// second PGlite on a folder in use would corrupt it, so neither command touches such a folder.
function refuseIfHeld(folder: string): void {
  // The folder lock (subgraphs/kernel/db/folder-lock.ts) says a process has the folder open now.
  holdFolder(folder)();
  if (existsSync(path.join(folder, 'postmaster.pid'))) {
    throw new Refusal(
      `${folder} is open in a running hub (postmaster.pid is present): stop the hub and try again. ` +
        'If no hub is running, the last one did not stop cleanly: start it once and stop it with Ctrl-C.',
    );
  }
}

/** Takes the folder's lock for as long as the command reads or replaces it, so no hub starts on it meanwhile. */
function holdFolder(folder: string): () => void {
  if (!existsSync(folder)) return () => undefined;
  try {
    return lockFolder(folder);
  } catch (error) {
    if (error instanceof FolderInUseError) throw new Refusal(`${folder} is open in a running hub (${error.message}): stop the hub and try again.`);
    throw error;
  }
}

const holdsData = (folder: string) => existsSync(folder) && readdirSync(folder).length > 0;

// Every folder is checked before any is read: the four archives are of one stopped hub.
function checkPGliteBackup(root: string, { schemas }: BackupOptions): void {
  for (const schema of schemas) {
    const folder = path.join(root, schema);
    if (!holdsData(folder)) throw new Refusal(`${folder} holds no PGlite data: check PGLITE_DIR, or start the hub once`);
    refuseIfHeld(folder);
  }
}

async function dumpPGlite(root: string, { dir, schemas }: BackupOptions): Promise<string[]> {
  const files: string[] = [];
  for (const schema of schemas) {
    const folder = path.join(root, schema);
    refuseIfHeld(folder);
    const release = holdFolder(folder);
    const db = await PGlite.create({ dataDir: folder });
    try {
      const archive = await db.dumpDataDir('gzip');
      writeFileSync(path.join(dir, pgliteArchive(schema)), Buffer.from(await archive.arrayBuffer()));
    } finally {
      await db.close();
      release();
    }
    files.push(pgliteArchive(schema));
  }
  return files;
}

/**
 * Each archive is loaded into a fresh folder beside its target and checked; only when all four
 * loaded are the old folders swapped out, so a failed restore leaves the target as it was.
 */
async function restorePGlite(root: string, { dir, schemas, force }: RestoreOptions): Promise<void> {
  const held = schemas.map((schema) => path.join(root, schema)).filter(holdsData);
  held.forEach(refuseIfHeld);
  if (held.length && !force) throw new Refusal(`${held.join(', ')} already ${held.length === 1 ? 'holds' : 'hold'} data: pass --force to replace it`);
  mkdirSync(root, { recursive: true });
  const suffix = randomBytes(4).toString('hex');
  const staged = (schema: string) => path.join(root, `.${schema}.restoring-${suffix}`);
  try {
    for (const schema of schemas) {
      const db = await PGlite.create({ dataDir: staged(schema), loadDataDir: new Blob([readFileSync(path.join(dir, pgliteArchive(schema)))]) });
      try {
        // The archive of another subgraph, or of a folder the hub never migrated, fails here.
        await db.query(`SELECT 1 FROM "${schema}"."migrations" LIMIT 1`);
      } finally {
        await db.close();
      }
    }
  } catch (error) {
    for (const schema of schemas) rmSync(staged(schema), { recursive: true, force: true });
    throw error;
  }
  for (const schema of schemas) {
    const folder = path.join(root, schema);
    const replaced = path.join(root, `.${schema}.replaced-${suffix}`);
    if (existsSync(folder)) renameSync(folder, replaced);
    renameSync(staged(schema), folder);
    rmSync(replaced, { recursive: true, force: true });
  }
}
