// Starts one subgraph as an HTTP service: database, migrations, reference data, optional
// illustrative seed, the audit trail's partitions (kept daily), schema, server; in one process,
// or in each of WEB_CONCURRENCY workers.
// Each subgraph's index.ts is a SubgraphModule handed to runSubgraph(); tests call startSubgraph().
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { readServiceConfig, type ServiceConfig } from './config';
import { createContext, type SubgraphContext } from './context';
import {
  databaseAvailable,
  databaseReachable,
  openPGlite,
  poolCounts,
  openSubgraphDatabase,
  type DatabaseTarget,
  type SubgraphDatabaseOptions,
} from '../db/database';
import { errorFormatter } from '../../../platform/errors';
import { resolveHttpLimits, runWorkers, startHttpService, stopOnSignals, type HttpLimits, type RunningService } from '../../../platform/http/service';
import { logger } from '../../../platform/logger';
import { metricsOf, warnIfMetricsOpen } from '../../../platform/metrics';
import {
  createInternalVerifier,
  INTERNAL_HEADER,
  PEER_TOKENS_HEADER,
  type InternalVerifier,
  type VouchedRequest,
} from '../../../platform/internal-token';
import { gatewayKeySet } from '../../../platform/gateway-keys';
import type { JWTVerifyGetKey } from 'jose';
import type { Request, Response, NextFunction } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { parsePeerTokens } from '../../../platform/peers';
import { defaultPortOf } from '../../../platform/manifest';
import type { PeerAccess } from './peer';
import type { PGliteGate } from '../db/pglite-pool';
import { DEFAULT_AUDIT_RETENTION_MONTHS, startAuditMaintenance } from '../audit/audit-partitions';

export interface SubgraphModule {
  /** Service name, also its PostgreSQL schema and token audience: its manifest entry's name (schema/subgraphs.json), which gives its default port. */
  name: string;
  entities: SubgraphDatabaseOptions['entities'];
  migrations: SubgraphDatabaseOptions['migrations'];
  buildSchema: () => Promise<GraphQLSchema>;
  /** The subgraph's loaders, built afresh for every request (its loaders.ts). */
  createLoaders: (ctx: SubgraphContext) => object;
  /**
   * Loads the reference data every deployment needs (countries, partners and their memberships,
   * the Framework of Analysis, training modules, the Office's own record): on every start, also in
   * production. Must change nothing when run twice, and must not depend on the illustrative data.
   */
  seedReference: (db: DataSource) => Promise<void>;
  /**
   * Loads the illustrative records for trying the hub (situations, assessments, incidents, alerts,
   * sessions that were never held): only when seeding is on (SEED_ON_START, off in production).
   * Runs after seedReference; must change nothing when run twice.
   */
  seedIllustrative: (db: DataSource) => Promise<void>;
  /**
   * Work the subgraph does beside answering requests (the alerts outbox's dispatcher): started once
   * its database is open and seeded, in every replica; the returned function stops it before the
   * database closes.
   */
  background?: (db: DataSource, target: DatabaseTarget) => Promise<() => Promise<void>>;
  /**
   * GET routes that stream a file rather than answer GraphQL (the situations subgraph's incident
   * export), behind the same check of the gateway's word as /graphql: the handler gets the
   * request's context as a resolver does, and the subgraph's schema to read its input types with.
   */
  downloads?: Record<string, SubgraphDownload>;
  /**
   * GET routes that answer a long-lived event stream (the alerts subgraph's /alert-events), as
   * downloads are answered, but neither counted against MAX_IN_FLIGHT nor timed, and ended when the
   * service stops (platform/http/service.ts `streams`).
   */
  streams?: Record<string, SubgraphDownload>;
}

/** A download's handler: answers `res` itself, errors included; the reads it notes are its own to flush. */
export type SubgraphDownload = (ctx: SubgraphContext, req: Request, res: Response, schema: GraphQLSchema) => Promise<void>;

/** Reference data always, illustrative records when `illustrative` is true (the default, as in development). */
export async function seedSubgraph(module: SubgraphModule, db: DataSource, options: { illustrative?: boolean } = {}): Promise<void> {
  await module.seedReference(db);
  if (options.illustrative ?? true) await module.seedIllustrative(db);
}

export interface StartSubgraphOptions {
  /** The gateway's public keys (platform/gateway-keys.ts); requests without a token it signed for this subgraph get 401. */
  gatewayKeys: JWTVerifyGetKey;
  /** Where the other subgraphs answer, for the filters that ask them (kernel/service/peer.ts). */
  peerUrls?: PeerAccess['urls'];
  /** Closed after the service has drained, e.g. the process's own PGlite instance. */
  onStop?: () => Promise<void>;
  host?: string;
  port?: number;
  target: DatabaseTarget;
  /** Also load the illustrative records (reference data is loaded either way). */
  seed?: boolean;
  bodyLimit?: string;
  /** Requests in flight, time per request, shutdown deadline (platform/http/service.ts). */
  limits?: Partial<HttpLimits>;
  onQuery?: (sql: string) => void;
  /** NODE_ENV=production: error messages carry no "Did you mean ...?". */
  production?: boolean;
  /** Months of audit trail kept (AUDIT_RETENTION_MONTHS); older monthly partitions are dropped. */
  auditRetentionMonths?: number;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; unset: /metrics is open. */
  metricsToken?: string;
}

export interface RunningSubgraph extends RunningService {
  name: string;
  db: DataSource;
}

/**
 * Lets through only requests the gateway vouched for. Everything else on /graphql, _service and
 * _entities included, and on the downloads, is answered 401 before it is parsed; /health and /ready stay open.
 */
function requireGateway(verify: InternalVerifier) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const vouched = await verify(req.header(INTERNAL_HEADER));
    if (!vouched) {
      res.status(401).json({ errors: [{ message: 'This service answers only the hub gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    res.locals.vouched = vouched;
    next();
  };
}

// Reads noted during the request are written in one statement once the answer is ready.
const auditFlush: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue }) {
        try {
          await contextValue.audit.flush(contextValue.db.manager);
        } catch (error) {
          logger.error('audit trail write failed', { error });
          throw error;
        }
      },
    };
  },
};

export async function startSubgraph(module: SubgraphModule, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  // The seed runs under the migrations' lock: replicas started together seed one after another.
  // Reference data always loads; the illustrative records only when asked (SEED_ON_START).
  const db = await openSubgraphDatabase(
    { schema: module.name, entities: module.entities, migrations: module.migrations, target: options.target, onQuery: options.onQuery },
    (opened) => seedSubgraph(module, opened, { illustrative: options.seed ?? false }),
  );
  let stopAuditMaintenance = () => {};
  let stopBackground = async () => {};
  try {
    stopAuditMaintenance = await startAuditMaintenance(db, module.name, options.auditRetentionMonths ?? DEFAULT_AUDIT_RETENTION_MONTHS);
    if (module.background) stopBackground = await module.background(db, options.target);
    metricsOf(module.name).watchPool(() => poolCounts(db));
    const schema = await module.buildSchema();
    const apollo = new ApolloServer<SubgraphContext>({
      schema,
      formatError: errorFormatter({ production: options.production ?? false }),
      includeStacktraceInErrorResponses: false,
      // Signals are the service's own (http-service stopOnSignals): Apollo's handler would stop the
      // server a second time, under the drain, and hold the process past its deadline.
      stopOnTerminationSignals: false,
      // No Apollo Studio here: traces would only cost time and reveal timings to callers. No cache
      // hints either: no field declares one, so the plugin wrapped every field only to answer
      // "no-store", and the gateway counts a subgraph answer without the header as uncacheable too.
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        auditFlush,
      ],
    });
    const contextOf = (req: Request, res: Response) =>
      createContext(
        db,
        module.name,
        res.locals.vouched as VouchedRequest,
        { urls: options.peerUrls ?? {}, tokens: parsePeerTokens(req.header(PEER_TOKENS_HEADER)), timeoutMs: 5000 },
        module.createLoaders,
      );
    const service = await startHttpService<SubgraphContext>({
      name: module.name,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      apollo,
      bodyLimit: options.bodyLimit,
      limits: options.limits,
      metricsToken: options.metricsToken,
      available: () => databaseAvailable(db),
      before: [requireGateway(createInternalVerifier(module.name, options.gatewayKeys))],
      context: async ({ req, res }) => contextOf(req, res),
      downloads: Object.fromEntries(
        Object.entries(module.downloads ?? {}).map(([route, download]) => [
          route,
          (req: Request, res: Response) => download(contextOf(req, res), req, res, schema),
        ]),
      ),
      streams: Object.fromEntries(
        Object.entries(module.streams ?? {}).map(([route, stream]) => [
          route,
          (req: Request, res: Response) => stream(contextOf(req, res), req, res, schema),
        ]),
      ),
      ready: () => databaseReachable(db),
      onStop: async () => {
        stopAuditMaintenance();
        await stopBackground();
        if (db.isInitialized) await db.destroy();
        await options.onStop?.();
      },
    });
    return { ...service, name: module.name, db };
  } catch (error) {
    stopAuditMaintenance();
    await stopBackground();
    await db.destroy();
    throw error;
  }
}

/**
 * The production entry point of a subgraph process: configuration from the environment, then the
 * service in this process or in WEB_CONCURRENCY workers (each migrating under the start-up lock).
 */
export async function runSubgraph(module: SubgraphModule, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  process.env.HUB_SERVICE_NAME = module.name;
  let config: ServiceConfig;
  try {
    config = readServiceConfig(module.name, defaultPortOf(module.name), env);
  } catch (error) {
    logger.error('invalid configuration', { error });
    process.exit(2);
  }
  warnIfMetricsOpen(module.name, config.production, config.metricsToken);
  const { shutdownDeadlineMs } = resolveHttpLimits(config.limits);
  await runWorkers({ name: module.name, workers: config.workers, shutdownDeadlineMs }, () => serveSubgraph(module, config));
}

/** One subgraph process serving on its port: the only one, or one worker of several. */
async function serveSubgraph(module: SubgraphModule, config: ServiceConfig): Promise<void> {
  let gate: PGliteGate | undefined;
  try {
    gate = config.databaseUrl ? undefined : await openPGlite(config.pgliteDir);
    const target: DatabaseTarget = gate
      ? { kind: 'pglite', gate }
      : { kind: 'postgres', url: config.databaseUrl!, poolSize: config.poolSize, limits: config.databaseLimits };
    const service = await startSubgraph(module, {
      host: config.host,
      port: config.port,
      target,
      seed: config.seedOnStart,
      production: config.production,
      auditRetentionMonths: config.auditRetentionMonths,
      metricsToken: config.metricsToken,
      bodyLimit: config.bodyLimit,
      limits: config.limits,
      gatewayKeys: gatewayKeySet(config.gatewayKeys),
      peerUrls: config.peerUrls,
      onStop: async () => {
        await gate?.close();
      },
    });
    stopOnSignals(service, module.name);
    logger.info('subgraph ready', {
      service: module.name,
      url: service.url,
      database: config.databaseUrl ? 'postgres' : `pglite:${config.pgliteDir}`,
    });
  } catch (error) {
    logger.error('subgraph failed to start', { service: module.name, error });
    // Closed, so that its folder's lock goes with it rather than being left to look stale.
    await gate?.close().catch(() => undefined);
    process.exit(1);
  }
}
