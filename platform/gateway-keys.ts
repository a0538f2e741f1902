// The gateway's signing key and the public keys subgraphs verify its word with: generation
// (`npm run keys`), files, and the development pair made on first start under .data/keys.
// Only the gateway ever reads the private key; subgraphs read the public set (a file or a JWKS URL).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';

/** Algorithms the gateway may sign with; anything else (HS256 above all) is refused by subgraphs. */
export const INTERNAL_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export const SIGNING_KEY_FILE = 'hub-gateway-signing-key.json';
export const PUBLIC_KEYS_FILE = 'hub-gateway-jwks.json';

/** A new Ed25519 signing key, as a private JWK named by a `kid` derived from its public half. */
export function generateSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = createHash('sha256').update(String(jwk.x)).digest('base64url').slice(0, 16);
  return { ...jwk, kid, alg: 'EdDSA', use: 'sig' };
}

/** The public half of a key: what may be handed to subgraphs and served at the JWKS URL. */
export function publicHalf(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk as JWK & { oth?: unknown };
  delete (rest as { oth?: unknown }).oth;
  return rest;
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${what} ${file} could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** The gateway's private key: one JWK with `kid`, `alg` EdDSA or ES256, and its private part. */
export function readSigningKey(file: string): JWK {
  const jwk = readJson(file, 'signing key') as JWK;
  if (!jwk || typeof jwk !== 'object' || !jwk.d) throw new Error(`signing key ${file} is not a private JWK (run npm run keys)`);
  if (!jwk.kid) throw new Error(`signing key ${file} has no "kid"`);
  if (!INTERNAL_ALGORITHMS.includes(jwk.alg as (typeof INTERNAL_ALGORITHMS)[number]))
    throw new Error(`signing key ${file} must have "alg" EdDSA or ES256`);
  return jwk;
}

/** A public key set; a private key found in it is refused, so a subgraph's file never holds one. */
export function readPublicKeys(file: string): JSONWebKeySet {
  const set = readJson(file, 'public key set') as JSONWebKeySet;
  if (!set || !Array.isArray(set.keys) || set.keys.length === 0)
    throw new Error(`public key set ${file} must be {"keys": [...]} with at least one key`);
  for (const key of set.keys) {
    if (key.d) throw new Error(`public key set ${file} holds a private key; give subgraphs the public set only`);
    if (!key.kid) throw new Error(`public key set ${file} has a key without "kid"`);
  }
  return set;
}

/** Writes `file` whole or not at all (readers never see half a key). */
function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, file);
}

export interface KeyFiles {
  signingKeyFile: string;
  publicKeysFile: string;
}

/**
 * `npm run keys`: a new signing key in `dir`, and the public set next to it. With `keepPrevious`
 * (rotation) the public keys already in the set stay accepted alongside the new one.
 */
export function writeKeyFiles(dir: string, options: { keepPrevious?: boolean } = {}): KeyFiles & { kid: string; accepted: string[] } {
  mkdirSync(dir, { recursive: true });
  const files = { signingKeyFile: path.join(dir, SIGNING_KEY_FILE), publicKeysFile: path.join(dir, PUBLIC_KEYS_FILE) };
  const key = generateSigningKey();
  const previous =
    options.keepPrevious && existsSync(files.publicKeysFile) ? readPublicKeys(files.publicKeysFile).keys.filter((k) => k.kid !== key.kid) : [];
  const keys = [publicHalf(key), ...previous];
  writeAtomically(files.publicKeysFile, `${JSON.stringify({ keys }, null, 2)}\n`, 0o644);
  writeAtomically(files.signingKeyFile, `${JSON.stringify(key, null, 2)}\n`, 0o600);
  return { ...files, kid: key.kid!, accepted: keys.map((k) => k.kid!) };
}

/** `npm run keys -- --retire`: the public set keeps only the current signing key's public half. */
export function retirePreviousKeys(dir: string): KeyFiles & { accepted: string[] } {
  const files = { signingKeyFile: path.join(dir, SIGNING_KEY_FILE), publicKeysFile: path.join(dir, PUBLIC_KEYS_FILE) };
  const current = publicHalf(readSigningKey(files.signingKeyFile));
  writeAtomically(files.publicKeysFile, `${JSON.stringify({ keys: [current] }, null, 2)}\n`, 0o644);
  return { ...files, accepted: [current.kid!] };
}

/**
 * Development only: the key pair under `dir`, made on first start. The four subgraphs and the
 * gateway start together under `npm start`, so the private key is created by a hard link that
 * only one process wins; the others read the winner's key, and all derive the same public set.
 */
export function developmentKeyFiles(dir: string): KeyFiles {
  mkdirSync(dir, { recursive: true });
  const files = { signingKeyFile: path.join(dir, SIGNING_KEY_FILE), publicKeysFile: path.join(dir, PUBLIC_KEYS_FILE) };
  if (!existsSync(files.signingKeyFile)) {
    const temporary = `${files.signingKeyFile}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(generateSigningKey(), null, 2)}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, files.signingKeyFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  const key = publicHalf(readSigningKey(files.signingKeyFile));
  const accepted = existsSync(files.publicKeysFile) ? readPublicKeys(files.publicKeysFile).keys.some((k) => k.kid === key.kid) : false;
  if (!accepted) writeAtomically(files.publicKeysFile, `${JSON.stringify({ keys: [key] }, null, 2)}\n`, 0o644);
  return files;
}

/** Where development keeps its generated key pair (HUB_KEYS_DIR, or .data/keys). */
export function developmentKeysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_KEYS_DIR || path.resolve('.data', 'keys');
}

/** Where a subgraph finds the keys it accepts: HUB_GATEWAY_JWKS_FILE, HUB_GATEWAY_JWKS_URL, or (development) the generated pair. */
export type GatewayKeySource = { jwksFile: string } | { jwksUrl: string } | { developmentDir: string };

/**
 * The keys a subgraph verifies the gateway's tokens with. A file is read once at start (restart
 * the subgraph after adding a key); a URL is fetched again when a token names a key not seen yet,
 * at most every few seconds, so a gateway that starts signing with a new key is followed at once.
 */
export function gatewayKeySet(source: GatewayKeySource): JWTVerifyGetKey {
  if ('jwksUrl' in source)
    return createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  const file = 'jwksFile' in source ? source.jwksFile : developmentKeyFiles(source.developmentDir).publicKeysFile;
  return createLocalJWKSet(readPublicKeys(file));
}
