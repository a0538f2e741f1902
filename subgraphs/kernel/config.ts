// Reads and validates a subgraph's configuration from the environment, once, at start-up.
// Defaults make `npm start` work on a fresh machine; see README "Configuration".
import path from 'node:path';
import { developmentKeysDir, type GatewayKeySource } from './gateway-keys';
import { PEER_NAMES, type PeerName } from './peer';
import type { DatabaseLimits } from './database';
import type { HttpLimits } from './http-service';

export interface ServiceConfig {
  name: string;
  host: string;
  port: number;
  production: boolean;
  /** Set: use this PostgreSQL server. Unset: embedded PGlite under `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
  poolSize: number;
  /** Load the illustrative records at start-up (reference data loads either way); off in production by default. */
  seedOnStart: boolean;
  bodyLimit: string;
  /** The gateway's public keys: HUB_GATEWAY_JWKS_FILE or HUB_GATEWAY_JWKS_URL; development: the pair under HUB_KEYS_DIR. */
  gatewayKeys: GatewayKeySource;
  /** SITUATIONS_URL, PARTNERS_URL, ...: where the other subgraphs answer. */
  peerUrls: Partial<Record<PeerName, string>>;
  /** MAX_IN_FLIGHT, REQUEST_TIMEOUT_MS, SHUTDOWN_DEADLINE_MS; unset ones take http-service's defaults. */
  limits: Partial<HttpLimits>;
  /** DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS (PostgreSQL only); unset ones take database.ts's defaults. */
  databaseLimits: Partial<DatabaseLimits>;
}

/** The shared secret is gone (any holder could mint any identity): say so rather than ignore it. */
export function refuseSharedSecret(env: NodeJS.ProcessEnv): void {
  if (env.HUB_INTERNAL_SECRET) {
    throw new Error('HUB_INTERNAL_SECRET is no longer used: the gateway signs with a private key (HUB_GATEWAY_SIGNING_KEY_FILE) and subgraphs verify with its public keys (README "Identity"); unset it');
  }
}

/** Where a subgraph finds the gateway's public keys; production refuses to start without them. */
export function gatewayKeySource(env: NodeJS.ProcessEnv): GatewayKeySource {
  refuseSharedSecret(env);
  if (env.HUB_GATEWAY_JWKS_FILE && env.HUB_GATEWAY_JWKS_URL) throw new Error('set HUB_GATEWAY_JWKS_FILE or HUB_GATEWAY_JWKS_URL, not both');
  if (env.HUB_GATEWAY_JWKS_URL) {
    if (!/^https?:\/\//.test(env.HUB_GATEWAY_JWKS_URL)) throw new Error(`HUB_GATEWAY_JWKS_URL must be an http(s) URL, got "${env.HUB_GATEWAY_JWKS_URL}"`);
    return { jwksUrl: env.HUB_GATEWAY_JWKS_URL };
  }
  if (env.HUB_GATEWAY_JWKS_FILE) return { jwksFile: env.HUB_GATEWAY_JWKS_FILE };
  if (env.NODE_ENV === 'production') {
    throw new Error("in production set HUB_GATEWAY_JWKS_FILE (the gateway's public key set, from npm run keys) or HUB_GATEWAY_JWKS_URL (the gateway's /.well-known/hub-jwks.json)");
  }
  return { developmentDir: developmentKeysDir(env) };
}

export function integer(value: string | undefined, fallback: number, variable: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${variable} must be a whole number from ${min} to ${max}, got "${value}"`);
  return parsed;
}

export function flag(value: string | undefined, fallback: boolean, variable: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new Error(`${variable} must be true or false, got "${value}"`);
}

/** A whole number when the variable is set, undefined (the component's own default) when not. */
function optionalInteger(value: string | undefined, variable: string, min: number, max: number): number | undefined {
  return value === undefined || value === '' ? undefined : integer(value, min, variable, min, max);
}

/** Requests in flight, time per request and shutdown deadline: the same variables for every service. */
export function readHttpLimits(env: NodeJS.ProcessEnv): Partial<HttpLimits> {
  return {
    maxInFlight: optionalInteger(env.MAX_IN_FLIGHT, 'MAX_IN_FLIGHT', 0, 100_000),
    requestTimeoutMs: optionalInteger(env.REQUEST_TIMEOUT_MS, 'REQUEST_TIMEOUT_MS', 0, 600_000),
    shutdownDeadlineMs: optionalInteger(env.SHUTDOWN_DEADLINE_MS, 'SHUTDOWN_DEADLINE_MS', 0, 600_000),
  };
}

/** The folder under which each subgraph keeps its PGlite data (`<root>/<subgraph>`). */
export function pgliteRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGLITE_DIR ?? path.resolve('.data', 'pglite');
}

export function readServiceConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const production = env.NODE_ENV === 'production';
  const dataRoot = pgliteRoot(env);
  return {
    name,
    host: env.HOST ?? '0.0.0.0',
    port: integer(env.PORT, defaultPort, 'PORT', 0, 65535),
    production,
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: path.join(dataRoot, name),
    poolSize: integer(env.DATABASE_POOL_SIZE, 10, 'DATABASE_POOL_SIZE', 1, 1000),
    seedOnStart: flag(env.SEED_ON_START, !production, 'SEED_ON_START'),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    gatewayKeys: gatewayKeySource(env),
    limits: readHttpLimits(env),
    databaseLimits: {
      connectTimeoutMs: optionalInteger(env.DATABASE_CONNECT_TIMEOUT_MS, 'DATABASE_CONNECT_TIMEOUT_MS', 100, 600_000),
      statementTimeoutMs: optionalInteger(env.DATABASE_STATEMENT_TIMEOUT_MS, 'DATABASE_STATEMENT_TIMEOUT_MS', 0, 3_600_000),
    },
    peerUrls: Object.fromEntries(PEER_NAMES.filter((peer) => env[`${peer.toUpperCase()}_URL`]).map((peer) => [peer, env[`${peer.toUpperCase()}_URL`]!])),
  };
}
