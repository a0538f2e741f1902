// The scaffold, as README "Adding a partner subgraph" has a newcomer use it: the real command
// (dist/scripts/subgraph-new.js, with the README's own arguments) run against a temporary copy of
// the repository's manifest (HUB_MANIFEST; the new folder goes beside it, in the copy's
// partners-contrib/), the generated code type-checked and compiled with the TypeScript compiler,
// then started with our subgraphs and the real gateway over a supergraph composed with it. Through
// the gateway: its two fields are in the schema, the README's walk answers, and the kernel's policy
// holds. Nothing in the repository changes, and in the copy only the manifest and the new folder.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import type { SubgraphModule } from '../../subgraphs/kernel/service/subgraph-service';
import { runCli } from '../support/cli';
import { startPartnerHub, type PartnerHub } from '../support/partner-hub';
import { users } from '../support/users';

const REPO = path.resolve(__dirname, '..', '..', '..');
const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Adding a partner subgraph'));
// The command and the walk the README gives the newcomer.
const ARGS = /npm run subgraph:new -- (.+)/.exec(SECTION)![1].split(/\s+/);
const WALK = /```\n\s*(query EcowarnWalk \{[\s\S]*?)```/.exec(SECTION)![1];
const FOLDER = 'partners-contrib/ecowas-ecowarn';

/** Every file under `dir` (node_modules left out) and its text. */
function snapshot(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) for (const [file, text] of snapshot(full, `${prefix}${entry}/`)) files.set(file, text);
    else files.set(`${prefix}${entry}`, readFileSync(full, 'utf8'));
  }
  return files;
}

const gitStatus = () => execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=all'], { encoding: 'utf8' });

/** A fresh copy of the manifest in its own repository-like folder: <root>/schema/subgraphs.json. */
function manifestCopy(): { root: string; manifest: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'hub-scaffold-'));
  mkdirSync(path.join(root, 'schema'));
  const manifest = path.join(root, 'schema', 'subgraphs.json');
  cpSync(path.join(REPO, 'schema', 'subgraphs.json'), manifest);
  return { root, manifest };
}

/** Type-checks the generated folder against the kernel's sources and writes its .js next to its .ts (only there). */
function compile(dir: string): string {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(REPO, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const options: ts.CompilerOptions = {
    ...parsed.options,
    incremental: false,
    tsBuildInfoFile: undefined,
    outDir: undefined,
    rootDir: undefined,
    sourceMap: false,
    noEmitOnError: true,
  };
  const sources = Object.keys(Object.fromEntries(snapshot(dir)))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
  const program = ts.createProgram(sources, options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => REPO, getNewLine: () => '\n' };
  const problems = ts.formatDiagnostics(diagnostics, host);
  if (problems) return problems;
  program.emit(undefined, (file, text) => {
    if (path.resolve(file).startsWith(dir + path.sep)) ts.sys.writeFile(file, text);
  });
  return '';
}

interface Report {
  id: string;
  title: string;
  classification: string;
  ownerOrg?: string;
}
interface Walk {
  partner: { memberStates: { iso3: string; ecowarnReports: Report[]; situations: { id: string; title: string; ecowarnReports: Report[] }[] }[] };
}
interface SeededReport {
  key: string;
  countryIso3: string;
  title: string;
  sharing: { classification: string; sharedWith?: string[] };
}

const countryReports = (walk: Walk) => walk.partner.memberStates.flatMap((c) => c.ecowarnReports);
const situationReports = (walk: Walk) => walk.partner.memberStates.flatMap((c) => c.situations.flatMap((s) => s.ecowarnReports));

describe('npm run subgraph:new', () => {
  let root: string;
  let manifest: string;
  let dir: string;
  let before: Map<string, string>;
  let gitBefore: string;
  let run: Awaited<ReturnType<typeof runCli>>;
  let hub: PartnerHub;
  let reports: SeededReport[];

  beforeAll(async () => {
    gitBefore = gitStatus();
    ({ root, manifest } = manifestCopy());
    dir = path.join(root, FOLDER);
    before = snapshot(root);
    run = await runCli('subgraph-new', ARGS, { HUB_MANIFEST: manifest });
    if (run.code !== 0) throw new Error(`subgraph:new failed: ${run.stderr}`);
    // What `npm install` does for a workspace package: the repository's packages, @hub/kernel among them, reachable from the folder.
    symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const problems = compile(dir);
    if (problems) throw new Error(`the generated code does not compile:\n${problems}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require(path.join(dir, 'index.js')) as Record<string, SubgraphModule>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reports = (require(path.join(dir, 'data', 'reports.js')) as { REPORTS: SeededReport[] }).REPORTS;
    // The gateway reads the manifest copy, with the new entry: its `calls` give the new subgraph its peer tokens.
    process.env.HUB_MANIFEST = manifest;
    hub = await startPartnerHub([generated.ecowarn]);
  });

  afterAll(async () => {
    await hub?.stop();
    delete process.env.HUB_MANIFEST;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('writes the new folder and one manifest entry, and nothing else', () => {
    expect(run.stdout).toContain(`Wrote ${FOLDER}/`);
    expect(run.stdout).toMatch(/npm install[\s\S]*npm run schema:print && npm run schema:compose[\s\S]*npm start/);
    const after = snapshot(root);
    const changed = [...after.keys()].filter((file) => before.get(file) !== after.get(file)).filter((file) => !file.startsWith(`${FOLDER}/`));
    expect(changed).toEqual(['schema/subgraphs.json']);
    expect([...after.keys()].filter((f) => f.startsWith(`${FOLDER}/`) && !f.endsWith('.js')).sort()).toEqual(
      expect.arrayContaining([
        `${FOLDER}/package.json`,
        `${FOLDER}/index.ts`,
        `${FOLDER}/schema.ts`,
        `${FOLDER}/seed.ts`,
        `${FOLDER}/loaders.ts`,
        `${FOLDER}/entities/field-report.entity.ts`,
        `${FOLDER}/resolvers/contributed.resolver.ts`,
        `${FOLDER}/migrations/index.ts`,
        `${FOLDER}/test/ecowarn-subgraph.test.ts`,
      ]),
    );
    // One line more in the manifest, laid out as the others, and the entry the contract describes.
    const [old, updated] = [before.get('schema/subgraphs.json')!, after.get('schema/subgraphs.json')!];
    expect(updated.split('\n').length).toBe(old.split('\n').length + 1);
    expect(updated).toContain(`{ "name": "ecowarn", "port": `);
    const listed = JSON.parse(updated).subgraphs;
    const highest = Math.max(...JSON.parse(old).subgraphs.map((s: { port: number }) => s.port), JSON.parse(old).gateway.port);
    expect(listed.at(-1)).toEqual({ name: 'ecowarn', port: highest + 1, module: FOLDER, calls: ['partners'] });
    expect(gitStatus()).toBe(gitBefore);
  });

  it('contributes Country.ecowarnReports and Situation.ecowarnReports to the gateway’s schema', async () => {
    const answer = await hub.ask(
      users.anonymous,
      `{ country: __type(name: "Country") { fields { name } } situation: __type(name: "Situation") { fields { name } } }`,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.country.fields.map((f: { name: string }) => f.name)).toContain('ecowarnReports');
    expect(answer.data!.situation.fields.map((f: { name: string }) => f.name)).toContain('ecowarnReports');
  });

  it('answers the README’s walk for the owning organisation with all of its reports, on countries and situations', async () => {
    const answer = await hub.ask<Walk>(users.ecowasAnalyst, WALK);
    expect(answer.errors).toBeUndefined();
    const walk = answer.data!;
    expect(
      countryReports(walk)
        .map((r) => r.title)
        .sort(),
    ).toEqual(reports.map((r) => r.title).sort());
    expect(countryReports(walk).every((r) => r.ownerOrg === 'ECOWAS')).toBe(true);
    expect(countryReports(walk).some((r) => r.classification === 'RED')).toBe(true);
    // The reports on an illustrative situation in a member state, under that situation too.
    const onSituation = reports.filter((r) => r.key === 'clear-report' || r.key === 'amber-report').map((r) => r.title);
    expect(
      situationReports(walk)
        .map((r) => r.title)
        .sort(),
    ).toEqual(onSituation.sort());
  });

  it('shows an anonymous reader the CLEAR reports only', async () => {
    const answer = await hub.ask<Walk>(users.anonymous, WALK);
    expect(answer.errors).toBeUndefined();
    const seen = [...countryReports(answer.data!), ...situationReports(answer.data!)];
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.classification))).toEqual(new Set(['CLEAR']));
    expect(countryReports(answer.data!).map((r) => r.title)).toEqual(reports.filter((r) => r.sharing.classification === 'CLEAR').map((r) => r.title));
  });

  it('shows another organisation what is shared with it, and no RED', async () => {
    const answer = await hub.ask<Walk>(users.jointOfficeAnalyst, WALK);
    expect(answer.errors).toBeUndefined();
    const readable = reports.filter(
      (r) => r.sharing.classification !== 'RED' && (r.sharing.classification !== 'AMBER' || r.sharing.sharedWith?.includes('UN-JO')),
    );
    expect(
      countryReports(answer.data!)
        .map((r) => r.title)
        .sort(),
    ).toEqual(readable.map((r) => r.title).sort());
    const au = await hub.ask<Walk>(users.auAnalyst, WALK);
    expect(
      countryReports(au.data!)
        .map((r) => r.classification)
        .sort(),
    ).toEqual(['CLEAR', 'GREEN']);
  });

  it('lets only the owning organisation write, asking the partners subgraph as the manifest entry allows', async () => {
    const REPORT = `mutation Report($input: ReportEcowarnFieldInput!) { reportEcowarnField(input: $input) { ownerOrg classification sharedWith countryIso3 } }`;
    const input = {
      idempotencyKey: 'scaffold-test-0001',
      countryIso3: 'gha',
      reportedOn: '2026-11-20',
      title: 'Test',
      summary: 'Written by the test.',
    };
    // Without a classification: the partners subgraph's sharing defaults for ECOWAS (GREEN). With
    // sharedWith: its codes checked by the partners subgraph. Both are peer calls.
    const defaulted = await hub.ask(users.ecowasEditor, REPORT, { input: { ...input, idempotencyKey: 'scaffold-test-0000' } });
    expect(defaulted.errors).toBeUndefined();
    expect(defaulted.data!.reportEcowarnField).toEqual({ ownerOrg: 'ECOWAS', classification: 'GREEN', sharedWith: [], countryIso3: 'GHA' });
    const written = await hub.ask(users.ecowasEditor, REPORT, { input: { ...input, classification: 'AMBER', sharedWith: ['AU'] } });
    expect(written.errors).toBeUndefined();
    expect(written.data!.reportEcowarnField).toEqual({ ownerOrg: 'ECOWAS', classification: 'AMBER', sharedWith: ['AU'], countryIso3: 'GHA' });
    const unknown = await hub.ask(users.ecowasEditor, REPORT, {
      input: { ...input, idempotencyKey: 'scaffold-test-0002', classification: 'AMBER', sharedWith: ['NOPE'] },
    });
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const other = await hub.ask(users.jointOfficeEditor, REPORT, { input: { ...input, idempotencyKey: 'scaffold-test-0003' } });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const au = await hub.ask<Walk>(users.auAnalyst, WALK);
    expect(countryReports(au.data!).map((r) => r.title)).toContain('Test');
  });
});

describe('npm run subgraph:new refuses', () => {
  let root: string;
  let manifest: string;

  beforeEach(() => {
    ({ root, manifest } = manifestCopy());
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  async function refused(args: string[], message: RegExp): Promise<void> {
    const before = snapshot(root);
    const run = await runCli('subgraph-new', args, { HUB_MANIFEST: manifest });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(before);
  }

  it('a bad name', async () => {
    await refused(['--name', 'Early-Warning', '--org', 'IGAD'], /--name "Early-Warning": must be lowercase letters and digits/);
    await refused(['--name', 'gateway', '--org', 'IGAD'], /"gateway"\)\.name: must not be one of/);
    await refused(['--org', 'IGAD'], /--name is required/);
  });

  it('a name the manifest already lists, and a folder that exists', async () => {
    await refused(['--name', 'partners', '--org', 'IGAD'], /already lists a subgraph partners/);
    mkdirSync(path.join(root, 'partners-contrib', 'igad-taken'), { recursive: true });
    await refused(['--name', 'taken', '--org', 'IGAD'], /--dir partners-contrib\/igad-taken: already exists/);
  });

  it('an organisation the hub does not know', async () => {
    await refused(['--name', 'notes', '--org', 'NOPE'], /--org "NOPE": no such organisation in the hub; its codes are UN-JO, AU, ECOWAS/);
  });

  it('a port already taken, and a folder outside the repository', async () => {
    await refused(['--name', 'notes', '--org', 'IGAD', '--port', '4002'], /duplicate port 4002/);
    await refused(['--name', 'notes', '--org', 'IGAD', '--dir', tmpdir()], /must be a folder inside the repository/);
  });

  it('but takes --port and --dir when given (the organisation in any case)', async () => {
    const run = await runCli('subgraph-new', ['--name', 'notes', '--org', 'au', '--port', '4100', '--dir', path.join(root, 'elsewhere', 'notes')], {
      HUB_MANIFEST: manifest,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(manifest, 'utf8')).subgraphs.at(-1)).toEqual({
      name: 'notes',
      port: 4100,
      module: 'elsewhere/notes',
      calls: ['partners'],
    });
    expect(readFileSync(path.join(root, 'elsewhere', 'notes', 'resolvers', 'field-report.mutation.ts'), 'utf8')).toContain("OWNER_ORG = 'AU'");
  });
});
