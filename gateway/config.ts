// The gateway's configuration, read and validated once from the environment at start-up: one zod
// schema of its variables (platform/config.ts), then the rules between them (what production
// requires of the tokens it accepts, which keys it signs with).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  byName,
  duration,
  httpLimitVariables,
  httpLimitsOf,
  httpUrl,
  metricsTokenOf,
  metricsVariables,
  noSharedSecret,
  readConfig,
  trueOrFalse,
  variablesOf,
  wholeNumber,
  workerVariables,
} from '../platform/config';
import { subgraphNames } from '../platform/manifest';
import { developmentKeysDir } from '../platform/gateway-keys';
import type { JSONWebKeySet, JWK } from 'jose';
import type { HttpLimits } from '../platform/http/service';
import { DEFAULT_RESTART_WAIT_MS } from './subgraph-data-source';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_JWT_SECRET, type AuthConfig } from './auth';

// Costs count lists at their largest (gateway/cost-limit.ts), so this lets through a walk of one
// partner's member states with their situations, alerts and training (about 30 000), and refuses
// the nested member-state lists that once resolved 131 000 fields (counted at 14.5 million).
export const DEFAULT_MAX_QUERY_COST = 50_000;

/** A subgraph's name: any the manifest lists (platform/manifest.ts). */
export type SubgraphName = string;

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
  /** WEB_CONCURRENCY: workers sharing the port (platform/http/cluster.ts); the gateway keeps no data, so any number. */
  workers?: number;
  bodyLimit: string;
  corsOrigins: string[];
  /** MAX_QUERY_COST: the most an operation may cost, lists counted by their size (gateway/cost-limit.ts). */
  maxQueryCost?: number;
  auth: AuthConfig;
  /** The key the gateway signs subgraph requests with, and the public set it serves at /.well-known/hub-jwks.json. */
  internalKeys: GatewayKeys;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; unset: /metrics is open. */
  metricsToken?: string;
  /** EXPLORER: GraphiQL at GET /graphql for browsers (gateway/static-pages.ts); on outside production. */
  explorer?: boolean;
  /** DASHBOARD: the reference dashboard at /dashboard (gateway/static-pages.ts); on outside production. */
  dashboard?: boolean;
  /** PERSISTED_OPERATIONS: the manifests of persisted operations clients may send by hash (gateway/persisted-operations.ts). */
  persistedOperations?: string[];
  /** PERSISTED_ONLY: viewers who are not admins run the manifests' operations only. */
  persistedOnly?: boolean;
}

/** PERSISTED_OPERATIONS's default: the reference dashboard's manifest, when it is there. */
export const DASHBOARD_MANIFEST = path.resolve(__dirname, '..', '..', 'dashboard', 'persisted-documents.json');

/**
 * Files (HUB_GATEWAY_SIGNING_KEY_FILE, and HUB_GATEWAY_JWKS_FILE for the set served, e.g. during a
 * rotation), development's generated pair, or the keys themselves (tests).
 */
export type GatewayKeys =
  { signingKeyFile: string; publicKeysFile?: string } | { developmentDir: string } | { signingKey: JWK; publicKeys?: JSONWebKeySet };

/** The gateway's signing key and the set it serves; production refuses to start without the key. */
function internalKeys(
  signingKeyFile: string | undefined,
  publicKeysFile: string | undefined,
  production: boolean,
  env: NodeJS.ProcessEnv,
): GatewayKeys {
  if (signingKeyFile) return { signingKeyFile, publicKeysFile: publicKeysFile || undefined };
  if (production) throw new Error('in production set HUB_GATEWAY_SIGNING_KEY_FILE to the private key from npm run keys (README "Identity")');
  if (publicKeysFile)
    throw new Error('HUB_GATEWAY_JWKS_FILE needs HUB_GATEWAY_SIGNING_KEY_FILE: the set served must contain the key the gateway signs with');
  return { developmentDir: developmentKeysDir(env) };
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  // <NAME>_URL and <NAME>_TIMEOUT_MS of every subgraph the manifest lists.
  const names = subgraphNames();
  const variables = readConfig(
    z.object({
      ...variablesOf(names, '_URL', httpUrl),
      HOST: z.string().default('0.0.0.0'),
      PORT: wholeNumber('PORT', 0, 65535, 4000),
      HUB_JWKS_URL: httpUrl('HUB_JWKS_URL'),
      HUB_JWT_SECRET: z.string().optional(),
      HUB_JWT_ISSUER: z.string().optional(),
      HUB_JWT_AUDIENCE: z.string().optional(),
      SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
      SUBGRAPH_TIMEOUT_MS: wholeNumber('SUBGRAPH_TIMEOUT_MS', 0, 600_000, 10_000),
      ...variablesOf(names, '_TIMEOUT_MS', (variable) => wholeNumber(variable, 0, 600_000, undefined)),
      SUBGRAPH_RESTART_WAIT_MS: wholeNumber('SUBGRAPH_RESTART_WAIT_MS', 0, 600_000, DEFAULT_RESTART_WAIT_MS),
      ...httpLimitVariables,
      ...workerVariables,
      ...metricsVariables,
      BODY_LIMIT: z.string().default('1mb'),
      CORS_ORIGINS: z.string().default(''),
      MAX_QUERY_COST: wholeNumber('MAX_QUERY_COST', 1, 10_000_000, DEFAULT_MAX_QUERY_COST),
      HUB_JWT_MAX_LIFETIME: duration('HUB_JWT_MAX_LIFETIME', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
      ...noSharedSecret,
      HUB_GATEWAY_SIGNING_KEY_FILE: z.string().optional(),
      HUB_GATEWAY_JWKS_FILE: z.string().optional(),
      EXPLORER: trueOrFalse('EXPLORER', !production),
      DASHBOARD: trueOrFalse('DASHBOARD', !production),
      PERSISTED_OPERATIONS: z.string().optional(),
      PERSISTED_ONLY: trueOrFalse('PERSISTED_ONLY', false),
    }),
    env,
  );
  const jwtSecret = variables.HUB_JWT_SECRET || (production ? '' : DEVELOPMENT_JWT_SECRET);
  if (production && !variables.HUB_JWKS_URL && (jwtSecret === DEVELOPMENT_JWT_SECRET || jwtSecret.length < 32)) {
    throw new Error('in production set HUB_JWKS_URL (or at least a HUB_JWT_SECRET of 32+ characters that is not the development default)');
  }
  // Without them a production gateway would accept tokens minted for the development defaults.
  if (production && (!variables.HUB_JWT_ISSUER || !variables.HUB_JWT_AUDIENCE)) {
    throw new Error('in production set HUB_JWT_ISSUER and HUB_JWT_AUDIENCE to the issuer and audience your identity provider writes in its tokens');
  }
  const persistedOperations = variables.PERSISTED_OPERATIONS
    ? variables.PERSISTED_OPERATIONS.split(',')
        .map((file) => file.trim())
        .filter(Boolean)
    : existsSync(DASHBOARD_MANIFEST)
      ? [DASHBOARD_MANIFEST]
      : [];
  // With no manifest every operation would be refused to all but admins: a mistake, not a policy.
  if (variables.PERSISTED_ONLY && persistedOperations.length === 0)
    throw new Error('PERSISTED_ONLY=true needs PERSISTED_OPERATIONS: the manifest files of the operations clients may run');
  return {
    host: variables.HOST,
    port: variables.PORT,
    production,
    supergraphPath: variables.SUPERGRAPH_PATH,
    subgraphUrls: byName(names, '_URL', variables),
    subgraphTimeoutMs: variables.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeouts: byName(names, '_TIMEOUT_MS', variables),
    subgraphRestartWaitMs: variables.SUBGRAPH_RESTART_WAIT_MS,
    limits: httpLimitsOf(variables),
    workers: variables.WEB_CONCURRENCY,
    bodyLimit: variables.BODY_LIMIT,
    corsOrigins: variables.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    maxQueryCost: variables.MAX_QUERY_COST,
    auth: {
      jwksUrl: variables.HUB_JWKS_URL,
      jwtSecret,
      issuer: variables.HUB_JWT_ISSUER || DEVELOPMENT_ISSUER,
      audience: variables.HUB_JWT_AUDIENCE || DEVELOPMENT_AUDIENCE,
      maxLifetimeSeconds: variables.HUB_JWT_MAX_LIFETIME,
    },
    internalKeys: internalKeys(variables.HUB_GATEWAY_SIGNING_KEY_FILE, variables.HUB_GATEWAY_JWKS_FILE, production, env),
    metricsToken: metricsTokenOf(variables),
    explorer: variables.EXPLORER,
    dashboard: variables.DASHBOARD,
    persistedOperations,
    persistedOnly: variables.PERSISTED_ONLY,
  };
}
