// The gateway's configuration, read and validated once from the environment at start-up.
import path from 'node:path';
import { integer, readHttpLimits, refuseSharedSecret } from '../platform/config';
import { developmentKeysDir } from '../platform/gateway-keys';
import type { JSONWebKeySet, JWK } from 'jose';
import type { HttpLimits } from '../platform/http/service';
import { DEFAULT_RESTART_WAIT_MS } from './subgraph-data-source';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_JWT_SECRET, type AuthConfig } from './auth';

// Costs count lists at their largest (gateway/cost-limit.ts), so this lets through a walk of one
// partner's member states with their situations, alerts and training (about 30 000), and refuses
// the nested member-state lists that once resolved 131 000 fields (counted at 14.5 million).
export const DEFAULT_MAX_QUERY_COST = 50_000;

export const SUBGRAPH_NAMES = ['situations', 'partners', 'training', 'alerts'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface GatewayConfig {
  host: string;
  port: number;
  production: boolean;
  supergraphPath: string;
  /** Overrides of the subgraph URLs written in the supergraph file, e.g. in docker-compose. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  subgraphTimeoutMs: number;
  /** SITUATIONS_TIMEOUT_MS, ...: a subgraph's own time limit in place of subgraphTimeoutMs. */
  subgraphTimeouts?: Partial<Record<SubgraphName, number>>;
  /** SUBGRAPH_RESTART_WAIT_MS: how long a call keeps retrying a refused connection (a subgraph restarting), within its time limit (0: off). */
  subgraphRestartWaitMs?: number;
  /** MAX_IN_FLIGHT, REQUEST_TIMEOUT_MS, SHUTDOWN_DEADLINE_MS; unset ones take http-service's defaults. */
  limits?: Partial<HttpLimits>;
  bodyLimit: string;
  corsOrigins: string[];
  /** MAX_QUERY_COST: the most an operation may cost, lists counted by their size (gateway/cost-limit.ts). */
  maxQueryCost?: number;
  auth: AuthConfig;
  /** The key the gateway signs subgraph requests with, and the public set it serves at /.well-known/hub-jwks.json. */
  internalKeys: GatewayKeys;
}

/**
 * Files (HUB_GATEWAY_SIGNING_KEY_FILE, and HUB_GATEWAY_JWKS_FILE for the set served, e.g. during a
 * rotation), development's generated pair, or the keys themselves (tests).
 */
export type GatewayKeys =
  { signingKeyFile: string; publicKeysFile?: string } | { developmentDir: string } | { signingKey: JWK; publicKeys?: JSONWebKeySet };

/** `30s`, `15m`, `24h`, `7d` or a number of seconds. */
export function duration(value: string | undefined, fallbackSeconds: number, variable: string): number {
  if (value === undefined || value === '') return fallbackSeconds;
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1) throw new Error(`${variable} must be a duration such as 3600, 30m, 24h or 7d, got "${value}"`);
  return seconds;
}

function internalKeys(env: NodeJS.ProcessEnv, production: boolean): GatewayKeys {
  refuseSharedSecret(env);
  if (env.HUB_GATEWAY_SIGNING_KEY_FILE)
    return { signingKeyFile: env.HUB_GATEWAY_SIGNING_KEY_FILE, publicKeysFile: env.HUB_GATEWAY_JWKS_FILE || undefined };
  if (production) throw new Error('in production set HUB_GATEWAY_SIGNING_KEY_FILE to the private key from npm run keys (README "Identity")');
  if (env.HUB_GATEWAY_JWKS_FILE)
    throw new Error('HUB_GATEWAY_JWKS_FILE needs HUB_GATEWAY_SIGNING_KEY_FILE: the set served must contain the key the gateway signs with');
  return { developmentDir: developmentKeysDir(env) };
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const value = env[`${name.toUpperCase()}_URL`];
    if (value) {
      if (!/^https?:\/\//.test(value)) throw new Error(`${name.toUpperCase()}_URL must be an http(s) URL, got "${value}"`);
      subgraphUrls[name] = value;
    }
  }
  const port = integer(env.PORT, 4000, 'PORT', 0, 65535);
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.HUB_JWT_SECRET || (production ? '' : DEVELOPMENT_JWT_SECRET);
  if (production && !env.HUB_JWKS_URL && (jwtSecret === DEVELOPMENT_JWT_SECRET || jwtSecret.length < 32)) {
    throw new Error('in production set HUB_JWKS_URL (or at least a HUB_JWT_SECRET of 32+ characters that is not the development default)');
  }
  if (env.HUB_JWKS_URL && !/^https?:\/\//.test(env.HUB_JWKS_URL)) throw new Error(`HUB_JWKS_URL must be an http(s) URL, got "${env.HUB_JWKS_URL}"`);
  // Without them a production gateway would accept tokens minted for the development defaults.
  if (production && (!env.HUB_JWT_ISSUER || !env.HUB_JWT_AUDIENCE)) {
    throw new Error('in production set HUB_JWT_ISSUER and HUB_JWT_AUDIENCE to the issuer and audience your identity provider writes in its tokens');
  }
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    production,
    supergraphPath: env.SUPERGRAPH_PATH ?? path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    subgraphUrls,
    subgraphTimeoutMs: integer(env.SUBGRAPH_TIMEOUT_MS, 10_000, 'SUBGRAPH_TIMEOUT_MS', 0, 600_000),
    subgraphTimeouts: Object.fromEntries(
      SUBGRAPH_NAMES.filter((name) => env[`${name.toUpperCase()}_TIMEOUT_MS`]).map((name) => {
        const variable = `${name.toUpperCase()}_TIMEOUT_MS`;
        return [name, integer(env[variable], 0, variable, 0, 600_000)];
      }),
    ),
    subgraphRestartWaitMs: integer(env.SUBGRAPH_RESTART_WAIT_MS, DEFAULT_RESTART_WAIT_MS, 'SUBGRAPH_RESTART_WAIT_MS', 0, 600_000),
    limits: readHttpLimits(env),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    maxQueryCost: integer(env.MAX_QUERY_COST, DEFAULT_MAX_QUERY_COST, 'MAX_QUERY_COST', 1, 10_000_000),
    auth: {
      jwksUrl: env.HUB_JWKS_URL || undefined,
      jwtSecret,
      issuer: env.HUB_JWT_ISSUER || DEVELOPMENT_ISSUER,
      audience: env.HUB_JWT_AUDIENCE || DEVELOPMENT_AUDIENCE,
      maxLifetimeSeconds: duration(env.HUB_JWT_MAX_LIFETIME, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, 'HUB_JWT_MAX_LIFETIME'),
    },
    internalKeys: internalKeys(env, production),
  };
}
