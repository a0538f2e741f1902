// Gateway key pairs for tests: the private key a gateway under test signs with, the public set its
// subgraphs accept (switchable, for rotations), and direct signing for requests that skip the gateway.
import { createLocalJWKSet, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { generateSigningKey, publicHalf } from '../../platform/gateway-keys';
import { createInternalSigner, INTERNAL_HEADER, type VouchedRequest } from '../../platform/internal-token';
import type { Viewer } from '../../platform/identity';

export interface TestKeys {
  signingKey: JWK;
  publicKeys: JSONWebKeySet;
  /** What subgraphs verify with: the set last given to accept(), the signing key's public half at first. */
  gatewayKeys: JWTVerifyGetKey;
  accept: (keys: JSONWebKeySet) => void;
  /** The header the gateway would send `audience` for `viewer`. */
  vouch: (viewer: Viewer, operationName: string | null, audience: string) => Promise<Record<string, string>>;
}

export function publicSet(...keys: JWK[]): JSONWebKeySet {
  return { keys: keys.map(publicHalf) };
}

export function testKeys(signingKey: JWK = generateSigningKey()): TestKeys {
  const publicKeys = publicSet(signingKey);
  let accepted = createLocalJWKSet(publicKeys);
  const signer = createInternalSigner(signingKey);
  return {
    signingKey,
    publicKeys,
    gatewayKeys: (header, token) => accepted(header, token),
    accept: (keys) => {
      accepted = createLocalJWKSet(keys);
    },
    vouch: async (viewer, operationName, audience) => {
      const request: VouchedRequest = { viewer, operationName };
      return { [INTERNAL_HEADER]: await (await signer).sign(request, audience) };
    },
  };
}
