// Authenticates the bearer JWT of each request at the gateway: against a JWKS (production) or
// a local secret (development). No token means an anonymous reader; a token that is present but
// expired, forged, malformed or without a bounded life (`exp`, at most HUB_JWT_MAX_LIFETIME) is
// refused, never downgraded to anonymous access.
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { invalidToken } from '../platform/errors';
import { ANONYMOUS, viewerFromClaims, type Role, type Viewer } from '../platform/identity';

export const DEVELOPMENT_JWT_SECRET = 'development-jwt-secret-do-not-use-in-production';
export const DEVELOPMENT_ISSUER = 'hub-development';
export const DEVELOPMENT_AUDIENCE = 'atrocity-prevention-hub';
/** HUB_JWT_MAX_LIFETIME's default: a token meant to live longer than a day is refused. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Clock difference allowed between the identity provider and the gateway. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface AuthConfig {
  /** Production: the identity provider's JWKS. When set, the secret is not used. */
  jwksUrl?: string;
  jwtSecret: string;
  issuer: string;
  audience: string;
  /** The longest a token may live (`exp - iat`, and `exp` from now); unset: 24 h. */
  maxLifetimeSeconds?: number;
}

export function createAuthenticator(config: AuthConfig): (authorization: string | undefined) => Promise<Viewer> {
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : undefined;
  const secret = new TextEncoder().encode(config.jwtSecret);
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw invalidToken('expected "Authorization: Bearer <JWT>"');
    const options = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp'], clockTolerance: CLOCK_TOLERANCE_SECONDS };
    let claims: Record<string, unknown>;
    try {
      // Algorithms are pinned so that "alg: none" or an HMAC token signed with a public key fails.
      const { payload } = jwks
        ? await jwtVerify(match[1], jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })
        : await jwtVerify(match[1], secret, { ...options, algorithms: ['HS256'] });
      claims = payload;
    } catch (error) {
      const { code, claim } = error as { code?: string; claim?: string };
      if (code === 'ERR_JWT_EXPIRED') throw invalidToken('the token has expired');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp') throw invalidToken('the token must carry an expiry (exp)');
      throw invalidToken('the token could not be verified');
    }
    const maxLifetime = config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const exp = claims.exp as number;
    const lifetime = typeof claims.iat === 'number' ? exp - claims.iat : 0;
    if (exp - now > maxLifetime + CLOCK_TOLERANCE_SECONDS || lifetime > maxLifetime)
      throw invalidToken(`the token lives longer than the ${maxLifetime} s this hub accepts`);
    const viewer = viewerFromClaims(claims);
    if (typeof viewer === 'string') throw invalidToken(viewer);
    return viewer;
  };
}

/** A development token, as `npm run token` prints it. */
export async function mintDevelopmentToken(
  secret: string,
  claims: { sub: string; org: string; roles: Role[] },
  ttl: string | number = '1h',
  audience = DEVELOPMENT_AUDIENCE,
  issuer = DEVELOPMENT_ISSUER,
): Promise<string> {
  return new SignJWT({ org: claims.org, roles: claims.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
