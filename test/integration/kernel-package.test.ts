// The kernel taken outside this repository, as a partner takes it (README "The kernel as a
// package"): `npm run kernel:pack`'s tarball installed without the network into a folder outside
// the repository, beside the worked example's sources (partners-contrib/igad-cewarn), compiled
// there by tsc with the README's tsconfig.json (decorators and their metadata), started with only
// the configuration a partner gives it, and asked through our real gateway with the partners
// subgraph beside it. Any file or declaration of the kernel the example needs and the tarball
// lacks fails the install, the compile or the start.
import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import type { RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { SCHEMA_DIR } from '../../schema/supergraph';
import { PACKED_MAIN, PACKED_TYPES } from '../../scripts/kernel-pack';
import { REPORTS } from '../../partners-contrib/igad-cewarn/data/reports';
import { runCli } from '../support/cli';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { offlineLockfile } from '../support/offline-lockfile';
import { postGraphQL, startSubgraphs, testGatewayConfig } from '../support/hub';
import { baseOf, freePort, loopback } from '../support/network';
import { KEY_FILES, KEYS, kill, waitReady, watchService, type ChildService } from '../support/processes';
import { member, tokenFor, users } from '../support/users';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLE = path.join(ROOT, 'partners-contrib', 'igad-cewarn');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
// Generous: packing compiles the kernel, and the install unpacks a few hundred packages, on a busy 2-core machine.
const SLOW = 600_000;

/** The tsconfig.json the README gives a partner: the ```json block of "The kernel as a package" that sets decorator metadata. */
function readmeTsconfig(): string {
  const section = README.slice(README.indexOf('### The kernel as a package'));
  const block = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.includes('emitDecoratorMetadata'));
  if (!block) throw new Error('README "The kernel as a package" has no tsconfig.json block');
  return block;
}

/** A partner's machine: a command run with little more than PATH and HOME (where npm's cache is). */
function run(command: string, args: string[], cwd: string): string {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: os.homedir() };
  if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: SLOW });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status} in ${cwd}:\n${output}`);
  return output;
}

let work: string;
let project: string;
let tarball: string;
let database: TestDatabase;
let partners: Record<string, RunningSubgraph> = {};
let cewarn: ChildService | undefined;
let gateway: RunningGateway | undefined;

/** The partner's subgraph as its own process, from its folder, with the configuration README lists (`env` on top). */
function startPartner(port: number, env: Record<string, string>): ChildService {
  const child = spawn(process.execPath, ['dist/index.js'], {
    cwd: project,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      HUB_GATEWAY_JWKS_FILE: KEY_FILES.publicKeysFile,
      ...(database.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { PGLITE_DIR: path.join(work, 'pglite') }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchService(child, port);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'hub-kernel-package-'));
  const packed = await runCli('kernel-pack', ['--out', work], { NODE_ENV: 'development' });
  if (packed.code !== 0) throw new Error(`kernel:pack exited ${packed.code}:\n${packed.stdout}\n${packed.stderr}`);
  tarball = packed.stdout.trim().split('\n').pop()!;

  // The worked example's sources, without its in-repository entry and tests, in a folder of its own.
  project = path.join(work, 'cewarn');
  cpSync(EXAMPLE, project, {
    recursive: true,
    filter: (source) => !['test', 'package-entry.js'].includes(path.relative(EXAMPLE, source).split(path.sep)[0]),
  });
  const example = JSON.parse(readFileSync(path.join(EXAMPLE, 'package.json'), 'utf8'));
  const version = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  const partner = {
    folder: project,
    name: example.name as string,
    version: example.version as string,
    dependencies: { ...example.dependencies, '@hub/kernel': `file:${path.relative(project, tarball)}` },
    devDependencies: { typescript: version('typescript'), '@types/node': version('@types/node') },
  };
  const { folder: _folder, ...packageJson } = partner;
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ ...packageJson, private: true, main: 'dist/index.js' }, null, 2));
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(offlineLockfile(partner, tarball), null, 2));
  writeFileSync(path.join(project, 'tsconfig.json'), readmeTsconfig());
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project);
  run(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], project);

  database = await createTestDatabase();
  partners = await startSubgraphs(database.target, ['partners']);
  const port = await freePort();
  // The hub's manifest as its operator hands it over: this subgraph's entry on the port it runs on.
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'subgraphs.json'), 'utf8'));
  for (const entry of manifest.subgraphs) if (entry.name === 'cewarn') entry.port = port;
  const manifestFile = path.join(work, 'subgraphs.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  cewarn = startPartner(port, { HUB_MANIFEST: manifestFile, PARTNERS_URL: loopback(partners.partners.url) });
  await waitReady(cewarn);

  const composed = composeServices(
    ['situations', 'partners', 'training', 'alerts', 'cewarn'].map((name) => ({
      name,
      url: name === 'cewarn' ? cewarn!.url : name === 'partners' ? loopback(partners.partners.url) : `http://127.0.0.1:1/graphql`,
      typeDefs: parse(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8')),
    })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphPath = path.join(work, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  gateway = await startGateway(
    testGatewayConfig({ supergraphPath, internalKeys: { signingKeyFile: KEY_FILES.signingKeyFile, publicKeysFile: KEY_FILES.publicKeysFile } }),
  );
}, SLOW);

afterAll(async () => {
  await gateway?.stop(1000);
  await kill(cewarn);
  for (const subgraph of Object.values(partners)) await subgraph.stop(1000);
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const ask = async (viewer: Parameters<typeof tokenFor>[0], query: string, variables?: Record<string, unknown>) =>
  postGraphQL<Record<string, any>>(loopback(gateway!.url), query, variables, { token: await tokenFor(viewer) });

const titlesIn = (iso3: string, visible: (classification: Classification) => boolean) =>
  REPORTS.filter((r) => r.countryIso3 === iso3 && visible(r.sharing.classification))
    .map((r) => r.title)
    .sort();

describe('the kernel as a package, outside the repository', () => {
  it('packs compiled modules with their declarations, the parts of platform/ the kernel uses included, and no sources', () => {
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    const files = listing.map((entry) => entry.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining(['package.json', PACKED_MAIN, PACKED_TYPES, 'platform/errors.js', 'platform/errors.d.ts', 'platform/http/service.d.ts']),
    );
    for (const file of files.filter((f) => f.endsWith('.js'))) expect(files).toContain(file.replace(/\.js$/, '.d.ts'));
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => !f.startsWith('subgraphs/kernel/') && !f.startsWith('platform/') && f !== 'package.json')).toEqual([]);
    const installed = JSON.parse(readFileSync(path.join(project, 'node_modules', '@hub', 'kernel', 'package.json'), 'utf8'));
    expect(installed).toMatchObject({ name: '@hub/kernel', main: PACKED_MAIN, types: PACKED_TYPES });
    expect(installed.scripts).toBeUndefined();
  });

  it('runs the partner subgraph built there against the kernel it installed, not the repository’s', () => {
    const resolved = spawnSync(process.execPath, ['-p', "require.resolve('@hub/kernel')"], { cwd: project, encoding: 'utf8' }).stdout.trim();
    expect(resolved).toBe(path.join(project, 'node_modules', '@hub', 'kernel', PACKED_MAIN));
    expect(path.relative(ROOT, project).startsWith('..')).toBe(true);
  });

  it('answers through the gateway, under the kernel’s policy: partner → member states → CEWARN reports', async () => {
    const query = '{ partner(code: "IGAD") { memberStates { iso3 cewarnReports { title classification } } } }';
    const reportsOn = (answer: { data?: Record<string, any> | null }, iso3: string) =>
      (answer.data!.partner.memberStates.find((c: { iso3: string }) => c.iso3 === iso3).cewarnReports as { title: string }[])
        .map((r) => r.title)
        .sort();

    const anonymous = await ask(users.anonymous, query);
    expect(anonymous.errors).toBeUndefined();
    expect(reportsOn(anonymous, 'SSD')).toEqual(titlesIn('SSD', (c) => c === Classification.CLEAR));
    expect(reportsOn(anonymous, 'SSD').length).toBeGreaterThan(0);

    const owner = await ask(users.igadAnalyst, query);
    expect(owner.errors).toBeUndefined();
    expect(reportsOn(owner, 'SSD')).toEqual(titlesIn('SSD', () => true));
    expect(reportsOn(owner, 'SSD').length).toBeGreaterThan(reportsOn(anonymous, 'SSD').length);
  });

  it('writes a report through its peer call to the partners subgraph, with the peer URL the partner configured', async () => {
    const REPORT = `mutation Report($input: ReportCewarnFieldInput!) { reportCewarnField(input: $input) { id ownerOrg classification sharedWith } }`;
    const input = {
      idempotencyKey: 'kernel-package-0001',
      countryIso3: 'KEN',
      reportedOn: '2026-11-01',
      title: 'Packed kernel report',
      summary: 'Written by the test.',
    };
    // No classification given: the partners subgraph's sharing defaults for IGAD decide it.
    const created = await ask(member('IGAD', 'editor', 'igad-editor'), REPORT, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data!.reportCewarnField).toMatchObject({ ownerOrg: 'IGAD' });
    const refused = await ask(member('IGAD', 'editor', 'igad-editor'), REPORT, {
      input: { ...input, idempotencyKey: 'kernel-package-0002', sharedWith: ['NOPE'] },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses to start without the hub’s manifest, saying which variable to set', async () => {
    const alone = startPartner(await freePort(), {});
    expect(await alone.exited).not.toBe(0);
    expect(alone.output()).toMatch(/set HUB_MANIFEST to the hub's manifest file/);
  });

  it('refuses a request the gateway did not sign for it', async () => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const unsigned = await fetch(cewarn!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(cewarn!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await KEYS.vouch(users.anonymous, null, 'cewarn')) },
      body,
    });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toContain('cewarnReports');
    expect((await fetch(`${baseOf(cewarn!.url)}/health`)).status).toBe(200);
  });
});
