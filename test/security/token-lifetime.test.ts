// Client tokens must end: a token without `exp`, or meant to live longer than HUB_JWT_MAX_LIFETIME
// (24 h by default), is refused, with the local secret and with a JWKS alike; production will not
// start without the issuer and audience it is to check.
import { SignJWT, importJWK, type KeyLike } from 'jose';
import { createAuthenticator, DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../gateway/auth';
import { readGatewayConfig } from '../../gateway/config';
import { GATEWAY_JWKS_PATH } from '../../gateway/server';
import { runCli } from '../support/cli';
import { startHub, TEST_JWT_SECRET, type Hub } from '../support/hub';
import { baseOf } from '../support/network';

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);
const claims = { org: 'UN-JO', roles: ['viewer'] };

/** A client token signed with the test secret; `build` sets (or leaves out) its times. */
function token(build: (jwt: SignJWT) => SignJWT): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('un-jo-analyst')
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(DEVELOPMENT_AUDIENCE);
  return build(jwt).sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

let hub: Hub;

beforeAll(async () => {
  hub = await startHub({ seed: false });
});

afterAll(async () => {
  await hub?.stop();
});

describe('client token lifetime at the gateway', () => {
  it.each([
    ['without exp', () => token((j) => j.setIssuedAt())],
    ['valid for a century', () => token((j) => j.setIssuedAt().setExpirationTime(now() + 100 * 365 * 24 * HOUR))],
    ['ending in two days, without iat', () => token((j) => j.setExpirationTime(now() + 48 * HOUR))],
    ['issued long ago for 25 hours, ending soon', () => token((j) => j.setIssuedAt(now() - 24 * HOUR).setExpirationTime(now() + HOUR))],
  ])('refuses a token %s with UNAUTHENTICATED (401)', async (_case, make) => {
    const response = await hub.query('{ partners { code } }', undefined, { token: await make() });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it('says what is missing from a token without exp', async () => {
    const response = await hub.query('{ partners { code } }', undefined, { token: await token((j) => j.setIssuedAt()) });
    expect(response.errors?.[0].message).toMatch(/exp/);
  });

  it('accepts a token that lives within the limit', async () => {
    const response = await hub.query('{ partners { code } }', undefined, {
      token: await token((j) => j.setIssuedAt().setExpirationTime(now() + 23 * HOUR)),
    });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });

  it('applies the limit with a JWKS as well', async () => {
    // The gateway's own served key set stands in for an identity provider's JWKS.
    const jwksUrl = `${baseOf(hub.gateway.url)}${GATEWAY_JWKS_PATH}`;
    const authenticate = createAuthenticator({
      jwksUrl,
      jwtSecret: '',
      issuer: 'https://login.example.org/',
      audience: 'hub',
      maxLifetimeSeconds: HOUR,
    });
    const key = (await importJWK(hub.keys.signingKey, 'EdDSA')) as KeyLike;
    const sign = (build: (jwt: SignJWT) => SignJWT) =>
      build(
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'EdDSA', kid: hub.keys.signingKey.kid })
          .setSubject('u')
          .setIssuer('https://login.example.org/')
          .setAudience('hub'),
      ).sign(key);
    await expect(authenticate(`Bearer ${await sign((j) => j.setIssuedAt())}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(authenticate(`Bearer ${await sign((j) => j.setIssuedAt().setExpirationTime('2h'))}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(authenticate(`Bearer ${await sign((j) => j.setIssuedAt().setExpirationTime('30m'))}`)).resolves.toMatchObject({ org: 'UN-JO' });
  });
});

describe('npm run token', () => {
  it('mints a token with exp that the gateway accepts', async () => {
    const run = await runCli('token', ['--org', 'UN-JO', '--roles', 'viewer'], { HUB_JWT_SECRET: TEST_JWT_SECRET });
    expect(run.code).toBe(0);
    const minted = run.stdout.trim();
    const payload = JSON.parse(Buffer.from(minted.split('.')[1], 'base64url').toString()) as { exp?: number; iat?: number };
    expect(payload.exp! - payload.iat!).toBe(HOUR);
    expect((await hub.query('{ partners { code } }', undefined, { token: minted })).status).toBe(200);
  });

  it('refuses to mint a token longer-lived than the gateway accepts', async () => {
    const run = await runCli('token', ['--org', 'UN-JO', '--ttl', '7d'], { HUB_JWT_SECRET: TEST_JWT_SECRET });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/HUB_JWT_MAX_LIFETIME/);
  });

  it('refuses an organisation the hub does not hold, naming the ones it does', async () => {
    const run = await runCli('token', ['--org', 'FOO'], { HUB_JWT_SECRET: TEST_JWT_SECRET });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/--org FOO is not an organisation of the hub; one of: UN-JO, AU, .*ECOWAS/);
    // Every organisation the partners subgraph serves is one a token can be minted for.
    const { data } = await hub.query('{ partners { code } }');
    for (const { code } of data!.partners as { code: string }[]) expect(run.stderr).toContain(code);
  });
});

describe('production configuration', () => {
  const signing = { NODE_ENV: 'production', HUB_GATEWAY_SIGNING_KEY_FILE: '/run/secrets/hub-gateway-signing-key' };
  const secret = { HUB_JWT_SECRET: 'a-production-jwt-secret-of-more-than-32-characters' };
  const jwks = { HUB_JWKS_URL: 'https://login.example.org/.well-known/jwks.json' };
  const expected = { HUB_JWT_ISSUER: 'https://login.example.org/', HUB_JWT_AUDIENCE: 'atrocity-prevention-hub' };

  it.each([
    ['a secret, no issuer or audience', { ...secret }],
    ['a secret and an issuer, no audience', { ...secret, HUB_JWT_ISSUER: expected.HUB_JWT_ISSUER }],
    ['a JWKS, no issuer', { ...jwks, HUB_JWT_AUDIENCE: expected.HUB_JWT_AUDIENCE }],
  ])('refuses to start with %s', (_case, env) => {
    expect(() => readGatewayConfig({ ...signing, ...env })).toThrow(/HUB_JWT_ISSUER and HUB_JWT_AUDIENCE/);
  });

  it('starts with the issuer and audience configured, and takes the lifetime limit from HUB_JWT_MAX_LIFETIME', () => {
    expect(readGatewayConfig({ ...signing, ...secret, ...expected }).auth).toMatchObject({
      issuer: expected.HUB_JWT_ISSUER,
      audience: expected.HUB_JWT_AUDIENCE,
      maxLifetimeSeconds: 24 * HOUR,
    });
    expect(readGatewayConfig({ ...signing, ...jwks, ...expected, HUB_JWT_MAX_LIFETIME: '8h' }).auth.maxLifetimeSeconds).toBe(8 * HOUR);
    expect(() => readGatewayConfig({ ...signing, ...jwks, ...expected, HUB_JWT_MAX_LIFETIME: 'forever' })).toThrow(/HUB_JWT_MAX_LIFETIME/);
  });

  it('refuses the shared secret of old, so that an upgrade cannot leave it in place', () => {
    expect(() => readGatewayConfig({ ...signing, ...jwks, ...expected, HUB_INTERNAL_SECRET: 'x'.repeat(40) })).toThrow(
      /HUB_INTERNAL_SECRET is no longer used/,
    );
  });
});
