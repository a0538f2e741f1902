// The credential the gateway attaches to every subgraph request: a short-lived token it signs
// with HUB_INTERNAL_SECRET, carrying the viewer it verified. Subgraphs trust nothing else, so a
// caller who reaches a subgraph directly cannot claim an identity.
import { SignJWT, jwtVerify } from 'jose';
import { ANONYMOUS, type Role, type Viewer } from './identity';

export const INTERNAL_HEADER = 'x-hub-identity';
export const DEVELOPMENT_INTERNAL_SECRET = 'development-internal-secret-do-not-use-in-production';
const ISSUER = 'hub-gateway';
const AUDIENCE = 'hub-subgraph';
const LIFETIME_SECONDS = 60;

export interface VouchedRequest {
  viewer: Viewer;
  /** The client's operation name at the gateway, for the audit trail. */
  operationName: string | null;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signInternalToken(secret: string, request: VouchedRequest): Promise<string> {
  return new SignJWT({ org: request.viewer.org, roles: request.viewer.roles, anon: request.viewer.sub === null, op: request.operationName })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.viewer.sub ?? 'anonymous')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key(secret));
}

/** The vouched request, or null when the token is missing, forged, expired or malformed. */
export async function verifyInternalToken(secret: string, token: string | undefined): Promise<VouchedRequest | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const operationName = typeof payload.op === 'string' ? payload.op : null;
    if (payload.anon === true) return { viewer: ANONYMOUS, operationName };
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || !Array.isArray(payload.roles)) return null;
    return { viewer: { sub: payload.sub, org: payload.org, roles: payload.roles as Role[] }, operationName };
  } catch {
    return null;
  }
}
