// Trusted documents through a real hub: operations sent by hash (extensions.persistedQuery,
// documentId) run the manifest's text; with PERSISTED_ONLY a viewer who is not an admin runs those
// and nothing else, refused with a code and HTTP 400, while an admin may still send free text.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../gateway/persisted-operations';
import { startHub, type Hub } from '../support/hub';
import { writePersistedManifest } from '../support/persisted-manifest';
import { postJson, send } from '../support/network';
import { tokenFor, users } from '../support/users';

const PARTNER = 'query Partner { partner(code: "ICGLR") { code name } }';
const HASH = sha256Hex(PARTNER);
const FREE = '{ partner(code: "AU") { code } }';
const BY_CODE = 'query PartnerByCode($code: String!) { partner(code: $code) { code } }';
const MUTATION = 'mutation Probe { __typename }';
// Apollo's CSRF prevention answers a GET only with a header no simple (cross-site) request carries.
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

let hub: Hub;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-persisted-'));
  const manifest = writePersistedManifest(dir, [PARTNER, BY_CODE, MUTATION]);
  hub = await startHub({ gateway: { persistedOperations: [manifest], persistedOnly: true } });
  url = hub.gateway.url.replace('localhost', '127.0.0.1');
});

afterAll(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Apollo's GET form: `?extensions={"persistedQuery":...}&variables=...`, each parameter JSON. */
const getPersisted = (text: string, variables?: Record<string, unknown>, headers: Record<string, string> = PREFLIGHT) => {
  const params = new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256Hex(text) } }) });
  if (variables) params.set('variables', JSON.stringify(variables));
  return send(`${url}?${params}`, { headers });
};

const auth = async (user: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(user)}` });

describe('persisted operations', () => {
  it.each([
    ['extensions.persistedQuery', { extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }],
    ['documentId', { documentId: HASH }],
    ['documentId sha256:', { documentId: `sha256:${HASH}` }],
    ['the text with its hash', { query: PARTNER, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }],
    ['the text alone', { query: PARTNER }],
  ])('runs the manifest operation sent as %s', async (_how, body) => {
    const answer = await postJson(url, body, await auth(users.jointOfficeAnalyst));
    expect(answer.status).toBe(200);
    expect(answer.body.data.partner.code).toBe('ICGLR');
  });

  it('answers PERSISTED_QUERY_NOT_FOUND (400) for a hash it does not hold', async () => {
    const answer = await postJson(url, { documentId: sha256Hex('query Other { __typename }') });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a text that does not hash to the hash sent, and a malformed hash (400 BAD_REQUEST)', async () => {
    for (const body of [
      { query: FREE, documentId: HASH },
      { documentId: 'abc' },
      { extensions: { persistedQuery: { version: 2, sha256Hash: HASH } } },
    ]) {
      const answer = await postJson(url, body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it.each([
    ['an anonymous reader', users.anonymous],
    ['a viewer', users.jointOfficeAnalyst],
    ['an editor', users.ecowasEditor],
  ])('refuses free text from %s with PERSISTED_QUERY_NOT_IN_LIST (400), before validation', async (_who, user) => {
    const headers = user === users.anonymous ? {} : await auth(user as Parameters<typeof tokenFor>[0]);
    for (const query of [FREE, '{ noSuchField }']) {
      const answer = await postJson(url, { query }, headers);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      expect(answer.body.data).toBeUndefined();
    }
  });

  it('lets an admin send free text', async () => {
    const answer = await postJson(url, { query: FREE }, await auth(users.auAdmin));
    expect(answer.status).toBe(200);
    expect(answer.body.data.partner.code).toBe('AU');
  });

  describe('by GET', () => {
    it('runs a manifest query sent by its hash, with variables', async () => {
      const answer = await getPersisted(BY_CODE, { code: 'ECOWAS' }, { ...PREFLIGHT, ...(await auth(users.jointOfficeAnalyst)) });
      expect(answer.status).toBe(200);
      expect(answer.body.data.partner.code).toBe('ECOWAS');
    });

    it('refuses a manifest mutation by GET (405), as Apollo does any mutation', async () => {
      const answer = await getPersisted(MUTATION, undefined, { ...PREFLIGHT, ...(await auth(users.auAdmin)) });
      expect(answer.status).toBe(405);
      expect(answer.body.errors[0].message).toMatch(/GET requests only support query operations/);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(answer.body.data).toBeUndefined();
    });

    it('keeps CSRF prevention: a GET without a preflight header is refused (400) before it runs', async () => {
      const answer = await getPersisted(PARTNER, undefined, {});
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(answer.body.data).toBeUndefined();
    });

    it('answers PERSISTED_QUERY_NOT_FOUND (400) for a hash it does not hold', async () => {
      const answer = await getPersisted('query Other { __typename }');
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('refuses free text by GET from a viewer with PERSISTED_QUERY_NOT_IN_LIST (400), and runs it for an admin', async () => {
      const free = `${url}?query=${encodeURIComponent(FREE)}`;
      const refused = await send(free, { headers: { ...PREFLIGHT, ...(await auth(users.jointOfficeAnalyst)) } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: any) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      const admin = await send(free, { headers: { ...PREFLIGHT, ...(await auth(users.auAdmin)) } });
      expect(admin.status).toBe(200);
      expect(admin.body.data.partner.code).toBe('AU');
    });

    it('refuses an extensions parameter that is not JSON (400 BAD_REQUEST)', async () => {
      const answer = await send(`${url}?extensions=%7Bnot`, { headers: PREFLIGHT });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    });
  });
});
