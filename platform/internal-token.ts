// The credential the gateway attaches to every subgraph request: a token it signs with its
// private key (EdDSA or ES256), naming the viewer it verified and the one subgraph it is for
// (`aud`). Subgraphs hold only public keys, so none of them can mint an identity for another.
import { importJWK, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { INTERNAL_ALGORITHMS } from './gateway-keys';
import { ANONYMOUS, type Role, type Viewer } from './identity';

export const INTERNAL_HEADER = 'x-hub-identity';
/** Tokens the gateway hands a subgraph for the peers it may call in this request (platform/peers.ts). */
export const PEER_TOKENS_HEADER = 'x-hub-peer-identities';
export const INTERNAL_ISSUER = 'hub-gateway';
/** Seconds a token lives: long enough for one request's peer calls, too short to be worth stealing. */
export const INTERNAL_TOKEN_LIFETIME_SECONDS = 60;

export interface VouchedRequest {
  viewer: Viewer;
  /** The client's operation name at the gateway, for the audit trail. */
  operationName: string | null;
}

export interface InternalSigner {
  /** The `kid` of the key it signs with. */
  kid: string;
  /** A token for `audience` (a subgraph name) that lives `lifetimeSeconds` from `now` (seconds). */
  sign: (request: VouchedRequest, audience: string, now?: number, lifetimeSeconds?: number) => Promise<string>;
}

export async function createInternalSigner(privateJwk: JWK): Promise<InternalSigner> {
  const alg = privateJwk.alg ?? 'EdDSA';
  const key = (await importJWK(privateJwk, alg)) as KeyLike;
  const kid = privateJwk.kid ?? '';
  return {
    kid,
    sign: (request, audience, now = Math.floor(Date.now() / 1000), lifetimeSeconds = INTERNAL_TOKEN_LIFETIME_SECONDS) =>
      new SignJWT({ org: request.viewer.org, roles: request.viewer.roles, anon: request.viewer.sub === null, op: request.operationName })
        .setProtectedHeader({ alg, kid })
        .setSubject(request.viewer.sub ?? 'anonymous')
        .setIssuer(INTERNAL_ISSUER)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetimeSeconds)
        .sign(key),
  };
}

export type InternalVerifier = (token: string | undefined) => Promise<VouchedRequest | null>;

/**
 * Accepts tokens the gateway signed with a key in `keys` (any of them: two during a rotation),
 * addressed to `audience`, unexpired. Algorithms are pinned to the asymmetric ones, so a token
 * made with the old shared secret (HS256) or "alg: none" fails whatever its claims.
 */
export function createInternalVerifier(audience: string, keys: JWTVerifyGetKey): InternalVerifier {
  return async (token) => {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: INTERNAL_ISSUER,
        audience,
        algorithms: [...INTERNAL_ALGORITHMS],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: INTERNAL_TOKEN_LIFETIME_SECONDS + 5,
      });
      const operationName = typeof payload.op === 'string' ? payload.op : null;
      if (payload.anon === true) return { viewer: ANONYMOUS, operationName };
      if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || !Array.isArray(payload.roles)) return null;
      return { viewer: { sub: payload.sub, org: payload.org, roles: payload.roles as Role[] }, operationName };
    } catch {
      return null;
    }
  };
}
