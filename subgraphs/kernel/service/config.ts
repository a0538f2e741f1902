// Reads and validates a subgraph's configuration from the environment, once, at start-up: one zod
// schema of its variables (platform/config.ts), then the rules between them (which gateway keys,
// what production refuses) and the database URL with its password file. Defaults make `npm start`
// work on a fresh machine; see README "Configuration".
import path from 'node:path';
import { z } from 'zod';
import { developmentKeysDir, type GatewayKeySource } from '../../../platform/gateway-keys';
import { subgraphNames } from '../../../platform/manifest';
import type { PeerName } from '../../../platform/peers';
import type { DatabaseLimits } from '../db/database';
import type { HttpLimits } from '../../../platform/http/service';
import { DEFAULT_AUDIT_RETENTION_MONTHS } from '../audit/audit-partitions';
import {
  byName,
  httpLimitVariables,
  httpLimitsOf,
  metricsTokenOf,
  metricsVariables,
  httpUrl,
  noSharedSecret,
  readConfig,
  readSecretFile,
  trueOrFalse,
  variablesOf,
  wholeNumber,
  workerVariables,
} from '../../../platform/config';

export interface ServiceConfig {
  name: string;
  host: string;
  port: number;
  production: boolean;
  /** Set: use this PostgreSQL server (databaseUrlOf). Unset: embedded PGlite under `pgliteDir`. */
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
  /** WEB_CONCURRENCY: workers sharing the port (platform/http/cluster.ts); more than 1 needs PostgreSQL. */
  workers: number;
  /** DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS (PostgreSQL only); unset ones take database.ts's defaults. */
  databaseLimits: Partial<DatabaseLimits>;
  /** AUDIT_RETENTION_MONTHS: audit events older than this many months are dropped, a monthly partition at a time. */
  auditRetentionMonths: number;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; unset: /metrics is open. */
  metricsToken?: string;
}

/** Where a subgraph finds the gateway's public keys; production refuses to start without them. */
function gatewayKeySource(jwksFile: string | undefined, jwksUrl: string | undefined, env: NodeJS.ProcessEnv): GatewayKeySource {
  if (jwksFile && jwksUrl) throw new Error('set HUB_GATEWAY_JWKS_FILE or HUB_GATEWAY_JWKS_URL, not both');
  if (jwksUrl) return { jwksUrl };
  if (jwksFile) return { jwksFile };
  if (env.NODE_ENV === 'production') {
    throw new Error(
      "in production set HUB_GATEWAY_JWKS_FILE (the gateway's public key set, from npm run keys) or HUB_GATEWAY_JWKS_URL (the gateway's /.well-known/hub-jwks.json)",
    );
  }
  return { developmentDir: developmentKeysDir(env) };
}

// What docker-compose's example used to fall back to; production refuses it.
export const DEVELOPMENT_DATABASE_PASSWORD = 'hub-dev-password';

/**
 * The PostgreSQL URL subgraph `name` logs in with: DATABASE_URL_<NAME> (its own role, see
 * database-roles.ts) or else DATABASE_URL, with the password of DATABASE_PASSWORD_FILE_<NAME> or
 * DATABASE_PASSWORD_FILE when one is set. Undefined: embedded PGlite. Production refuses the
 * development password.
 */
export function databaseUrlOf(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const suffix = name.toUpperCase();
  const url = env[`DATABASE_URL_${suffix}`] || env.DATABASE_URL;
  if (!url) return undefined;
  const fileVariable = env[`DATABASE_PASSWORD_FILE_${suffix}`] ? `DATABASE_PASSWORD_FILE_${suffix}` : 'DATABASE_PASSWORD_FILE';
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`DATABASE_URL must be a postgres:// URL, got "${parsed.protocol}//..."`);
  if (env[fileVariable]) parsed.password = encodeURIComponent(readSecretFile(env[fileVariable]!, fileVariable));
  if (env.NODE_ENV === 'production' && decodeURIComponent(parsed.password) === DEVELOPMENT_DATABASE_PASSWORD) {
    throw new Error('the database password is the development default: set a secret of your own (DATABASE_PASSWORD_FILE) in production');
  }
  return env[fileVariable] ? parsed.toString() : url;
}

/** The folder under which each subgraph keeps its PGlite data (`<root>/<subgraph>`). */
export function pgliteRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.PGLITE_DIR ?? path.resolve('.data', 'pglite');
}

/** Why a subgraph on PGlite does not start several workers: its folder is one process's (locked while open). */
export function pgliteRefusesWorkers(workers: number): string {
  return `WEB_CONCURRENCY=${workers} needs PostgreSQL: the embedded PGlite database serves one process only; set DATABASE_URL, or WEB_CONCURRENCY=1`;
}

export function readServiceConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const production = env.NODE_ENV === 'production';
  const peers = subgraphNames();
  const variables = readConfig(
    z.object({
      HOST: z.string().default('0.0.0.0'),
      PORT: wholeNumber('PORT', 0, 65535, defaultPort),
      DATABASE_POOL_SIZE: wholeNumber('DATABASE_POOL_SIZE', 1, 1000, 10),
      SEED_ON_START: trueOrFalse('SEED_ON_START', !production),
      BODY_LIMIT: z.string().default('1mb'),
      ...noSharedSecret,
      HUB_GATEWAY_JWKS_FILE: z.string().optional(),
      HUB_GATEWAY_JWKS_URL: httpUrl('HUB_GATEWAY_JWKS_URL'),
      ...httpLimitVariables,
      ...workerVariables,
      ...metricsVariables,
      DATABASE_CONNECT_TIMEOUT_MS: wholeNumber('DATABASE_CONNECT_TIMEOUT_MS', 100, 600_000, undefined),
      DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber('DATABASE_STATEMENT_TIMEOUT_MS', 0, 3_600_000, undefined),
      AUDIT_RETENTION_MONTHS: wholeNumber('AUDIT_RETENTION_MONTHS', 1, 1200, DEFAULT_AUDIT_RETENTION_MONTHS),
      // <NAME>_URL of every subgraph the manifest lists: where this one finds its peers.
      ...variablesOf(peers, '_URL', () => z.string().optional()),
    }),
    env,
  );
  const databaseUrl = databaseUrlOf(name, env);
  if (!databaseUrl && variables.WEB_CONCURRENCY > 1) throw new Error(pgliteRefusesWorkers(variables.WEB_CONCURRENCY));
  return {
    name,
    host: variables.HOST,
    port: variables.PORT,
    production,
    databaseUrl,
    pgliteDir: path.join(pgliteRoot(env), name),
    poolSize: variables.DATABASE_POOL_SIZE,
    seedOnStart: variables.SEED_ON_START,
    bodyLimit: variables.BODY_LIMIT,
    gatewayKeys: gatewayKeySource(variables.HUB_GATEWAY_JWKS_FILE, variables.HUB_GATEWAY_JWKS_URL, env),
    limits: httpLimitsOf(variables),
    workers: variables.WEB_CONCURRENCY,
    databaseLimits: { connectTimeoutMs: variables.DATABASE_CONNECT_TIMEOUT_MS, statementTimeoutMs: variables.DATABASE_STATEMENT_TIMEOUT_MS },
    peerUrls: byName(peers, '_URL', variables),
    auditRetentionMonths: variables.AUDIT_RETENTION_MONTHS,
    metricsToken: metricsTokenOf(variables),
  };
}
