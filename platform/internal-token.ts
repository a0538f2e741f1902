// The credential the gateway attaches to every subgraph request: a token it signs with its
// private key (EdDSA or ES256), naming the viewer it verified and the one subgraph it is for
// (`aud`). Subgraphs hold only public keys, so none of them can mint an identity for another.
// A subgraph remembers the tokens it has verified, for no longer than each is valid and only while
// the key that signed it is still accepted, so the gateway's cached tokens are checked once.
import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT, type JWK, type JWTHeaderParameters, type JWTVerifyGetKey, type KeyLike } from 'jose';
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

/** Verified tokens a subgraph remembers; the least recently used goes first when full. */
const MAX_VERIFIED = 10_000;
/** Seconds after `iat` a token is refused, whatever its `exp`. */
const MAX_TOKEN_AGE_SECONDS = INTERNAL_TOKEN_LIFETIME_SECONDS + 5;

interface Verified {
  vouched: VouchedRequest;
  /** The first second (epoch) at which jwtVerify would refuse the token: its `exp`, or its age limit. */
  refusedFrom: number;
  /** The key that verified it: a hit counts only while the key set still resolves the token to this key. */
  key: unknown;
}

/**
 * Accepts tokens the gateway signed with a key in `keys` (any of them: two during a rotation),
 * addressed to `audience`, unexpired. Algorithms are pinned to the asymmetric ones, so a token
 * made with the old shared secret (HS256) or "alg: none" fails whatever its claims. A token seen
 * before is answered from memory, keyed by the whole token string (so by its signature too), until
 * the second it would be refused, and only while `keys` still gives the key that verified it.
 */
export function createInternalVerifier(audience: string, keys: JWTVerifyGetKey): InternalVerifier {
  const verified = new Map<string, Verified>();
  const stillValid = async (token: string, entry: Verified): Promise<boolean> => {
    if (Math.floor(Date.now() / 1000) >= entry.refusedFrom) return false;
    try {
      const [protectedHeader, payload, signature] = token.split('.');
      return (await keys(decodeProtectedHeader(token) as JWTHeaderParameters, { protected: protectedHeader, payload, signature })) === entry.key;
    } catch {
      return false;
    }
  };
  return async (token) => {
    if (!token) return null;
    const entry = verified.get(token);
    if (entry) {
      verified.delete(token);
      if (await stillValid(token, entry)) {
        // Moved to the back of the map's order: the front is the least recently used.
        verified.set(token, entry);
        // A copy each time: no request can change what another is told about its viewer.
        const { viewer, operationName } = entry.vouched;
        return { viewer: { ...viewer, roles: [...viewer.roles] }, operationName };
      }
    }
    try {
      const { payload, key } = await jwtVerify(token, keys, {
        issuer: INTERNAL_ISSUER,
        audience,
        algorithms: [...INTERNAL_ALGORITHMS],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      });
      const operationName = typeof payload.op === 'string' ? payload.op : null;
      let vouched: VouchedRequest;
      if (payload.anon === true) vouched = { viewer: ANONYMOUS, operationName };
      else if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || !Array.isArray(payload.roles)) return null;
      else vouched = { viewer: { sub: payload.sub, org: payload.org, roles: payload.roles as Role[] }, operationName };
      if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
      verified.set(token, { vouched, refusedFrom: Math.min(payload.exp!, payload.iat! + MAX_TOKEN_AGE_SECONDS + 1), key });
      return vouched;
    } catch {
      return null;
    }
  };
}
