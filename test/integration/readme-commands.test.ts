// The README's command blocks that run offline without a running hub, run as a newcomer would run
// them, line by line from the README's own text: "Try it" (import two sample files, export them)
// and "Backup and restore" (a backup, a restore into empty folders, a restore over data). They run
// in a folder of the test's own that links the built checkout, on PGlite folders of their own (the
// commands' default; DATABASE_URL is left out). `npm run build` lines are what this run has done.
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPGlite, openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { situationsSubgraph } from '../../subgraphs/situations';
import { SUBGRAPHS } from '../../scripts/subgraphs';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The command lines of the first ```sh block that holds `marker`, without comments and build steps. */
function commandsOf(marker: string): string[] {
  const block = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.includes(marker));
  if (!block) throw new Error(`the README has no sh block with ${marker}`);
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && line !== 'npm run build');
}

let work: string;

function run(line: string, pgliteDir: string): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: pgliteDir, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const result = spawnSync('bash', ['-c', line], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function expectRuns(line: string, pgliteDir: string): string {
  const { status, output } = run(line, pgliteDir);
  if (status !== 0) throw new Error(`\`${line}\` exited ${status}:\n${output}`);
  return output;
}

async function incidentCount(pgliteDir: string): Promise<number> {
  const gate = await openPGlite(path.join(pgliteDir, 'situations'));
  const db = await openSubgraphDatabase({
    schema: 'situations',
    entities: situationsSubgraph.entities,
    migrations: situationsSubgraph.migrations,
    target: { kind: 'pglite', gate },
  });
  try {
    const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM situations.incident')) as { count: number }[];
    return count;
  } finally {
    await db.destroy();
    await gate.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'hub-readme-'));
  for (const entry of ['package.json', 'node_modules', 'dist', 'samples', 'schema']) symlinkSync(path.join(ROOT, entry), path.join(work, entry));
  // "load the seed first (npm start does)": every subgraph's folder, with the illustrative records
  // (the situations the samples attach to), as a first `npm start` leaves them.
  for (const module of SUBGRAPHS) {
    const gate = await openPGlite(path.join(work, 'data', module.name));
    const db = await openSubgraphDatabase(
      { schema: module.name, entities: module.entities, migrations: module.migrations, target: { kind: 'pglite', gate } },
      (opened) => seedSubgraph(module, opened, { illustrative: true }),
    );
    await db.destroy();
    await gate.close();
  }
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the README's commands", () => {
  it('"Try it": both sample files import with every row stored, and the export writes them back out', async () => {
    const data = path.join(work, 'data');
    const before = await incidentCount(data);
    const lines = commandsOf('npm run import');
    expect(lines.filter((line) => line.startsWith('npm run import'))).toHaveLength(2);
    for (const line of lines) expectRuns(line, data);
    const imported = (await incidentCount(data)) - before;
    expect(imported).toBeGreaterThan(0);
    const out = /--out (\S+)/.exec(lines.find((line) => line.startsWith('npm run export'))!)![1];
    const exported = readFileSync(path.join(work, out), 'utf8').trim().split('\n');
    // A header row, the HXL hashtag row, then one row per incident of ECOWAS (the samples' and the seed's).
    expect(exported[1]).toMatch(/^#/);
    expect(exported.length - 2).toBeGreaterThanOrEqual(imported);
    // Importing the same files again changes nothing.
    for (const line of lines.filter((l) => l.startsWith('npm run import'))) expectRuns(line, data);
    expect((await incidentCount(data)) - before).toBe(imported);
  });

  it('"Backup and restore": a backup, a restore into empty folders and one over data all bring back the same incidents', async () => {
    const data = path.join(work, 'data');
    const stored = await incidentCount(data);
    const [backup, restore, restoreOver] = commandsOf('npm run backup');
    expect([backup, restore, restoreOver].map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'npm run backup',
      'npm run restore',
      'npm run restore',
    ]);
    expectRuns(backup, data);
    const folder = /backup -- (\S+)/.exec(backup)![1];
    expect(existsSync(path.join(work, folder))).toBe(true);
    const elsewhere = path.join(work, 'restored');
    expectRuns(restore, elsewhere);
    expect(await incidentCount(elsewhere)).toBe(stored);
    // Into folders that now hold data, only with --force.
    expect(run(restore, elsewhere).status).not.toBe(0);
    expectRuns(restoreOver, elsewhere);
    expect(await incidentCount(elsewhere)).toBe(stored);
  });
});
