// The subgraph manifest (schema/subgraphs.json) as platform/manifest.ts reads it: the checked-in
// file is valid, and every kind of mistake is refused with a message naming the entry and field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_MANIFEST_PATH,
  ManifestError,
  defaultPeerUrl,
  manifestPath,
  moduleEntries,
  parseManifest,
  readManifest,
  subgraphNames,
} from '../../platform/manifest';
import { reachablePeers } from '../../platform/peers';
import { loadSubgraphModule } from '../../scripts/subgraphs';

const situations = { name: 'situations', port: 4001, module: 'subgraphs/situations', calls: ['partners'] };
const partners = { name: 'partners', port: 4002, module: 'subgraphs/partners', calls: [] };
const valid = () => ({ gateway: { port: 4000 }, subgraphs: [structuredClone(situations), structuredClone(partners)] });
const refusal = (raw: unknown) => {
  try {
    parseManifest(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as Error).message;
  }
  throw new Error('the manifest was accepted');
};

describe('the subgraph manifest', () => {
  it('checked in, lists the four subgraphs built on our kernel with their ports and calls', () => {
    const checkedIn = readManifest(DEFAULT_MANIFEST_PATH);
    expect(checkedIn.gateway.port).toBe(4000);
    // Others may follow (partners' own subgraphs); these four are the hub's.
    expect(checkedIn.subgraphs.map(({ name, port, module, calls, url }) => ({ name, port, module, calls, url }))).toEqual(
      expect.arrayContaining([
        { name: 'situations', port: 4001, module: 'subgraphs/situations', calls: ['partners', 'alerts'], url: 'http://localhost:4001/graphql' },
        { name: 'partners', port: 4002, module: 'subgraphs/partners', calls: [], url: 'http://localhost:4002/graphql' },
        { name: 'training', port: 4003, module: 'subgraphs/training', calls: ['partners'], url: 'http://localhost:4003/graphql' },
        { name: 'alerts', port: 4004, module: 'subgraphs/alerts', calls: ['situations'], url: 'http://localhost:4004/graphql' },
      ]),
    );
    expect(manifestPath({})).toBe(DEFAULT_MANIFEST_PATH);
    expect(subgraphNames()).toEqual(checkedIn.subgraphs.map((s) => s.name));
    expect(defaultPeerUrl('alerts')).toBe('http://127.0.0.1:4004/graphql');
    // alerts asks situations back, so a request entering situations may reach it again through alerts.
    expect(reachablePeers('situations')).toEqual(expect.arrayContaining(['situations', 'partners', 'alerts']));
  });

  it('defaults calls to none, enabled to true and the URL to localhost on the port; leaves disabled entries out', () => {
    const raw = valid();
    raw.subgraphs.push({ name: 'later', port: 4010, module: 'subgraphs/later', enabled: false } as never);
    delete (raw.subgraphs[1] as { calls?: string[] }).calls;
    const parsed = parseManifest(raw);
    expect(parsed.subgraphs.map((s) => s.name)).toEqual(['situations', 'partners']);
    expect(parsed.subgraphs[1]).toMatchObject({ calls: [], enabled: true, url: 'http://localhost:4002/graphql' });
  });

  it.each([
    ['a bad name', (m: any) => (m.subgraphs[1].name = 'Partners'), 'subgraphs[1] ("Partners").name: must be lowercase letters and digits'],
    ['a name the hub uses itself', (m: any) => (m.subgraphs[1].name = 'gateway'), 'subgraphs[1] ("gateway").name: must not be one of'],
    ['a missing name', (m: any) => delete m.subgraphs[1].name, 'subgraphs[1].name: is required'],
    ['a port out of range', (m: any) => (m.subgraphs[0].port = 70000), 'subgraphs[0] ("situations").port:'],
    ['a port that is not a number', (m: any) => (m.subgraphs[0].port = '4001'), 'subgraphs[0] ("situations").port: must be a number'],
    ['an unknown field', (m: any) => (m.subgraphs[0].modul = 'x'), 'subgraphs[0] ("situations"): unknown field(s) modul'],
    ['a URL that is not http(s)', (m: any) => (m.subgraphs[0].url = 'ftp://x/graphql'), 'subgraphs[0] ("situations").url: must be an http(s) URL'],
    [
      'a module outside the repository',
      (m: any) => (m.subgraphs[0].module = '../elsewhere'),
      'subgraphs[0] ("situations").module: must be a path relative',
    ],
    [
      'duplicate names',
      (m: any) => m.subgraphs.push({ ...partners, port: 4009 }),
      'subgraphs[2] ("partners").name: duplicate name, also subgraphs[1]',
    ],
    [
      'duplicate ports',
      (m: any) => (m.subgraphs[1].port = 4001),
      'subgraphs[1] ("partners").port: duplicate port 4001, also subgraphs[0] ("situations")',
    ],
    ["the gateway's port", (m: any) => (m.subgraphs[1].port = 4000), 'subgraphs[1] ("partners").port: duplicate port 4000, also the gateway'],
    ['calls to an unknown subgraph', (m: any) => (m.subgraphs[0].calls = ['alerts']), 'subgraphs[0] ("situations").calls: unknown subgraph "alerts"'],
    [
      'calls to a disabled subgraph',
      (m: any) => (m.subgraphs[1].enabled = false),
      'subgraphs[0] ("situations").calls: subgraph "partners" is disabled',
    ],
    [
      'neither module nor sdl',
      (m: any) => delete m.subgraphs[1].module,
      'subgraphs[1] ("partners"): give module (a subgraph built on our kernel) or sdl',
    ],
    [
      'both module and sdl',
      (m: any) => (m.subgraphs[1].sdl = 'partner/schema.graphql'),
      'subgraphs[1] ("partners"): give either module or sdl, not both',
    ],
    [
      'sdl without url',
      (m: any) => m.subgraphs.push({ name: 'elsewhere', port: 4005, sdl: 'partner/schema.graphql' }),
      'subgraphs[2] ("elsewhere").url: is required with sdl',
    ],
    ['no gateway', (m: any) => delete m.gateway, 'gateway: Required'],
    ['no subgraphs', (m: any) => (m.subgraphs = []), 'subgraphs: must list at least one subgraph'],
  ])('refuses %s, naming the entry and field', (_what, spoil, message) => {
    const raw = valid();
    spoil(raw);
    expect(refusal(raw)).toContain(message);
    expect(refusal(raw)).toMatch(/^schema\/subgraphs\.json: /);
  });

  it('lists every problem at once', () => {
    const raw: any = valid();
    raw.subgraphs[1].port = 4001;
    raw.subgraphs[0].calls = ['nobody'];
    const message = refusal(raw);
    expect(message).toContain('duplicate port 4001');
    expect(message).toContain('unknown subgraph "nobody"');
  });

  describe('a file of its own (HUB_MANIFEST)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-manifest-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names the file that is missing or not JSON', () => {
      expect(() => readManifest(path.join(dir, 'absent.json'))).toThrow(/cannot read the subgraph manifest .*absent\.json/);
      writeFileSync(path.join(dir, 'broken.json'), '{ "gateway": ');
      expect(() => readManifest(path.join(dir, 'broken.json'))).toThrow(/broken\.json is not JSON/);
      expect(manifestPath({ HUB_MANIFEST: path.join(dir, 'other.json') })).toBe(path.join(dir, 'other.json'));
    });
  });

  it('loads each module entry by its name, and says so clearly when the module exports none of that name', () => {
    for (const entry of moduleEntries()) expect(loadSubgraphModule(entry).name).toBe(entry.name);
    expect(() => loadSubgraphModule({ name: 'training', module: 'subgraphs/alerts' })).toThrow(
      'subgraph training: subgraphs/alerts/index exports no SubgraphModule named "training" (it exports alerts)',
    );
    expect(() => loadSubgraphModule({ name: 'nowhere', module: 'subgraphs/nowhere' })).toThrow(
      /subgraph nowhere: cannot load its module subgraphs\/nowhere/,
    );
  });
});
