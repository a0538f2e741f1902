// The gateway: serves the composed supergraph (schema/supergraph.graphql) over /graphql and
// plans each query across the four subgraphs.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { errorFormatter } from '../platform/errors';
import { OperationKindsServed } from './operation-kinds';
import { startHttpService, type ReadyReport, type RunningService } from '../platform/http/service';
import { DEFAULT_MAX_QUERY_COST, type GatewayConfig } from './config';
import cors from 'cors';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitPlugin, demandControlOf } from './cost-limit';
import { createAuthenticator } from './auth';
import { gatewayContext, operationNameFromDocument, type GatewayContext } from './context';
import { VouchingDataSource } from './vouching-data-source';
import { SubgraphTokenCache } from './subgraph-tokens';
import { createInternalSigner } from '../platform/internal-token';
import { developmentKeyFiles, publicHalf, readPublicKeys, readSigningKey } from '../platform/gateway-keys';
import type { JSONWebKeySet, JWK } from 'jose';
import { dashboardPage, explorerPage, NO_PAGE, pages } from './static-pages';
import { DEV_TOKENS_PATH, devTokens } from './dev-tokens';
import { persistedOperationNames, persistedOperationsMiddleware, readPersistedOperations, requirePersisted } from './persisted-operations';
import { labelOperations } from '../platform/metrics';
import { EXPORT_INCIDENTS_PATH } from '../platform/downloads';
import { incidentExportDownload } from './export-download';
import { ALERT_EVENT_STREAM_PATH, alertEventStream } from './alert-event-stream';
import type { GraphQLSchema, ExecutionResult, GraphQLError } from 'graphql';
import { refuseUpgrades } from './unsupported-transports';

/** Where subgraphs may fetch the keys they accept (HUB_GATEWAY_JWKS_URL). */
export const GATEWAY_JWKS_PATH = '/.well-known/hub-jwks.json';

export interface RunningGateway extends RunningService {
  subgraphUrls: Record<string, string>;
  /** The tokens sent to subgraphs; tests switch its key to rotate without a restart. */
  subgraphTokens: SubgraphTokenCache;
}

/** The signing key and the public set served: the configured one, always with the signing key's own public half. */
export function loadGatewayKeys(keys: GatewayConfig['internalKeys']): { signingKey: JWK; publicKeys: JSONWebKeySet } {
  const files = 'developmentDir' in keys ? developmentKeyFiles(keys.developmentDir) : keys;
  const signingKey = 'signingKey' in files ? files.signingKey : readSigningKey(files.signingKeyFile);
  const configured = 'signingKey' in files ? files.publicKeys : files.publicKeysFile ? readPublicKeys(files.publicKeysFile) : undefined;
  const others = (configured?.keys ?? []).filter((key) => key.kid !== signingKey.kid).map(publicHalf);
  return { signingKey, publicKeys: { keys: [publicHalf(signingKey), ...others] } };
}

/** Subgraph name → URL, from the supergraph's join__Graph entries and the configured overrides. */
export function subgraphUrlsOf(supergraphSdl: string, overrides: GatewayConfig['subgraphUrls']): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[match[1]] = (overrides as Record<string, string | undefined>)[match[1]] ?? match[2];
  }
  return urls;
}

/**
 * The gateway serves as soon as its supergraph is loaded: a subgraph that is down costs only its
 * own fields (README "What a client sees when part of the graph is down"). So it is ready while it
 * runs, and reports each subgraph's own /ready for operators and dashboards of the hub's health.
 */
async function gatewayReadiness(urls: Record<string, string>): Promise<ReadyReport> {
  const states = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(url.replace(/\/graphql\/?$/, '/ready'), { signal: AbortSignal.timeout(2000) });
        return [name, response.ok ? 'ready' : 'unavailable'] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(states);
  return { ready: true, degraded: states.some(([, state]) => state !== 'ready'), subgraphs };
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const urls = subgraphUrlsOf(supergraphSdl, config.subgraphUrls);
  const keys = loadGatewayKeys(config.internalKeys);
  const subgraphTokens = new SubgraphTokenCache(await createInternalSigner(keys.signingKey));
  const persisted = readPersistedOperations(config.persistedOperations ?? []);
  // Junk names sent first must not push the trusted documents' names into "other".
  labelOperations(persistedOperationNames(persisted));
  // GraphiQL from our own files (README "The explorer"); Apollo's landing page would load its own from the internet.
  const explorer = (config.explorer ?? !config.production) ? explorerPage() : NO_PAGE;
  // The reference dashboard (README "The dashboard"); its token picker signs with the development secret, so never in production.
  const dashboard = (config.dashboard ?? !config.production) ? dashboardPage() : NO_PAGE;
  const picker = config.production || config.auth.jwksUrl ? NO_PAGE : { routes: {}, mounts: { [DEV_TOKENS_PATH]: devTokens(config.auth) } };
  const served = pages(explorer, dashboard, picker);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new VouchingDataSource(
        name,
        urls[name] ?? url ?? '',
        config.subgraphTimeouts?.[name] ?? config.subgraphTimeoutMs,
        subgraphTokens,
      );
      if (config.subgraphRestartWaitMs !== undefined) source.restartWaitMs = config.subgraphRestartWaitMs;
      return source;
    },
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded }) => {
    apiSchema = loaded;
  });
  // Limits on what one operation may ask for, checked before planning: deep nesting, alias and
  // token floods and costly selections are refused with a GraphQL error, not executed.
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    // Tokens are limited by the parser itself (parseOptions below): armor's check throws from a
    // plugin and would answer 500. Its cost limit ignores list sizes: costLimitPlugin counts them
    // from the @listSize and @cost directives the subgraphs declare (README "What a query costs").
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Suggestions are taken out by errorFormatter, in every message: armor's masks only some of them.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const format = errorFormatter({ production: config.production });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: format,
    includeStacktraceInErrorResponses: false,
    // Signals are the service's own (http-service stopOnSignals); Apollo's would stop it twice.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Hashes are the manifests' only (persisted-operations.ts): Apollo's own would let any client register any text.
    persistedQueries: false,
    validationRules: [OperationKindsServed, ...armor.validationRules],
    parseOptions: { maxTokens: 5000 },
    plugins: [
      ...armor.plugins,
      operationNameFromDocument(),
      costLimitPlugin(config.maxQueryCost ?? DEFAULT_MAX_QUERY_COST, demandControlOf(supergraphSdl)),
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  const authenticate = createAuthenticator(config.auth);
  const checkPersisted = config.persistedOnly ? requirePersisted(persisted) : undefined;
  const service = await startHttpService<GatewayContext>({
    name: 'gateway',
    host: config.host,
    port: config.port,
    apollo,
    bodyLimit: config.bodyLimit,
    limits: config.limits,
    metricsToken: config.metricsToken,
    before: [cors({ origin: config.corsOrigins.length > 0 ? config.corsOrigins : false, credentials: false, maxAge: 600 })],
    context: async ({ req }) => {
      const context = await gatewayContext(req, authenticate);
      checkPersisted?.(req, context.viewer);
      return context;
    },
    ready: () => gatewayReadiness(urls),
    routes: {
      [GATEWAY_JWKS_PATH]: (_req, res) => {
        res.set('cache-control', 'public, max-age=300').json(keys.publicKeys);
      },
      ...served.routes,
    },
    mounts: served.mounts,
    // The incident export as a streamed file, under the same token (README "Bulk import and export").
    downloads: urls.situations
      ? {
          [EXPORT_INCIDENTS_PATH]: incidentExportDownload({
            situationsUrl: urls.situations,
            authenticate,
            tokens: subgraphTokens,
            timeoutMs: config.subgraphTimeouts?.situations ?? config.subgraphTimeoutMs,
          }),
        }
      : {},
    // Subscriptions (alertEvents), in the GraphQL over SSE protocol (README "Live alert events").
    streams: urls.alerts
      ? {
          [ALERT_EVENT_STREAM_PATH]: alertEventStream({
            alertsUrl: urls.alerts,
            authenticate,
            tokens: subgraphTokens,
            schema: () => apiSchema,
            execute: async (query, variables, contextValue) => {
              const response = await apollo.executeOperation({ query, variables }, { contextValue });
              return response.body.kind === 'single' ? (response.body.singleResult as ExecutionResult) : { errors: [] };
            },
            validationRules: armor.validationRules,
            checkPersisted,
            formatError: (error: GraphQLError) => format(error.toJSON(), error),
            timeoutMs: config.subgraphTimeouts?.alerts ?? config.subgraphTimeoutMs,
          }),
        }
      : {},
    parsed: [persistedOperationsMiddleware(persisted)],
  });
  refuseUpgrades(service.server);
  return { ...service, subgraphUrls: urls, subgraphTokens };
}
