// The identity the gateway vouches for, as a subgraph sees it: signed with the gateway's private
// key, addressed to one subgraph, alive for seconds. Subgraphs hold only public keys, so none can
// mint an identity; peer calls carry tokens the gateway signed for that peer.
import { randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { SubgraphTokenCache } from '../../gateway/subgraph-tokens';
import { GATEWAY_JWKS_PATH } from '../../gateway/server';
import { gatewayKeySet, generateSigningKey } from '../../platform/gateway-keys';
import type { Viewer } from '../../platform/identity';
import { createInternalSigner, createInternalVerifier, INTERNAL_HEADER } from '../../platform/internal-token';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { reachablePeers } from '../../platform/peers';
import { postGraphQL, startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { publicSet, testKeys } from '../support/internal-keys';
import { baseOf } from '../support/network';

const ANALYST: Viewer = users.jointOfficeAnalyst;
const ADMIN: Viewer = { sub: 'mallory', org: 'UN-JO', roles: ['admin'] };
const KIVU = illustrativeSituationId('great-lakes-kivu');
// Both ask a peer: situations asks partners for ECOWAS's member states; alerts asks situations for the cited one.
const BY_PARTNER = '{ situations(filter: { partner: "ECOWAS" }) { nodes { country { iso3 } } } }';
const DRAFT = 'mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { id situation { id } } }';

let hub: Hub;
let analyst: string;
let editor: string;

beforeAll(async () => {
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
  editor = await tokenFor(users.jointOfficeEditor);
});

afterAll(async () => {
  await hub?.stop();
});

const direct = (subgraph: string, headers: Record<string, string>) =>
  postGraphQL(hub.subgraphs[subgraph].url, '{ __typename }', undefined, { headers });

/** The peer calls a reader's queries make, through the gateway, as a dashboard would. */
async function peerCallsWork(): Promise<void> {
  const filtered = await hub.query<{ situations: { nodes: { country: { iso3: string } }[] } }>(BY_PARTNER, undefined, { token: analyst });
  expect(filtered.errors).toBeUndefined();
  expect(filtered.data!.situations.nodes.length).toBeGreaterThan(0);
  const input = {
    idempotencyKey: randomUUID(),
    type: 'EARLY_WARNING',
    level: 'VERY_HIGH',
    title: '[Test] Early warning citing the Kivu situation',
    body: 'Test alert written by the internal identity test.',
    recipients: ['SECRETARY_GENERAL', 'PARTNER_ORGANISATIONS'],
    recipientOrgs: ['ICGLR'],
    crimes: ['GENOCIDE'],
    citedRiskFactors: ['RF1'],
    situationId: KIVU,
    countryIso3: 'COD',
    classification: 'AMBER',
  };
  const drafted = await hub.query<{ draftAlert: { situation: { id: string } | null } }>(DRAFT, { input }, { token: editor });
  expect(drafted.errors).toBeUndefined();
  expect(drafted.data!.draftAlert.situation).toEqual({ id: KIVU });
}

describe('a subgraph called directly', () => {
  it('accepts a token the gateway signed for it', async () => {
    expect((await direct('situations', await hub.keys.vouch(ANALYST, null, 'situations'))).status).toBe(200);
  });

  it('refuses a token signed with another key', async () => {
    const forged = await testKeys().vouch(ADMIN, null, 'situations');
    expect((await direct('situations', forged)).status).toBe(401);
  });

  it('refuses a token addressed to another subgraph', async () => {
    const forPartners = await hub.keys.vouch(ADMIN, null, 'partners');
    expect((await direct('situations', forPartners)).status).toBe(401);
    expect((await direct('partners', forPartners)).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const signer = await createInternalSigner(hub.keys.signingKey);
    const expired = await signer.sign({ viewer: ADMIN, operationName: null }, 'situations', Math.floor(Date.now() / 1000) - 120, 60);
    expect((await direct('situations', { [INTERNAL_HEADER]: expired })).status).toBe(401);
  });

  it('refuses a token minted with the old shared secret (HS256)', async () => {
    for (const audience of ['hub-subgraph', 'situations']) {
      const old = await new SignJWT({ org: 'UN-JO', roles: ['admin'], anon: false, op: null })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer('hub-gateway')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('60s')
        .sign(new TextEncoder().encode('development-internal-secret-do-not-use-in-production'));
      expect((await direct('situations', { [INTERNAL_HEADER]: old })).status).toBe(401);
    }
  });

  it('refuses a peer token header without an identity of its own', async () => {
    const peers = JSON.stringify({ partners: (await hub.keys.vouch(ADMIN, null, 'partners'))[INTERNAL_HEADER] });
    expect((await direct('situations', { 'x-hub-peer-identities': peers })).status).toBe(401);
  });
});

describe('a peer call', () => {
  it('cannot be made without a token the gateway signed for that peer', async () => {
    const alone = await postGraphQL(hub.subgraphs.situations.url, BY_PARTNER, undefined, {
      headers: await hub.keys.vouch(ANALYST, null, 'situations'),
    });
    expect(alone.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_ERROR', serviceName: 'partners' });
  });
});

describe('tokens the gateway hands out', () => {
  it('gives each subgraph tokens only for the peers it may call, each addressed to that peer', async () => {
    expect(reachablePeers('partners')).toEqual([]);
    expect(reachablePeers('training')).toEqual(['partners']);
    const cache = new SubgraphTokenCache(await createInternalSigner(hub.keys.signingKey));
    const forTraining = await cache.tokensFor({ viewer: ANALYST, operationName: 'Op' }, 'training');
    expect(decodeJwt(forTraining.identity)).toMatchObject({ aud: 'training', sub: 'un-jo-analyst', org: 'UN-JO', op: 'Op' });
    const peers = JSON.parse(forTraining.peers) as Record<string, string>;
    expect(Object.keys(peers)).toEqual(['partners']);
    expect(decodeJwt(peers.partners)).toMatchObject({ aud: 'partners', sub: 'un-jo-analyst', org: 'UN-JO' });
    expect(JSON.parse((await cache.tokensFor({ viewer: ANALYST, operationName: 'Op' }, 'partners')).peers)).toEqual({});
    const claims = decodeJwt(forTraining.identity);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60);
  });

  it('reuses a token per viewer, operation and subgraph within its life, and no further', async () => {
    const cache = new SubgraphTokenCache(await createInternalSigner(hub.keys.signingKey));
    const first = await cache.tokensFor({ viewer: ANALYST, operationName: 'Op' }, 'situations');
    expect(await cache.tokensFor({ viewer: ANALYST, operationName: 'Op' }, 'situations')).toBe(first);
    expect((await cache.tokensFor({ viewer: ANALYST, operationName: 'Other' }, 'situations')).identity).not.toBe(first.identity);
    expect((await cache.tokensFor({ viewer: ADMIN, operationName: 'Op' }, 'situations')).identity).not.toBe(first.identity);
    expect((await cache.tokensFor({ viewer: ANALYST, operationName: 'Op' }, 'alerts')).identity).not.toBe(first.identity);
  });

  it('are verified by a subgraph that reads the public keys the gateway serves', async () => {
    const jwksUrl = `${baseOf(hub.gateway.url)}${GATEWAY_JWKS_PATH}`;
    const served = (await (await fetch(jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    expect(served.keys.map((k) => k.kid)).toEqual([hub.keys.signingKey.kid]);
    for (const key of served.keys) expect(key).not.toHaveProperty('d');
    const verify = createInternalVerifier('situations', gatewayKeySet({ jwksUrl }));
    expect(await verify((await hub.keys.vouch(ANALYST, 'Op', 'situations'))[INTERNAL_HEADER])).toEqual({ viewer: ANALYST, operationName: 'Op' });
    expect(await verify((await testKeys().vouch(ANALYST, 'Op', 'situations'))[INTERNAL_HEADER])).toBeNull();
  });
});

describe('peer calls between subgraphs', () => {
  it('still work: a situations filter by partner, an alert citing a situation', async () => {
    await peerCallsWork();
  });
});

describe('a key rotation', () => {
  it('keeps the gateway working while both keys are accepted, and after the old one is removed', async () => {
    const old = hub.keys.signingKey;
    const next = generateSigningKey();
    try {
      // 1. Subgraphs accept both keys; 2. the gateway signs with the new one; 3. the old one goes.
      hub.keys.accept(publicSet(old, next));
      await peerCallsWork();
      hub.gateway.subgraphTokens.useSigner(await createInternalSigner(next));
      await peerCallsWork();
      hub.keys.accept(publicSet(next));
      await peerCallsWork();
      expect((await direct('situations', await hub.keys.vouch(ANALYST, null, 'situations'))).status).toBe(401);
      expect((await direct('situations', await testKeys(next).vouch(ANALYST, null, 'situations'))).status).toBe(200);
    } finally {
      hub.keys.accept(publicSet(old));
      hub.gateway.subgraphTokens.useSigner(await createInternalSigner(old));
    }
  });
});
