// "Adding a subgraph is one entry": with HUB_MANIFEST naming a copy of schema/subgraphs.json plus
// one partner service built elsewhere (an `sdl` entry, test/fixtures/elections.graphql, extending
// the hub's Country), everything that lists subgraphs takes it in: the gateway's and subgraphs'
// variables, the peer tokens, the composed supergraph and docker-compose.yml; npm start leaves it out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { parse } from 'yaml';
import { readGatewayConfig } from '../../gateway/config';
import { SubgraphTokenCache } from '../../gateway/subgraph-tokens';
import { generateSigningKey } from '../../platform/gateway-keys';
import { createInternalSigner } from '../../platform/internal-token';
import { DEFAULT_MANIFEST_PATH, REPO_ROOT, manifest, moduleEntries, readManifest, subgraphNames } from '../../platform/manifest';
import { parsePeerTokens, reachablePeers } from '../../platform/peers';
import { readServiceConfig } from '../../subgraphs/kernel/service/config';
import { composeFileFor } from '../../scripts/compose-file';
import { compose, printSubgraphs } from '../../schema/supergraph';
import { users } from '../support/users';

const ELECTIONS = {
  name: 'elections',
  // The next port after the checked-in manifest's.
  port: Math.max(...readManifest(DEFAULT_MANIFEST_PATH).subgraphs.map((entry) => entry.port)) + 1,
  url: 'https://elections.partner.example.org/graphql',
  sdl: 'test/fixtures/elections.graphql',
  calls: ['partners'],
};

// The checked-in manifest's subgraphs built on our kernel, which the added entry joins.
const KERNEL = readManifest(DEFAULT_MANIFEST_PATH)
  .subgraphs.filter((entry) => entry.module !== undefined)
  .map((entry) => entry.name);
const CHECKED_IN = readManifest(DEFAULT_MANIFEST_PATH).subgraphs.map((entry) => entry.name);

const dir = mkdtempSync(path.join(tmpdir(), 'hub-manifest-entry-'));
const previous = process.env.HUB_MANIFEST;
beforeAll(() => {
  const checkedIn = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')) as { subgraphs: object[] };
  const file = path.join(dir, 'subgraphs.json');
  writeFileSync(file, JSON.stringify({ ...checkedIn, subgraphs: [...checkedIn.subgraphs, ELECTIONS] }));
  process.env.HUB_MANIFEST = file;
});
afterAll(() => {
  if (previous === undefined) delete process.env.HUB_MANIFEST;
  else process.env.HUB_MANIFEST = previous;
  rmSync(dir, { recursive: true, force: true });
});

describe('a subgraph added with one manifest entry', () => {
  it('is listed, but not started by npm start (it is built elsewhere)', () => {
    expect(subgraphNames()).toEqual([...CHECKED_IN, 'elections']);
    expect(moduleEntries().map((e) => e.name)).toEqual(KERNEL);
  });

  it('has its ELECTIONS_URL and ELECTIONS_TIMEOUT_MS read by the gateway, and validated', () => {
    const config = readGatewayConfig({ ELECTIONS_URL: 'http://elections:4005/graphql', ELECTIONS_TIMEOUT_MS: '2500' });
    expect(config.subgraphUrls).toEqual({ elections: 'http://elections:4005/graphql' });
    expect(config.subgraphTimeouts).toEqual({ elections: 2500 });
    expect(() => readGatewayConfig({ ELECTIONS_URL: 'elections:4005' })).toThrow('ELECTIONS_URL must be an http(s) URL');
  });

  it('is a peer the subgraphs find through ELECTIONS_URL', () => {
    expect(readServiceConfig('partners', 4002, { ELECTIONS_URL: 'http://elections:4005/graphql' }).peerUrls).toEqual({
      elections: 'http://elections:4005/graphql',
    });
  });

  it('gets from the gateway tokens for the peers it declares, and only those', async () => {
    expect(reachablePeers('elections')).toEqual(['partners']);
    const cache = new SubgraphTokenCache(await createInternalSigner(generateSigningKey()));
    const tokens = await cache.tokensFor({ viewer: users.jointOfficeAnalyst, operationName: 'Op' }, 'elections');
    expect(decodeJwt(tokens.identity)).toMatchObject({ aud: 'elections', org: 'UN-JO' });
    const peers = parsePeerTokens(tokens.peers);
    expect(Object.keys(peers)).toEqual(['partners']);
    expect(decodeJwt(peers.partners!)).toMatchObject({ aud: 'partners' });
    // Nobody else may call it: it is in no subgraph's calls.
    for (const name of moduleEntries().map((e) => e.name)) expect(reachablePeers(name)).not.toContain('elections');
    expect(parsePeerTokens(JSON.stringify({ elections: 'token', unknown: 'token' }))).toEqual({ elections: 'token' });
  });

  it('is composed from its SDL file at its manifest URL, its fields joined to Country', async () => {
    const supergraph = compose(await printSubgraphs());
    expect(supergraph).toContain(`ELECTIONS @join__graph(name: "elections", url: "${ELECTIONS.url}")`);
    expect(supergraph).toMatch(/elections: \[Election!\] @join__field\(graph: ELECTIONS\)/);
    expect(supergraph).toContain('type Election');
  });

  it('is reached from docker-compose at its URL, with no service or database role of its own', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
    const generated = parse(composeFileFor(text, manifest()), { merge: true });
    expect(generated.services.gateway.environment.ELECTIONS_URL).toBe(ELECTIONS.url);
    expect(generated.services.situations.environment.ELECTIONS_URL).toBe(ELECTIONS.url);
    expect(generated.services.elections).toBeUndefined();
    expect(Object.keys(generated.secrets)).not.toContain('db_password_elections');
    expect(Object.keys(generated.services.gateway.depends_on)).toEqual(KERNEL);
  });
});
