// The contract for a partner's own service is its SDL and the gateway's identity token, not our
// code (README "A partner's own service, in any language"). A service built on none of the hub's
// code (test/support/foreign-subgraph: node:http, graphql, @apollo/subgraph, jose) is composed from
// its SDL file with our four checked-in SDLs, and our real gateway serves the result over our four
// real subgraphs: its fields resolve inside ordinary queries, under the hub's sharing rule, and the
// service refuses whatever the gateway did not sign for it.
import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SignJWT } from 'jose';
import { GATEWAY_JWKS_PATH, startGateway, type RunningGateway } from '../../gateway/server';
import { generateSigningKey } from '../../platform/gateway-keys';
import { createInternalSigner } from '../../platform/internal-token';
import type { Viewer } from '../../platform/identity';
import { SCHEMA_DIR } from '../../schema/supergraph';
import type { RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { KIVU_SITUATION_ID } from '../support/foreign-subgraph/notes';
import { SCHEMA_PATH, startForeignSubgraph, type RunningForeignSubgraph } from '../support/foreign-subgraph/server';
import { postGraphQL, startSubgraphs, testGatewayConfig } from '../support/hub';
import { testKeys } from '../support/internal-keys';
import { baseOf, loopback } from '../support/network';
import { KEY_FILES, KEYS } from '../support/processes';
import { tokenFor, users } from '../support/users';

const OUR_SUBGRAPHS = ['situations', 'partners', 'training', 'alerts'];
const FOREIGN = 'fieldnotes';
const FOREIGN_DIR = path.dirname(SCHEMA_PATH);

let database: TestDatabase;
let subgraphs: Record<string, RunningSubgraph> = {};
let gateway: RunningGateway | undefined;
/** Reads the gateway's public keys from a file (HUB_GATEWAY_JWKS_FILE); composed into the supergraph. */
let foreign: RunningForeignSubgraph | undefined;
/** A second instance that fetches them from the gateway's /.well-known/hub-jwks.json; only called directly. */
let foreignByUrl: RunningForeignSubgraph | undefined;
let supergraphDir: string;
let supergraphSdl: string;

beforeAll(async () => {
  database = await createTestDatabase();
  foreign = await startForeignSubgraph({ keys: { file: KEY_FILES.publicKeysFile } });
  subgraphs = await startSubgraphs(database.target, OUR_SUBGRAPHS);
  const composed = composeServices([
    ...OUR_SUBGRAPHS.map((name) => ({
      name,
      url: loopback(subgraphs[name].url),
      typeDefs: parse(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8')),
    })),
    { name: FOREIGN, url: foreign.url, typeDefs: parse(readFileSync(SCHEMA_PATH, 'utf8')) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composed.supergraphSdl;
  supergraphDir = mkdtempSync(path.join(os.tmpdir(), 'hub-foreign-supergraph-'));
  const supergraphPath = path.join(supergraphDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphSdl);
  gateway = await startGateway(
    testGatewayConfig({ supergraphPath, internalKeys: { signingKeyFile: KEY_FILES.signingKeyFile, publicKeysFile: KEY_FILES.publicKeysFile } }),
  );
  foreignByUrl = await startForeignSubgraph({ keys: { url: `${baseOf(gateway.url)}${GATEWAY_JWKS_PATH}` } });
});

afterAll(async () => {
  await gateway?.stop(1000);
  await foreign?.stop();
  await foreignByUrl?.stop();
  for (const subgraph of Object.values(subgraphs)) await subgraph.stop(1000);
  await database?.drop();
  if (supergraphDir) rmSync(supergraphDir, { recursive: true, force: true });
});

async function asViewer(viewer: Viewer, query: string, variables?: Record<string, unknown>) {
  return postGraphQL<Record<string, any>>(loopback(gateway!.url), query, variables, { token: await tokenFor(viewer) });
}

const ids = (notes: { id: string }[] | null | undefined) => (notes ?? []).map((note) => note.id);

describe('a partner service that is not built on our code', () => {
  it('imports nothing of ours: only node built-ins, npm packages and its own files', () => {
    const sources = readdirSync(FOREIGN_DIR).filter((file) => file.endsWith('.ts'));
    expect(sources.sort()).toEqual(['notes.ts', 'server.ts']);
    const specifiers = sources.flatMap((file) =>
      [...readFileSync(path.join(FOREIGN_DIR, file), 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)'([^']+)'/gm)].map(
        (m) => m[1],
      ),
    );
    expect(specifiers).toEqual(expect.arrayContaining(['@apollo/subgraph', 'jose', './notes']));
    for (const specifier of specifiers) expect(specifier).toMatch(/^(node:|\.\/|@apollo\/subgraph$|graphql$|jose$)/);
  });

  it('is composed from its SDL file with our four SDLs into a supergraph our gateway serves', async () => {
    expect(supergraphSdl).toContain(`join__graph(name: "${FOREIGN}", url: "${foreign!.url}")`);
    for (const name of OUR_SUBGRAPHS) expect(supergraphSdl).toContain(`join__graph(name: "${name}"`);
    const ready = await fetch(`${baseOf(gateway!.url)}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { subgraphs: Record<string, string> }).subgraphs).toEqual({
      situations: 'ready',
      partners: 'ready',
      training: 'ready',
      alerts: 'ready',
      [FOREIGN]: 'ready',
    });
  });

  it('resolves its fields on Country and Situation inside ordinary queries: partner → member states → field notes', async () => {
    const response = await asViewer(
      users.icglrAnalyst,
      `query Walk { partner(code: "ICGLR") { name memberStates { iso3 name fieldNotes { id observedOn ownerOrg classification sharedWith }
        situations { id title fieldNotes { id text } } } } }`,
    );
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const partner = response.data!.partner;
    expect(partner.name).toBe('International Conference on the Great Lakes Region');
    const members = Object.fromEntries(partner.memberStates.map((c: { iso3: string }) => [c.iso3, c]));
    // The partners subgraph's fields and the foreign service's, on the same objects.
    expect(members.COD.name).toBe('Democratic Republic of the Congo');
    expect(members.COD.fieldNotes).toEqual([
      { id: 'note-cod-red', observedOn: '2025-06-08', ownerOrg: 'ICGLR', classification: 'RED', sharedWith: [] },
      { id: 'note-cod-amber', observedOn: '2025-06-06', ownerOrg: 'ICGLR', classification: 'AMBER', sharedWith: ['AU'] },
      { id: 'note-cod-green', observedOn: '2025-06-04', ownerOrg: 'ICGLR', classification: 'GREEN', sharedWith: [] },
      { id: 'note-cod-clear', observedOn: '2025-06-02', ownerOrg: 'ICGLR', classification: 'CLEAR', sharedWith: [] },
    ]);
    expect(ids(members.RWA.fieldNotes)).toEqual(['note-rwa-clear']);
    expect(members.KEN.fieldNotes).toEqual([]);
    // Situations (from the situations subgraph) carry the foreign service's notes too.
    expect(KIVU_SITUATION_ID).toBe(illustrativeSituationId('great-lakes-kivu'));
    const kivu = members.COD.situations.find((s: { id: string }) => s.id === KIVU_SITUATION_ID);
    expect(kivu.title).toMatch(/^\[Exercise\] Scenario A: /);
    expect(kivu.fieldNotes).toEqual([{ id: 'note-kivu-amber', text: expect.stringMatching(/^\[Illustrative\]/) }]);
  });

  it.each([
    ['an anonymous reader: CLEAR only', users.anonymous, ['note-cod-clear']],
    ['a member of an organisation it is not shared with: CLEAR and GREEN', users.ecowasAnalyst, ['note-cod-green', 'note-cod-clear']],
    ['a member of the organisation the AMBER note is shared with', users.auAnalyst, ['note-cod-amber', 'note-cod-green', 'note-cod-clear']],
    [
      'the user the RED note names, whose organisation the AMBER note is not shared with',
      users.jointOfficeAnalyst,
      ['note-cod-red', 'note-cod-green', 'note-cod-clear'],
    ],
    ["a member of the notes' owner: all of them", users.icglrAnalyst, ['note-cod-red', 'note-cod-amber', 'note-cod-green', 'note-cod-clear']],
  ])('applies the sharing rule to its own records, for %s', async (_who, viewer, expected) => {
    const response = await asViewer(viewer, '{ country(iso3: "COD") { iso3 fieldNotes { id } } }');
    expect(response.errors).toBeUndefined();
    expect(ids(response.data!.country.fieldNotes)).toEqual(expected);
  });

  it('shows a situation’s AMBER note to the organisation it is shared with and not to other readers of the situation', async () => {
    const query = '{ situation(id: "' + KIVU_SITUATION_ID + '") { id fieldNotes { id } } }';
    // The situation itself is AMBER, shared with UN-JO and AU: both read it; the note is shared with UN-JO only.
    const jointOffice = await asViewer(users.jointOfficeAnalyst, query);
    expect(jointOffice.errors).toBeUndefined();
    expect(ids(jointOffice.data!.situation.fieldNotes)).toEqual(['note-kivu-amber']);
    const au = await asViewer(users.auAnalyst, query);
    expect(au.errors).toBeUndefined();
    expect(au.data!.situation).toEqual({ id: KIVU_SITUATION_ID, fieldNotes: [] });
  });
});

describe.each([
  ['the public key set in a file', () => foreign!],
  ["the gateway's /.well-known/hub-jwks.json", () => foreignByUrl!],
])('called directly, the partner service reading %s', (_source, service) => {
  const ENTITIES = '{ _entities(representations: [{ __typename: "Country", iso3: "COD" }]) { ... on Country { fieldNotes { id } } } }';

  const call = async (headers: Record<string, string>, body: string = JSON.stringify({ query: ENTITIES })) => {
    const response = await fetch(service().url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await response.text();
    expect(text).not.toMatch(/stacktrace|at .+\.js:\d+/i);
    return { status: response.status, body: JSON.parse(text) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };
  const refused = (answer: { status: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }) => {
    expect(answer.status).toBe(401);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  };

  it('answers a token the gateway signed for it', async () => {
    const answer = await call(await KEYS.vouch(users.ecowasAnalyst, null, FOREIGN));
    expect(answer.status).toBe(200);
    expect(ids(answer.body.data._entities[0].fieldNotes)).toEqual(['note-cod-green', 'note-cod-clear']);
  });

  it('refuses a request without a token, with 401', async () => {
    refused(await call({}));
  });

  it('refuses a token signed by another key', async () => {
    refused(await call(await testKeys(generateSigningKey()).vouch(users.icglrAnalyst, null, FOREIGN)));
  });

  it('refuses a token the gateway addressed to another service', async () => {
    refused(await call(await KEYS.vouch(users.icglrAnalyst, null, 'partners')));
  });

  it('refuses an expired token of the gateway’s own key', async () => {
    const signer = await createInternalSigner(KEYS.signingKey);
    const now = Math.floor(Date.now() / 1000);
    refused(await call({ 'x-hub-identity': await signer.sign({ viewer: users.icglrAnalyst, operationName: null }, FOREIGN, now - 600) }));
  });

  it('refuses a token made with a shared secret (HS256), whatever its claims', async () => {
    const token = await new SignJWT({ org: 'ICGLR', roles: ['viewer'], anon: false })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('icglr-analyst')
      .setIssuer('hub-gateway')
      .setAudience(FOREIGN)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-for-hs256'));
    refused(await call({ 'x-hub-identity': token }));
  });

  it('answers a body that is not JSON with 400 and a code, not a stack trace', async () => {
    const answer = await call(await KEYS.vouch(users.ecowasAnalyst, null, FOREIGN), '{"query": ');
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
  });

  it('serves /health and /ready without a token', async () => {
    for (const endpoint of ['/health', '/ready']) {
      const response = await fetch(`${baseOf(service().url)}${endpoint}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ service: FOREIGN });
    }
  });
});
