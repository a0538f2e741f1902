// `npm run import` and `npm run export` as a partner's engineer runs them: separate processes on
// the situations database (a PostgreSQL database of the test's own when DATABASE_URL is set,
// otherwise a PGlite folder), their exit codes and reports, a run killed halfway and re-run; a
// 100,000-row file in bounded memory, always on PostgreSQL; a refusal while the hub holds a PGlite
// folder, always on PGlite.
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openPGlite, openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { situationsSubgraph } from '../../subgraphs/situations';
import { partnersSubgraph } from '../../subgraphs/partners';
import type { RowOutcome } from '../../subgraphs/situations/import/incident-importer';
import { runCli } from '../support/cli';
import { FOLDER_LOCK_FILE } from '../../subgraphs/kernel/db/folder-lock';
import { freePort } from '../support/network';
import { spawnService, waitReady } from '../support/processes';
import { createTestDatabase } from '../support/database';
import { externalIdOf, writeGeneratedHxl } from './incident-files';

const DIST = path.resolve(__dirname, '..', '..');
const SAMPLES = path.resolve(DIST, '..', 'samples');

interface CliDatabase {
  /** Environment that points the CLI at this database. */
  env: NodeJS.ProcessEnv;
  /** Opens the database in the test process for `use`; PGlite's folder must not be open in a CLI meanwhile. */
  use: <T>(use: (db: DataSource) => Promise<T>) => Promise<T>;
  drop: () => Promise<void>;
}

const open = (target: Parameters<typeof openSubgraphDatabase>[0]['target']) =>
  openSubgraphDatabase({ schema: 'situations', entities: situationsSubgraph.entities, migrations: situationsSubgraph.migrations, target });

/** The database the commands work on: the run's engine by default; a test of one engine's behaviour names it. */
async function cliDatabase(kind: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite'): Promise<CliDatabase> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hub-import-'));
  if (kind === 'postgres') {
    const database = await createTestDatabase('postgres');
    if (database.target.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    const db = await open(database.target);
    return {
      env: { DATABASE_URL: database.target.url, PGLITE_DIR: scratch },
      use: (use) => use(db),
      drop: async () => {
        await db.destroy();
        await database.drop();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  }
  return {
    env: { DATABASE_URL: '', PGLITE_DIR: scratch },
    use: async (use) => {
      const gate = await openPGlite(path.join(scratch, 'situations'));
      const db = await open({ kind: 'pglite', gate });
      try {
        return await use(db);
      } finally {
        await db.destroy();
        await gate.close();
      }
    },
    drop: async () => rmSync(scratch, { recursive: true, force: true }),
  };
}

/** A seeded database for a describe block, and the scratch folder beside it. */
async function seededCliDatabase(kind?: 'pglite' | 'postgres'): Promise<{ database: CliDatabase; scratch: string }> {
  const database = await cliDatabase(kind);
  await database.use((db) => seedSubgraph(situationsSubgraph, db));
  return { database, scratch: database.env.PGLITE_DIR! };
}

/** The generated incidents an organisation holds (the seed gives some organisations others). */
const generated = (db: DataSource, org: string) =>
  db
    .query(
      `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids, max(version) AS max_version FROM situations.incident WHERE owner_org = $1 AND external_id LIKE 'GEN-%'`,
      [org],
    )
    .then((rows) => rows[0] as { n: number; distinct_ids: number; max_version: number | null });
const stored = (db: DataSource, org: string) =>
  db.query(`SELECT count(*)::int AS n FROM situations.incident WHERE owner_org = $1`, [org]).then((rows) => rows[0].n as number);

describe('the import and export commands', () => {
  let database: CliDatabase;
  let scratch: string;
  beforeAll(async () => ({ database, scratch } = await seededCliDatabase()));
  afterAll(() => database?.drop());

  it('imports the HXL sample, reports each row, exits 0, and re-imports it without a change', async () => {
    const report = path.join(scratch, 'report.jsonl');
    const first = await runCli(
      'import',
      ['--org', 'ECOWAS', '--kind', 'incidents', '--report', report, path.join(SAMPLES, 'incidents-ecowas.hxl.csv')],
      database.env,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/24 rows, 24 created, 0 updated, 0 unchanged, 0 rejected/);
    const outcomes: RowOutcome[] = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(outcomes.map((o) => [o.line, o.status])).toEqual(Array.from({ length: 24 }, (_, i) => [i + 4, 'created']));

    const again = await runCli('import', ['--org', 'ECOWAS', '--kind', 'incidents', path.join(SAMPLES, 'incidents-ecowas.hxl.csv')], database.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/24 rows, 0 created, 0 updated, 24 unchanged, 0 rejected/);
  });

  it("exports an organisation's incidents to a file that imports back unchanged", async () => {
    const exported = path.join(scratch, 'ecowas.jsonl');
    const exportRun = await runCli('export', ['--org', 'ECOWAS', '--kind', 'incidents', '--format', 'jsonl', '--out', exported], database.env);
    expect(exportRun.code).toBe(0);
    const lines = readFileSync(exported, 'utf8').trim().split('\n');
    expect(exportRun.stderr).toMatch(new RegExp(`Exported ${lines.length} incidents of ECOWAS`));
    const reimport = await runCli('import', ['--org', 'ECOWAS', '--kind', 'incidents', exported], database.env);
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toMatch(new RegExp(`${lines.length} rows, 0 created, 0 updated, ${lines.length} unchanged, 0 rejected`));
  });

  it('exits 1 when rows are rejected, still storing the good ones, and names the reasons', async () => {
    const file = path.join(scratch, 'some-bad.csv');
    await writeGeneratedHxl(file, 10, { badEvery: 5 });
    const run = await runCli('import', ['--org', 'AU', '--kind', 'incidents', file], database.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/10 rows, 8 created, 0 updated, 0 unchanged, 2 rejected/);
    expect(run.stderr).toMatch(/\(GEN-000005\): countryIso3: unknown country code "XXX"/);
  });

  it("leaves a stored incident's readership as it is, rejecting the rows that would change it, since alerts citing it could not follow", async () => {
    const file = path.join(scratch, 'readership.csv');
    await writeGeneratedHxl(file, 3);
    expect((await runCli('import', ['--org', 'OSCE', '--kind', 'incidents', '--classification', 'GREEN', file], database.env)).code).toBe(0);
    const tighter = await runCli('import', ['--org', 'OSCE', '--kind', 'incidents', '--classification', 'RED', file], database.env);
    expect(tighter.code).toBe(1);
    expect(tighter.stdout).toMatch(/3 rows, 0 created, 0 updated, 0 unchanged, 3 rejected/);
    expect(tighter.stderr).toMatch(/classification of a stored incident changed: alerts may cite it, .*importIncidents mutation/);
    const levels = await database.use((db) =>
      db.query(`SELECT DISTINCT classification FROM situations.incident WHERE owner_org = 'OSCE' AND external_id LIKE 'GEN-%'`),
    );
    expect(levels).toEqual([{ classification: 'GREEN' }]);
    // The same file with the same classification, or none, still changes nothing and is accepted.
    expect((await runCli('import', ['--org', 'OSCE', '--kind', 'incidents', file], database.env)).stdout).toMatch(/3 unchanged, 0 rejected/);
  });

  it('exits 2 on a usage error or a file it cannot read as incidents, having written nothing', async () => {
    const usage = await runCli('import', ['--kind', 'incidents', path.join(SAMPLES, 'incidents.jsonl')], database.env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--org is required/);
    const notHxl = path.join(scratch, 'plain.csv');
    writeFileSync(notHxl, 'id,date\n1,2025-01-01\n');
    const before = await database.use((db) => stored(db, 'OSCE'));
    const unreadable = await runCli('import', ['--org', 'OSCE', '--kind', 'incidents', notHxl], database.env);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/No HXL hashtag row/);
    expect(await database.use((db) => stored(db, 'OSCE'))).toBe(before);
  });

  it('stores every good row exactly once when a run is killed halfway and run again', async () => {
    const rows = process.env.DATABASE_URL ? 30_000 : 4_000;
    const file = path.join(scratch, 'interrupted.csv');
    const written = await writeGeneratedHxl(file, rows, { badEvery: 97 });
    const goodIds = Array.from({ length: rows }, (_, i) => i + 1)
      .filter(written.good)
      .map(externalIdOf);
    const args = ['--org', 'IGAD', '--kind', 'incidents', '--progress', '--batch-size', '200', file];

    const killed = await runCli('import', args, database.env, (stderr) => /importing: [1-9]/.test(stderr));
    expect(killed.code).toBeNull();
    const partial = await database.use((db) => generated(db, 'IGAD'));
    expect(partial.n).toBeGreaterThan(0);
    expect(partial.n).toBeLessThan(goodIds.length);

    const report = path.join(scratch, 'resumed.jsonl');
    const resumed = await runCli('import', [...args, '--report', report], database.env);
    expect(resumed.code).toBe(1);
    const outcomes: RowOutcome[] = readFileSync(report, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(outcomes.filter((o) => o.status === 'unchanged')).toHaveLength(partial.n);
    expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(goodIds.length - partial.n);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(rows - goodIds.length);

    await database.use(async (db) => {
      expect(await generated(db, 'IGAD')).toEqual({ n: goodIds.length, distinct_ids: goodIds.length, max_version: 1 });
      const ids: { external_id: string }[] = await db.query(
        `SELECT external_id FROM situations.incident WHERE owner_org = 'IGAD' AND external_id LIKE 'GEN-%' ORDER BY external_id`,
      );
      expect(ids.map((row) => row.external_id)).toEqual(goodIds);
    });
  });
});

/** Opens the partners database the commands find beside the situations one (PGLITE_DIR/partners, or DATABASE_URL's partners schema) for `use`. */
async function withPartnersDatabase<T>(env: NodeJS.ProcessEnv, use: (db: DataSource) => Promise<T>): Promise<T> {
  const gate = env.DATABASE_URL ? undefined : await openPGlite(path.join(env.PGLITE_DIR!, 'partners'));
  const db = await openSubgraphDatabase({
    schema: 'partners',
    entities: partnersSubgraph.entities,
    migrations: partnersSubgraph.migrations,
    target: gate ? { kind: 'pglite', gate } : { kind: 'postgres', url: env.DATABASE_URL!, poolSize: 1 },
  });
  try {
    return await use(db);
  } finally {
    await db.destroy();
    await gate?.close();
  }
}

describe("the import command and the organisation's sharing defaults", () => {
  let database: CliDatabase;
  let scratch: string;
  const DEFAULTS = { classification: 'AMBER', sharedWith: ['AU', 'UN-JO'] };
  beforeAll(async () => {
    ({ database, scratch } = await seededCliDatabase());
    await withPartnersDatabase(database.env, async (db) => {
      await partnersSubgraph.seedReference(db);
      // What setSharingDefaults stores (rules/partner.rules.ts updateSharingDefaults); the mutation
      // itself is tested through the gateway, with importIncidents, in export-roundtrip.test.ts.
      await db.query(`UPDATE partners.partner SET default_classification = $1, default_shared_with = $2 WHERE code IN ('ECOWAS', 'ICGLR', 'SADC')`, [
        DEFAULTS.classification,
        DEFAULTS.sharedWith,
      ]);
    });
  });
  afterAll(() => database?.drop());

  const sharingOf = (org: string) =>
    database.use((db) =>
      db.query(`SELECT DISTINCT classification, shared_with FROM situations.incident WHERE owner_org = $1 AND external_id LIKE 'GEN-%'`, [org]),
    );

  it('shares the incidents it creates as the defaults say when the import names no classification or sharedWith, and says so', async () => {
    const file = path.join(scratch, 'defaults.csv');
    await writeGeneratedHxl(file, 3);
    const run = await runCli('import', ['--org', 'ECOWAS', '--kind', 'incidents', file], database.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 rows, 3 created/);
    expect(run.stdout).toMatch(
      /New incidents: AMBER, shared with AU, UN-JO, taken from ECOWAS's sharing defaults; incidents already stored keep theirs\./,
    );
    expect(await sharingOf('ECOWAS')).toEqual([{ classification: 'AMBER', shared_with: ['AU', 'UN-JO'] }]);

    // A re-import changes no one's access: the stored incidents keep what they were given.
    expect((await runCli('import', ['--org', 'ECOWAS', '--kind', 'incidents', file], database.env)).stdout).toMatch(
      /0 created, 0 updated, 3 unchanged/,
    );
  });

  it("keeps the import's own sharedWith over the defaults', with the defaults' classification", async () => {
    const file = path.join(scratch, 'shared-with.csv');
    await writeGeneratedHxl(file, 2);
    const run = await runCli('import', ['--org', 'ICGLR', '--kind', 'incidents', '--shared-with', 'IGAD', file], database.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /New incidents: AMBER, shared with IGAD, taken from ICGLR's sharing defaults \(sharedWith from the import's options\)/,
    );
    expect(await sharingOf('ICGLR')).toEqual([{ classification: 'AMBER', shared_with: ['IGAD'] }]);
  });

  it('reads no defaults when the import names a classification', async () => {
    const file = path.join(scratch, 'classified.csv');
    await writeGeneratedHxl(file, 2);
    const run = await runCli('import', ['--org', 'SADC', '--kind', 'incidents', '--classification', 'GREEN', file], database.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/New incidents: GREEN, shared with no other organisation, taken from the import's classification and sharedWith/);
    expect(await sharingOf('SADC')).toEqual([{ classification: 'GREEN', shared_with: [] }]);
  });

  it('falls back to AMBER, shared with no one, for an organisation the partners database does not hold, and says why', async () => {
    const file = path.join(scratch, 'unknown-org.csv');
    await writeGeneratedHxl(file, 1);
    const run = await runCli('import', ['--org', 'TEST-ORG', '--kind', 'incidents', file], database.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/New incidents: AMBER, shared with no other organisation, taken from the import's default, AMBER/);
    expect(run.stdout).toMatch(/No sharing defaults of TEST-ORG to apply: none in the partners database \(.*which holds no partner TEST-ORG\)/);
    expect(await sharingOf('TEST-ORG')).toEqual([{ classification: 'AMBER', shared_with: [] }]);
  });
});

describe('the commands on a PGlite folder, whatever DATABASE_URL says (its lock)', () => {
  let database: CliDatabase;
  let scratch: string;
  beforeAll(async () => ({ database, scratch } = await seededCliDatabase('pglite')));
  afterAll(() => database?.drop());

  it('refuses, writing nothing, while a running situations service holds the PGlite folder, and works silently once it stopped', async () => {
    const file = path.join(scratch, 'while-running.csv');
    await writeGeneratedHxl(file, 20);
    const exported = path.join(scratch, 'while-running.jsonl');
    const lock = path.join(scratch, 'situations', FOLDER_LOCK_FILE);
    const before = await database.use((db) => stored(db, 'SADC'));
    expect(existsSync(lock)).toBe(false);

    const service = spawnService('subgraphs/situations/index.js', await freePort(), { PGLITE_DIR: scratch, SEED_ON_START: 'false' });
    try {
      await waitReady(service);
      expect(readFileSync(lock, 'utf8').trim()).toBe(String(service.child.pid));

      const refused = await runCli('import', ['--org', 'SADC', '--kind', 'incidents', file], database.env);
      expect(refused.code).toBe(4);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(
        new RegExp(`^import: the hub is running on .*situations \\(process ${service.child.pid} holds it\\), so nothing was imported\\.`),
      );
      expect(refused.stderr).toMatch(/importIncidents mutation/);
      expect(refused.stderr).toMatch(/stop the hub/);

      const exportRefused = await runCli('export', ['--org', 'SADC', '--kind', 'incidents', '--out', exported], database.env);
      expect(exportRefused.code).toBe(4);
      expect(exportRefused.stderr).toMatch(/^export: the hub is running on .*, so nothing was exported\./);
      expect(existsSync(exported)).toBe(false);
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(await database.use((db) => stored(db, 'SADC'))).toBe(before);

    const imported = await runCli('import', ['--org', 'SADC', '--kind', 'incidents', file], database.env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/20 rows, 20 created/);
    const exportRun = await runCli('export', ['--org', 'SADC', '--kind', 'incidents', '--out', exported], database.env);
    expect(exportRun.code).toBe(0);
    expect(exportRun.stderr).toBe(`Exported ${before + 20} incidents of SADC from PGlite ${path.join(scratch, 'situations')} to ${exported}.\n`);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a PGlite folder lock whose process is gone', async () => {
    const lock = path.join(scratch, 'situations', FOLDER_LOCK_FILE);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lock, `${gone}\n`);
    const run = await runCli('export', ['--org', 'ECOWAS', '--kind', 'incidents', '--out', path.join(scratch, 'after-crash.csv')], database.env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/took over the lock of a PGlite folder whose process is gone/);
    expect(run.stderr).toMatch(new RegExp(`"previousHolder":${gone}`));
    expect(existsSync(lock)).toBe(false);
  });
});

describe('the commands on PostgreSQL, whatever DATABASE_URL says (a file too large to import on PGlite in a test)', () => {
  let database: CliDatabase;
  let scratch: string;
  beforeAll(async () => ({ database, scratch } = await seededCliDatabase('postgres')));
  afterAll(() => database?.drop());

  it('imports 100,000 rows streamed, with peak memory well under 400 MB', async () => {
    const rows = 100_000;
    const file = path.join(scratch, 'large.csv');
    const written = await writeGeneratedHxl(file, rows, { badEvery: 1000 });
    const good = Array.from({ length: rows }, (_, i) => i + 1).filter(written.good).length;
    const run = await runCli('import', ['--org', 'ICGLR', '--kind', 'incidents', '--stats', file], database.env);
    expect(run.code).toBe(1);
    const stats = JSON.parse(run.stderr.trim().split('\n').pop()!).stats;
    expect(stats).toMatchObject({ rows, created: good, rejected: rows - good });
    expect(stats.peakRssMiB).toBeLessThan(400);
    process.stderr.write(`import of ${rows} rows: ${stats.seconds} s, ${stats.rowsPerSecond} rows/s, peak RSS ${stats.peakRssMiB} MiB\n`);
    expect(await database.use((db) => generated(db, 'ICGLR'))).toEqual({ n: good, distinct_ids: good, max_version: 1 });
  }, 600_000);
});
