// Trusted documents through a real hub: operations sent by hash (extensions.persistedQuery,
// documentId) run the manifest's text; with PERSISTED_ONLY a viewer who is not an admin runs those
// and nothing else, refused with a code and HTTP 400, while an admin may still send free text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../gateway/persisted-operations';
import { startHub, type Hub } from '../support/hub';
import { postJson } from '../support/network';
import { tokenFor, users } from '../support/users';

const PARTNER = 'query Partner { partner(code: "ICGLR") { code name } }';
const HASH = sha256Hex(PARTNER);
const FREE = '{ partner(code: "AU") { code } }';

let hub: Hub;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-persisted-'));
  const manifest = path.join(dir, 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [HASH]: PARTNER }));
  hub = await startHub({ gateway: { persistedOperations: [manifest], persistedOnly: true } });
  url = hub.gateway.url.replace('localhost', '127.0.0.1');
});

afterAll(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

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
});
