// The README's command blocks, run as a newcomer would run them, line by line from the README's own
// text: "Try it" (import two sample files, export them), "Backup and restore" (a backup, a restore
// into empty folders, a restore over data), the cost of the dashboard query, and the first question
// asked with curl (against a hub this test starts; its port for 4000). They run in a folder of the
// test's own that links the built checkout, on PGlite folders of their own (the commands' default;
// DATABASE_URL is left out). `npm run build` lines are what this run has done. Every other block is
// accounted for: another test runs it from the README, or it cannot run offline, and why.
import 'reflect-metadata';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPGlite, openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { situationsSubgraph } from '../../subgraphs/situations';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { startHub, TEST_JWT_SECRET, type Hub } from '../support/hub';
import { loopback } from '../support/network';
import { tokenFor, users } from '../support/users';
import { readmeQueries } from '../support/readme';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

const SH_BLOCKS = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The command lines of the first ```sh block that holds `marker`, without comments and build steps. */
function commandsOf(marker: string): string[] {
  const block = SH_BLOCKS.find((text) => text.includes(marker));
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

  it('"Try it" and "Backup and restore" write where git ignores them: the files hold partners\' records', () => {
    const exported = /--out (\S+)/.exec(commandsOf('npm run export').find((line) => line.startsWith('npm run export'))!)![1];
    const backup = /backup -- (\S+)/.exec(commandsOf('npm run backup')[0])![1];
    for (const written of [exported, path.join(backup, 'situations')]) {
      expect([written, spawnSync('git', ['check-ignore', '-q', written], { cwd: ROOT }).status]).toEqual([written, 0]);
    }
  });

  it('the dashboard query costs what "Query cost" says', () => {
    const block = SH_BLOCKS.find((text) => text.includes('npm run -s cost'))!.split('\n');
    const command = block.find((line) => line.startsWith('npm run -s cost'))!.replace(/\s+#.*$/, '');
    const said = block.find((line) => line.startsWith('# cost'))!.slice(2);
    writeFileSync(path.join(work, 'dashboard.graphql'), readmeQueries.find((example) => example.name === 'Dashboard')!.block);
    expect(expectRuns(command, path.join(work, 'data')).trim()).toBe(said);
  });

  it('"Asking the hub": the token and curl lines get the answer the analyst gets (from a hub of the test\'s own for localhost:4000)', async () => {
    let hub: Hub | undefined;
    try {
      hub = await startHub();
      const script = SH_BLOCKS.find((text) => text.includes('curl -s http://localhost:4000/graphql'))!;
      // Not spawnSync: the hub answers from this process, whose event loop must keep running.
      const env = { ...process.env, NODE_ENV: 'development', HUB_JWT_SECRET: TEST_JWT_SECRET };
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          'bash',
          ['-c', script.replace('http://localhost:4000/graphql', loopback(hub!.gateway.url))],
          { cwd: work, env, timeout: 60_000 },
          (error, out, err) => (error ? reject(new Error(`the block failed: ${error.message}\n${err}`)) : resolve(out)),
        ),
      );
      const answer = JSON.parse(stdout);
      const query = JSON.parse(/^\{"query".*\}$/m.exec(script)![0]).query as string;
      const direct = await hub.query(query, undefined, { token: await tokenFor(users.jointOfficeAnalyst) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.partner.memberStates.length).toBeGreaterThan(0);
      expect(answer).toEqual({ data: direct.data });
    } finally {
      await hub?.stop();
    }
  });

  it('"The export as a streamed download": the token and curl lines write the file exportIncidents gives (from a hub of the test\'s own for localhost:4000)', async () => {
    let hub: Hub | undefined;
    try {
      hub = await startHub();
      const script = SH_BLOCKS.find((text) => text.includes('http://localhost:4000/export/incidents'))!;
      const env = { ...process.env, NODE_ENV: 'development', HUB_JWT_SECRET: TEST_JWT_SECRET };
      await new Promise<void>((resolve, reject) =>
        execFile(
          'bash',
          ['-c', script.replace('http://localhost:4000', new URL(loopback(hub!.gateway.url)).origin)],
          { cwd: work, env, timeout: 60_000 },
          (error, _out, err) => (error ? reject(new Error(`the block failed: ${error.message}\n${err}`)) : resolve()),
        ),
      );
      const written = /-o (\S+)/.exec(script)![1];
      const filter = JSON.parse(/'filter=(\{.*?\})'/.exec(script)![1]);
      const direct = await hub.query<{ exportIncidents: { content: string; incidents: number } }>(
        `query Export($filter: IncidentFilter) { exportIncidents(format: HXL, filter: $filter) { content incidents } }`,
        { filter },
        { token: await tokenFor({ sub: 'ecowas-viewer', org: 'ECOWAS', roles: ['viewer'] }) },
      );
      expect(direct.errors).toBeUndefined();
      expect(direct.data!.exportIncidents.incidents).toBeGreaterThan(0);
      expect(readFileSync(path.join(work, written), 'utf8')).toBe(direct.data!.exportIncidents.content);
      expect([written, spawnSync('git', ['check-ignore', '-q', written], { cwd: ROOT }).status]).toEqual([written, 0]);
    } finally {
      await hub?.stop();
    }
  });

  // Each block by its first command line (not a comment, not `npm run build`): those this file does not
  // run, and who does, or why none can here.
  const ELSEWHERE: [lead: string, why: string][] = [
    ['npm install && npm start', "start.test.ts runs npm start's program as a newcomer does; npm test is the command .ci/run runs"],
    [
      'npm run test:one -- test/integration/federation.test.ts',
      '.ci/run runs lint and typecheck; test:one and format are conveniences over the same tools',
    ],
    [
      'DATABASE_URL=postgres://postgres@db.example.org:5432/hub \\',
      'it names a remote server; database-roles.test.ts sets the roles up on the local one',
    ],
    [
      'mkdir -p secrets && chmod 700 secrets',
      'it ends in docker compose up, and no Docker engine runs here; docker-compose.test.ts checks the file it runs',
    ],
    [
      'openssl rand -hex 24 > secrets/grafana_admin_password && chmod 644 secrets/grafana_admin_password',
      'it ends in docker compose --profile observability up, and no Docker engine runs here; observability-profile.test.ts checks the profile',
    ],
    ['npm run schema:print', "schema-check.test.ts runs the schema CLI's check and compose"],
    [
      'npx hive-gateway supergraph --config-path dist/gateway/routers/hive-gateway.config.js --port 4010',
      'hive-gateway.test.ts runs this line, read from the README',
    ],
    ['npm run kernel:pack -- --out ../packages', 'kernel-package.test.ts packs the kernel and installs it offline'],
    [
      'HUB_GATEWAY_JWKS_URL=http://localhost:4000/.well-known/hub-jwks.json PORT=4005 node dist/test/support/foreign-subgraph/server.js',
      'foreign-subgraph.test.ts starts this service',
    ],
    ['npm run subgraph:new -- --name ecowarn --org ECOWAS', 'subgraph-new.test.ts runs this command, read from the README'],
    [
      'ALERT_ACK_DEADLINES="VERY_HIGH=PT4H,HIGH=PT12H"',
      "a setting, not a command: test/unit/acknowledgement-deadlines.test.ts parses this line's value and its defaults, read from the README",
    ],
    [
      'TOKEN=$(npm run -s token -- --roles viewer --org AU)',
      'curl -N holds the stream open until it is interrupted, so no test can wait for it to end; alert-events-sse.test.ts makes the same GraphQL over SSE request through the gateway',
    ],
    [
      'npm install',
      "subgraph-new.test.ts does what these lines do in a copy of the repository (links the workspace, compiles, starts a hub with it): run here, they would rewrite the repository's lockfile and schema",
    ],
  ];
  const HERE = [
    'npm run import -- --org ECOWAS --kind incidents --classification AMBER samples/incidents-ecowas.hxl.csv',
    'npm run backup -- backups/2026-05-01',
    `npm run -s cost -- dashboard.graphql --variables '{"first": 50}'`,
    'TOKEN=$(npm run -s token -- --org UN-JO --roles viewer --sub un-jo-analyst)',
    'TOKEN=$(npm run -s token -- --org ECOWAS --roles viewer)',
  ];
  const leadOf = (block: string) =>
    block
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .find((line) => line !== '' && !line.startsWith('#') && !line.startsWith('npm run build'))!;

  it('accounts for every command block: run here, run by another test, or why it cannot run offline', () => {
    const leads = [...HERE, ...ELSEWHERE.map(([lead]) => lead)];
    for (const block of SH_BLOCKS)
      expect([leadOf(block), leads.filter((lead) => leadOf(block) === lead)]).toEqual([leadOf(block), [expect.any(String)]]);
    for (const lead of leads) expect([lead, SH_BLOCKS.filter((block) => leadOf(block) === lead).length]).toEqual([lead, 1]);
  });
});
