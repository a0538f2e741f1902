// `schema:check` and `schema:compose` as a developer and CI run them: the real CLI (dist/schema/cli.js)
// in a child process, on a copy of the built checkout of the test's own (its schema/ beside its dist/,
// where the CLI finds it), with and without git; and the git base rule on throwaway repositories.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BaseRevisionError, baselines } from '../../schema/compatibility';
import { compose } from '../../schema/supergraph';
import { moduleEntries } from '../../platform/manifest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMA_FILES = moduleEntries().map((entry) => `${entry.name}.graphql`);
/** The top folders of the manifest's subgraph code (subgraphs/, partners-contrib/). */
const CODE_FOLDERS = [...new Set(moduleEntries().map((entry) => entry.module.split('/')[0]))];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/schema/cli.js <command>` in `root`, with SCHEMA_BASE_REF only when given. */
function cli(root: string, command: string, env: Record<string, string> = {}): Run {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.SCHEMA_BASE_REF;
  const result = spawnSync(process.execPath, [path.join(root, 'dist', 'schema', 'cli.js'), command], {
    cwd: root,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Schema Test', '-c', 'user.email=schema@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A folder with the built CLI and the subgraph code it prints from, and a copy of schema/. */
function checkout(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hub-schema-check-'));
  for (const folder of new Set(['schema', 'scripts', 'subgraphs', 'platform', ...CODE_FOLDERS]))
    cpSync(path.join(ROOT, 'dist', folder), path.join(root, 'dist', folder), { recursive: true });
  mkdirSync(path.join(root, 'schema'));
  // The check also compares docker-compose.yml's generated parts, and the observability profile's
  // Prometheus targets, with the manifest.
  cpSync(path.join(ROOT, 'docker-compose.yml'), path.join(root, 'docker-compose.yml'));
  cpSync(path.join(ROOT, 'deploy'), path.join(root, 'deploy'), { recursive: true });
  for (const name of [...SCHEMA_FILES, 'supergraph.graphql', 'api.graphql', 'subgraphs.json', 'intended-changes.json']) {
    cpSync(path.join(ROOT, 'schema', name), path.join(root, 'schema', name));
  }
  // The dashboard's operations and the client generated from them, which the check compares.
  cpSync(path.join(ROOT, 'dashboard'), path.join(root, 'dashboard'), { recursive: true });
  // The packages, and the workspace package @hub/kernel as the copy's own kernel (the checkout's
  // link would load the kernel from this checkout's dist/: a second copy beside the copy's).
  mkdirSync(path.join(root, 'node_modules', '@hub', 'kernel'), { recursive: true });
  for (const entry of readdirSync(path.join(ROOT, 'node_modules')))
    if (entry !== '@hub') symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(root, 'node_modules', entry));
  writeFileSync(
    path.join(root, 'node_modules', '@hub', 'kernel', 'index.js'),
    "module.exports = require('../../../dist/subgraphs/kernel/index.js');\n",
  );
  return root;
}

const real = (name: string) => readFileSync(path.join(ROOT, 'schema', name), 'utf8');
const REMOVED_MESSAGE = "Field 'partner' was removed from object type 'Query'";
/** Query.partner with its description, in schema/partners.graphql. */
const PARTNER_QUERY = / {2}"""One partner organisation[^\n]*\n {2}partner\(code: String!\): Partner\n/;

/** The entries the CLI suggests for schema/intended-changes.json, from its stderr. */
function suggested(stderr: string): { path?: string; message: string; reason: string }[] {
  return JSON.parse(stderr.slice(stderr.indexOf('\n[', stderr.indexOf('intended-changes.json'))));
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('npm run schema:check and schema:compose (the real CLI)', () => {
  it('passes on the repository itself', () => {
    const run = cli(ROOT, 'check');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toContain('changes for clients against schema/supergraph.graphql (working tree): none');
  });

  it('compose writes a safe change, refuses an unmarked breaking one and names it, and writes it once it is marked', () => {
    const root = checkout();
    folders.push(root);
    const file = (name: string) => path.join(root, 'schema', name);

    // Without git the comparison is with the working-tree file only, and check says so.
    const plain = cli(root, 'check');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('note: this is not a git checkout: compared against the working-tree file only');

    const added = real('partners.graphql').replace('  partner(code: String!): Partner\n', '  partner(code: String!): Partner\n  partnerCount: Int\n');
    writeFileSync(file('partners.graphql'), added);
    const safe = cli(root, 'compose');
    expect(safe.code).toBe(0);
    expect(safe.stdout).toContain("SAFE      Query.partnerCount: Field 'partnerCount' was added to object type 'Query'");
    expect(readFileSync(file('supergraph.graphql'), 'utf8')).toContain('partnerCount: Int');
    const afterSafe = readFileSync(file('supergraph.graphql'), 'utf8');

    writeFileSync(file('partners.graphql'), added.replace(PARTNER_QUERY, ''));
    const refused = cli(root, 'compose');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`1 breaking change(s) for clients not marked as intended; schema/supergraph.graphql is left as it was.`);
    expect(refused.stderr).toContain(`BREAKING  Query.partner: ${REMOVED_MESSAGE}`);
    expect(readFileSync(file('supergraph.graphql'), 'utf8')).toBe(afterSafe);

    const entries = suggested(refused.stderr);
    expect(entries).toEqual([{ path: 'Query.partner', message: REMOVED_MESSAGE, reason: '' }]);
    writeFileSync(file('intended-changes.json'), JSON.stringify(entries));
    const unexplained = cli(root, 'compose');
    expect(unexplained.code).toBe(1);
    expect(unexplained.stderr).toContain('entry 0.reason: needs a reason');

    writeFileSync(file('intended-changes.json'), JSON.stringify([{ ...entries[0], reason: 'partners gives every partner with its code' }]));
    const marked = cli(root, 'compose');
    expect(marked.code).toBe(0);
    expect(marked.stdout).toContain(`BREAKING  Query.partner: ${REMOVED_MESSAGE}  [intended: partners gives every partner with its code]`);
    expect(readFileSync(file('supergraph.graphql'), 'utf8')).not.toContain('partner(code: String!)');
  });

  it("check fails when the dashboard's generated client is stale, and when an operation no longer validates", () => {
    const root = checkout();
    folders.push(root);
    const operation = path.join(root, 'dashboard', 'src', 'operations', 'alerts-over-time.graphql');
    const original = readFileSync(operation, 'utf8');

    writeFileSync(operation, original.replace('    alerts\n', '    alerts\n    type\n'));
    const stale = cli(root, 'check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      'stale generated client: dashboard/src/generated/gql.ts, dashboard/src/generated/graphql.ts, dashboard/persisted-documents.json',
    );
    expect(stale.stderr).toContain('run `npm run schema:codegen` and commit the result');
    expect(cli(root, 'codegen').code).toBe(0);
    expect(cli(root, 'check').code).toBe(0);

    writeFileSync(operation, original.replace('    alerts\n', '    alerts\n    removedField\n'));
    const invalid = cli(root, 'check');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("the dashboard's operations do not validate against the API schema:");
    expect(invalid.stderr).toContain('dashboard/src/operations/alerts-over-time.graphql: Cannot query field "removedField" on type "AlertCount".');
    expect(cli(root, 'codegen').code).toBe(1);
  });

  it('check, after a commit, compares with the commit before and fails on an unmarked breaking change; a mark lets it pass', () => {
    const root = checkout();
    folders.push(root);
    // The commit before had a field the code no longer gives (Query.legacyCount).
    const sdls = Object.fromEntries(SCHEMA_FILES.map((name) => [name.replace('.graphql', ''), real(name)]));
    const before = compose({
      ...sdls,
      partners: sdls.partners.replace('  partner(code: String!): Partner\n', '  partner(code: String!): Partner\n  legacyCount: Int\n'),
    });
    git(root, 'init', '-q');
    writeFileSync(path.join(root, 'schema', 'supergraph.graphql'), before);
    git(root, 'add', 'schema');
    git(root, 'commit', '-q', '-m', 'before');
    writeFileSync(path.join(root, 'schema', 'supergraph.graphql'), real('supergraph.graphql'));
    git(root, 'commit', '-q', '-am', 'remove legacyCount');

    const removed = cli(root, 'check');
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain('changes for clients against schema/supergraph.graphql (working tree): none');
    expect(removed.stdout).toMatch(
      /changes for clients against schema\/supergraph.graphql at HEAD~1 \([0-9a-f]{12}\):\n {2}BREAKING {2}Query.legacyCount: Field 'legacyCount' was removed/,
    );
    expect(removed.stderr).toContain('1 breaking change(s) for clients not marked as intended; the check fails.');

    writeFileSync(
      path.join(root, 'schema', 'intended-changes.json'),
      JSON.stringify([
        { path: 'Query.legacyCount', message: "Field 'legacyCount' was removed from object type 'Query'", reason: 'no client read it' },
        { path: 'Query.gone', message: "Field 'gone' was removed from object type 'Query'", reason: 'a release ago' },
      ]),
    );
    const marked = cli(root, 'check');
    expect({ code: marked.code, stderr: marked.stderr }).toEqual({ code: 0, stderr: '' });
    expect(marked.stdout).toContain('[intended: no client read it]');
    expect(marked.stdout).toContain(
      "note: schema/intended-changes.json marks a change no baseline shows (Query.gone: Field 'gone' was removed from object type 'Query'); it can be removed",
    );
  });
});

describe('the git base revision schema:check compares with', () => {
  let repo: string;
  const supergraph = (sdl: string) => writeFileSync(path.join(repo, 'schema', 'supergraph.graphql'), sdl);
  const labels = () => baselines(path.join(repo, 'schema')).baselines.map((b) => `${b.label.replace(/\([0-9a-f]{12}\)/, '(sha)')}: ${b.sdl}`);

  beforeEach(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'hub-schema-base-'));
    folders.push(repo);
    mkdirSync(path.join(repo, 'schema'));
  });

  it('is none outside git, and none before a first commit, and it says so', () => {
    supergraph('one');
    expect(baselines(path.join(repo, 'schema'))).toEqual({
      baselines: [{ label: 'schema/supergraph.graphql (working tree)', sdl: 'one' }],
      notes: ['this is not a git checkout: compared against the working-tree file only, not against a base revision'],
    });
    expect(() => baselines(path.join(repo, 'schema'), 'main')).toThrow('SCHEMA_BASE_REF=main is set, but this is not a git checkout');
    git(repo, 'init', '-q');
    expect(baselines(path.join(repo, 'schema')).notes).toEqual(['the repository has no commit yet: compared against the working-tree file only']);
  });

  it('is HEAD while the working-tree file differs from it, HEAD~1 once it is committed, and SCHEMA_BASE_REF when set', () => {
    git(repo, 'init', '-q');
    supergraph('one');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    const first = git(repo, 'rev-parse', 'HEAD');
    expect(baselines(path.join(repo, 'schema')).notes).toEqual([
      expect.stringContaining('HEAD has no parent here (first commit, or a shallow clone: set SCHEMA_BASE_REF)'),
    ]);

    supergraph('two');
    expect(labels()).toEqual(['schema/supergraph.graphql (working tree): two', 'schema/supergraph.graphql at HEAD (sha): one']);
    git(repo, 'commit', '-q', '-am', 'two');
    expect(labels()).toEqual(['schema/supergraph.graphql (working tree): two', 'schema/supergraph.graphql at HEAD~1 (sha): one']);

    git(repo, 'commit', '-q', '--allow-empty', '-m', 'no schema change');
    expect(labels()).toEqual(['schema/supergraph.graphql (working tree): two']);
    expect(baselines(path.join(repo, 'schema')).notes).toEqual([
      expect.stringMatching(/^schema\/supergraph.graphql at HEAD~1 \(\w+\) equals the working-tree file$/),
    ]);

    expect(baselines(path.join(repo, 'schema'), first).baselines.map((b) => b.sdl)).toEqual(['two', 'one']);
    expect(() => baselines(path.join(repo, 'schema'), 'no-such-branch')).toThrow(BaseRevisionError);
  });

  it('notes a base that has no supergraph file', () => {
    git(repo, 'init', '-q');
    writeFileSync(path.join(repo, 'README'), 'x');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'no schema yet');
    supergraph('one');
    expect(baselines(path.join(repo, 'schema')).notes).toEqual([expect.stringMatching(/^schema\/supergraph.graphql at HEAD \(\w+\) does not exist/)]);
  });
});
