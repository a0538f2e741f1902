// What the gateway and the subgraphs remember between requests, to sign, verify and send less, is
// never given to another viewer: the gateway's cached tokens name the viewer who asked, a
// subgraph's verified tokens answer only for the token itself (and only while it is valid and its
// key still accepted), and identical queries in flight are merged for one viewer only, never for a
// mutation.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeJwt } from 'jose';
import { SubgraphTokenCache } from '../../gateway/subgraph-tokens';
import { VouchingDataSource } from '../../gateway/vouching-data-source';
import { generateSigningKey } from '../../platform/gateway-keys';
import { ANONYMOUS, type Viewer } from '../../platform/identity';
import { createInternalSigner, createInternalVerifier, INTERNAL_HEADER, INTERNAL_TOKEN_LIFETIME_SECONDS } from '../../platform/internal-token';
import { publicSet } from '../support/internal-keys';

const ANALYST: Viewer = { sub: 'un-jo-analyst', org: 'UN-JO', roles: ['viewer'] };
// Each differs from the analyst in one thing only.
const OTHERS: Viewer[] = [
  { sub: 'un-jo-other', org: 'UN-JO', roles: ['viewer'] },
  { sub: 'un-jo-analyst', org: 'ECOWAS', roles: ['viewer'] },
  { sub: 'un-jo-analyst', org: 'UN-JO', roles: ['admin'] },
  ANONYMOUS,
];

function claimsOf(token: string): Viewer {
  const claims = decodeJwt(token) as { sub: string; org: string | null; roles: Viewer['roles']; anon: boolean };
  return claims.anon ? ANONYMOUS : { sub: claims.sub, org: claims.org, roles: claims.roles };
}

describe("the gateway's cached tokens", () => {
  it('name the viewer who asked, however many viewers ask at once', async () => {
    const cache = new SubgraphTokenCache(await createInternalSigner(generateSigningKey()));
    for (let round = 0; round < 2; round++) {
      const viewers = [ANALYST, ...OTHERS];
      const tokens = await Promise.all(viewers.map((viewer) => cache.tokensFor({ viewer, operationName: 'Op' }, 'situations')));
      tokens.forEach((token, i) => expect(claimsOf(token.identity)).toEqual(viewers[i]));
      expect(new Set(tokens.map((t) => t.identity)).size).toBe(viewers.length);
      const peers = await Promise.all(viewers.map((viewer) => cache.tokensFor({ viewer, operationName: 'Op' }, 'training')));
      peers.forEach((token, i) => expect(claimsOf((JSON.parse(token.peers) as Record<string, string>).partners)).toEqual(viewers[i]));
    }
  });
});

describe("a subgraph's verified tokens", () => {
  const key = generateSigningKey();

  afterEach(() => {
    jest.useRealTimers();
  });

  it('answer for the viewer the token names, the second time too', async () => {
    const signer = await createInternalSigner(key);
    const verify = createInternalVerifier('situations', createLocalJWKSet(publicSet(key)));
    const viewers = [ANALYST, ...OTHERS];
    const tokens = await Promise.all(viewers.map((viewer) => signer.sign({ viewer, operationName: 'Op' }, 'situations')));
    for (let round = 0; round < 2; round++) {
      const vouched = await Promise.all(tokens.map((token) => verify(token)));
      vouched.forEach((v, i) => expect(v).toEqual({ viewer: viewers[i], operationName: 'Op' }));
    }
    // A remembered answer is a copy: changing one changes nothing for the next request.
    const first = await verify(tokens[0]);
    first!.viewer.roles.push('admin');
    expect((await verify(tokens[0]))!.viewer.roles).toEqual(['viewer']);
  });

  it('are refused once expired, and once their key is no longer accepted', async () => {
    const signer = await createInternalSigner(key);
    let accepted = createLocalJWKSet(publicSet(key));
    const verify = createInternalVerifier('situations', (header, token) => accepted(header, token));
    const token = await signer.sign({ viewer: ANALYST, operationName: 'Op' }, 'situations');
    expect(await verify(token)).not.toBeNull();
    // The clock moved past the token's exp, for the cache and for jose alike; timers stay real.
    jest.useFakeTimers({
      now: Date.now() + INTERNAL_TOKEN_LIFETIME_SECONDS * 1000 + 1000,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'queueMicrotask',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'performance',
      ],
    });
    expect(await verify(token)).toBeNull();
    jest.useRealTimers();

    const fresh = await signer.sign({ viewer: ANALYST, operationName: 'Other' }, 'situations');
    expect(await verify(fresh)).not.toBeNull();
    accepted = createLocalJWKSet(publicSet(generateSigningKey()));
    expect(await verify(fresh)).toBeNull();
  });

  it('answer only for the audience they were verified for', async () => {
    const signer = await createInternalSigner(key);
    const keys = createLocalJWKSet(publicSet(key));
    const token = await signer.sign({ viewer: ANALYST, operationName: 'Op' }, 'situations');
    expect(await createInternalVerifier('situations', keys)(token)).not.toBeNull();
    expect(await createInternalVerifier('alerts', keys)(token)).toBeNull();
  });
});

/** A subgraph stand-in that answers after a while with the viewer its token names, counting requests. */
async function startCountingSubgraph(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const viewer = claimsOf(String(req.headers[INTERNAL_HEADER]));
    req.resume();
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { viewer: viewer.sub ?? 'anonymous', org: viewer.org, roles: viewer.roles } }));
    }, 150);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('identical subgraph requests in flight at once', () => {
  let subgraph: Awaited<ReturnType<typeof startCountingSubgraph>>;
  let source: VouchingDataSource;

  beforeAll(async () => {
    subgraph = await startCountingSubgraph();
    source = new VouchingDataSource('situations', subgraph.url, 5000, new SubgraphTokenCache(await createInternalSigner(generateSigningKey())));
  });

  afterAll(async () => {
    await subgraph.close();
  });

  const ask = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) =>
    source.process({ kind: 'health check' as never, request: { query, variables }, context: { viewer, operationName: 'Op' } });
  const QUERY = 'query Op__situations__0 { situations { totalCount } }';

  it('are sent once for one viewer, each caller getting the whole answer', async () => {
    const before = subgraph.requests();
    const answers = await Promise.all([ask(ANALYST, QUERY), ask(ANALYST, QUERY)]);
    expect(subgraph.requests() - before).toBe(1);
    for (const answer of answers) expect(answer.data).toEqual({ viewer: ANALYST.sub, org: ANALYST.org, roles: ANALYST.roles });
    expect(answers[0]).not.toBe(answers[1]);
  });

  it('are sent once per viewer, each viewer getting its own answer', async () => {
    for (const other of OTHERS) {
      const before = subgraph.requests();
      const [mine, theirs] = await Promise.all([ask(ANALYST, QUERY), ask(other, QUERY)]);
      expect(subgraph.requests() - before).toBe(2);
      expect(mine.data).toEqual({ viewer: ANALYST.sub, org: ANALYST.org, roles: ANALYST.roles });
      expect(theirs.data).toEqual({ viewer: other.sub ?? 'anonymous', org: other.org, roles: other.roles });
    }
  });

  it('are sent apart when their variables differ, and always for a mutation', async () => {
    let before = subgraph.requests();
    await Promise.all([ask(ANALYST, QUERY, { n: 1 }), ask(ANALYST, QUERY, { n: 2 })]);
    expect(subgraph.requests() - before).toBe(2);
    before = subgraph.requests();
    const mutation = 'mutation Op__alerts__0 { acknowledgeAlert(id: "1") { id } }';
    await Promise.all([ask(ANALYST, mutation), ask(ANALYST, mutation)]);
    expect(subgraph.requests() - before).toBe(2);
  });

  it('are sent again once the first has been answered', async () => {
    const before = subgraph.requests();
    await ask(ANALYST, QUERY);
    await ask(ANALYST, QUERY);
    expect(subgraph.requests() - before).toBe(2);
  });
});
