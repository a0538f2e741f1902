// `npm run backup` and `npm run restore` as an operator runs them: a restore gives back every table
// of the four schemas exactly (the same digest of every row), also after the data was changed or
// destroyed, and refuses what could lose data: a non-empty target without --force, a running hub.
// On PGlite, and on PostgreSQL (the server DATABASE_URL names, or the local one; own databases, dropped after).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { AuditRecorder } from '../../subgraphs/kernel/audit/audit-recorder';
import { openPGlite, openSubgraphDatabase, type DatabaseTarget } from '../../subgraphs/kernel/db/database';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { seedSubgraph, type SubgraphModule } from '../../subgraphs/kernel/service/subgraph-service';
import { runCli } from '../support/cli';
import { POSTGRES_SERVER } from '../support/database';

/** The schemas backed up and restored, in the manifest's order: one per subgraph built on our kernel. */
const SCHEMAS = SUBGRAPHS.map((module) => module.name).join(', ');

type Digests = Record<string, { rows: number; digest: string }>;

/** Every table of the subgraph's schema (its migrations table too): row count and md5 of its rows in a stable order. */
async function digest(db: DataSource, schema: string): Promise<Digests> {
  const tables: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const digests: Digests = {};
  for (const { table_name } of tables) {
    const [row] = await db.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${schema}"."${table_name}" t`,
    );
    digests[`${schema}.${table_name}`] = row;
  }
  return digests;
}

/** How one test reaches the databases the CLI backs up and restores. */
interface Databases {
  env: NodeJS.ProcessEnv;
  /** Opens one subgraph's database in the test process; PGlite folders are closed again afterwards. */
  use: <T>(module: SubgraphModule, work: (db: DataSource) => Promise<T>) => Promise<T>;
  drop: () => Promise<void>;
}

function open(module: SubgraphModule, target: DatabaseTarget): Promise<DataSource> {
  return openSubgraphDatabase({ schema: module.name, entities: module.entities, migrations: module.migrations, target });
}

function pgliteFolders(root: string): Databases {
  return {
    env: { DATABASE_URL: '', PGLITE_DIR: root },
    use: async (module, work) => {
      const gate = await openPGlite(path.join(root, module.name));
      const db = await open(module, { kind: 'pglite', gate });
      try {
        return await work(db);
      } finally {
        await db.destroy();
        await gate.close();
      }
    },
    drop: async () => rmSync(root, { recursive: true, force: true }),
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database of the test's own on the server; the connection name is not a hub's, so restore does not mistake it for one. */
async function postgresDatabase(serverUrl: string): Promise<Databases> {
  const name = `hub_backup_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  return {
    env: { DATABASE_URL: url },
    use: async (module, work) => {
      const db = await open(module, { kind: 'postgres', url, poolSize: 2 });
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    },
    drop: () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** The seeded hub, and an audit trail in every subgraph (the append-only table restore must replace). */
async function seedHub(databases: Databases): Promise<void> {
  for (const module of SUBGRAPHS) {
    await databases.use(module, async (db) => {
      await seedSubgraph(module, db);
      const audit = new AuditRecorder(module.name, { sub: 'ecowas-analyst', org: 'ECOWAS' }, 'BackupFixture');
      audit.reads('Situation', [{ ownerOrg: 'ECOWAS', classification: Classification.AMBER }], () => 'fixture-record');
      await audit.flush(db.manager);
    });
  }
}

async function digests(databases: Databases): Promise<Digests> {
  const each = await Promise.all(SUBGRAPHS.map((module) => databases.use(module, (db) => digest(db, module.name))));
  return Object.assign({}, ...each);
}

/** After a backup: rows deleted, rows added to the append-only audit trail. */
async function damage(databases: Databases): Promise<void> {
  const [situations, alerts] = [SUBGRAPHS.find((m) => m.name === 'situations')!, SUBGRAPHS.find((m) => m.name === 'alerts')!];
  await databases.use(situations, async (db) => {
    await db.query('DELETE FROM situations.incident');
    const audit = new AuditRecorder('situations', { sub: 'intruder', org: 'AU' }, 'AfterTheBackup');
    audit.reads('Incident', [{ ownerOrg: 'AU', classification: Classification.RED }], () => 'later-record');
    await audit.flush(db.manager);
  });
  await databases.use(alerts, (db) => db.query(`UPDATE alerts.alert SET title = 'changed after the backup'`));
}

// Seeding four databases, each PGlite instance a WebAssembly start of its own, on a busy machine.
const SETUP_TIMEOUT_MS = 300_000;

const scratch = () => mkdtempSync(path.join(os.tmpdir(), 'hub-backup-test-'));

describe('backup and restore on PGlite', () => {
  let root: string;
  let databases: Databases;
  let backups: string;
  let original: Digests;

  beforeAll(async () => {
    root = scratch();
    backups = scratch();
    databases = pgliteFolders(path.join(root, 'pglite'));
    await seedHub(databases);
    original = await digests(databases);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await databases?.drop();
    rmSync(root, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  });

  it("backs up every subgraph's folder of a stopped hub", async () => {
    const run = await runCli('backup', [path.join(backups, 'first')], databases.env);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining(`Backed up ${SCHEMAS}`)]);
  });

  it('refuses to write into a folder that is not empty', async () => {
    const run = await runCli('backup', [path.join(backups, 'first')], databases.env);
    expect([run.code, run.stderr]).toEqual([3, expect.stringContaining('is not empty')]);
  });

  it('refuses to restore over data without --force, and changes nothing', async () => {
    await damage(databases);
    const damaged = await digests(databases);
    expect(damaged).not.toEqual(original);
    const run = await runCli('restore', [path.join(backups, 'first')], databases.env);
    expect([run.code, run.stderr]).toEqual([3, expect.stringContaining('pass --force')]);
    expect(await digests(databases)).toEqual(damaged);
  });

  it('restores every table exactly with --force, also a folder that was deleted', async () => {
    rmSync(path.join(databases.env.PGLITE_DIR!, 'training'), { recursive: true, force: true });
    const run = await runCli('restore', [path.join(backups, 'first'), '--force'], databases.env);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining(`Restored ${SCHEMAS}`)]);
    expect(await digests(databases)).toEqual(original);
  });

  it('restores into an empty place without --force', async () => {
    const elsewhere = pgliteFolders(path.join(root, 'elsewhere'));
    const run = await runCli('restore', [path.join(backups, 'first')], elsewhere.env);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('Restored')]);
    expect(await digests(elsewhere)).toEqual(original);
  });

  it('refuses to back up or restore a folder that a running hub holds open', async () => {
    const gate = await openPGlite(path.join(databases.env.PGLITE_DIR!, 'partners'));
    try {
      const backupRun = await runCli('backup', [path.join(backups, 'while-held')], databases.env);
      expect([backupRun.code, backupRun.stderr]).toEqual([3, expect.stringContaining('stop the hub')]);
      expect(existsSync(path.join(backups, 'while-held'))).toBe(false);
      const restoreRun = await runCli('restore', [path.join(backups, 'first'), '--force'], databases.env);
      expect([restoreRun.code, restoreRun.stderr]).toEqual([3, expect.stringContaining('stop the hub')]);
    } finally {
      await gate.close();
    }
  });

  it('refuses a folder that is not a complete backup, and usage errors', async () => {
    const partial = path.join(backups, 'partial');
    cpSync(path.join(backups, 'first'), partial, { recursive: true });
    rmSync(path.join(partial, 'alerts.tar.gz'));
    const incomplete = await runCli('restore', [partial, '--force'], databases.env);
    expect([incomplete.code, incomplete.stderr]).toEqual([3, expect.stringContaining('alerts.tar.gz missing')]);
    const none = await runCli('restore', [path.join(backups, 'nothing-here')], databases.env);
    expect([none.code, none.stderr]).toEqual([3, expect.stringContaining('not a complete backup')]);
    const usage = await runCli('restore', [], databases.env);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('Usage: npm run restore')]);
  });
});

// The development and CI machines run a PostgreSQL server on 5432 (README "Two commands"); its
// own throwaway databases are created there when DATABASE_URL names no other server.

describe('backup and restore on PostgreSQL', () => {
  let databases: Databases;
  let backups: string;
  let original: Digests;

  beforeAll(async () => {
    backups = scratch();
    databases = await postgresDatabase(POSTGRES_SERVER);
    await seedHub(databases);
    original = await digests(databases);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await databases?.drop();
    rmSync(backups, { recursive: true, force: true });
  });

  it("backs up every subgraph's schema with pg_dump", async () => {
    const run = await runCli('backup', [path.join(backups, 'first')], databases.env);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining(`Backed up ${SCHEMAS} from PostgreSQL`)]);
  });

  it("refuses to restore over the hub's schemas without --force, and changes nothing", async () => {
    await damage(databases);
    const damaged = await digests(databases);
    expect(damaged).not.toEqual(original);
    const run = await runCli('restore', [path.join(backups, 'first')], databases.env);
    expect([run.code, run.stderr]).toEqual([3, expect.stringContaining('pass --force')]);
    expect(await digests(databases)).toEqual(damaged);
  });

  it('refuses to restore while a subgraph is connected', async () => {
    const situations = SUBGRAPHS.find((m) => m.name === 'situations')!;
    const run = await databases.use(situations, () => runCli('restore', [path.join(backups, 'first'), '--force'], databases.env));
    expect([run.code, run.stderr]).toEqual([3, expect.stringContaining('stop it before restoring')]);
  });

  it('restores every table exactly with --force, audit trail and a dropped schema included', async () => {
    await onServer(databases.env.DATABASE_URL!, (client) => client.query('DROP SCHEMA training CASCADE'));
    const run = await runCli('restore', [path.join(backups, 'first'), '--force'], databases.env);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining(`Restored ${SCHEMAS}`)]);
    expect(await digests(databases)).toEqual(original);
    const schemas = await onServer(databases.env.DATABASE_URL!, (client) =>
      client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE '%replaced%'`),
    );
    expect(schemas.rows).toEqual([]);
  });

  it('restores into an empty database without --force', async () => {
    const elsewhere = await postgresDatabase(POSTGRES_SERVER);
    try {
      const run = await runCli('restore', [path.join(backups, 'first')], elsewhere.env);
      expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('Restored')]);
      expect(await digests(elsewhere)).toEqual(original);
    } finally {
      await elsewhere.drop();
    }
  });

  it('refuses a PGlite backup', async () => {
    const run = await runCli('restore', [path.join(backups, 'first')], { DATABASE_URL: '', PGLITE_DIR: path.join(backups, 'no-hub-here') });
    expect([run.code, run.stderr]).toEqual([3, expect.stringContaining('holds a PostgreSQL backup')]);
  });
});
