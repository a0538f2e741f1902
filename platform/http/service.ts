// The HTTP shell shared by the gateway and every subgraph, composed from one file per concern:
// Express 5 with /health, /ready and /graphql (and the workers of cluster.ts sharing its port), admission (requests in flight, time per request),
// the limits of limits.ts, the Express adapter, the status fix-up of status.ts and the drain of
// shutdown.ts. Callers import from here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import type { ApolloServer, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { logger } from '../logger';
import { limitNesting, requireJson, resolveHttpLimits, type HttpLimits } from './limits';
import { answerRequestError, operationMustResolve, refuse } from './status';
import { graphqlHandler, type ContextFactory } from './express-adapter';
import { drainer, STOPPING_HEADER } from './shutdown';
import { workerId } from './cluster';
import { observeRequests, reenterRequest, requestLinePlugin } from './request-log';
import { metricsEndpoint } from '../metrics';

export { DEFAULT_HTTP_LIMITS, type HttpLimits } from './limits';
export { MAX_QUERY_NESTING, queryNesting } from './bracket-depth';
export { STOPPING_HEADER, stopOnSignals } from './shutdown';
export { runWorkers } from './cluster';
export { resolveHttpLimits } from './limits';

/** What a service's readiness check found: `ready` decides the status code, the rest is reported. */
export interface ReadyReport {
  ready: boolean;
  [detail: string]: unknown;
}

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  host: string;
  port: number;
  apollo: ApolloServer<TContext>;
  context: ContextFactory<TContext>;
  /**
   * Resolves true when the service can do its work (a subgraph: its database reachable), or a
   * report whose `ready` says so and whose other fields go into the /ready body (the gateway: the
   * state of each subgraph).
   */
  ready: () => Promise<boolean | ReadyReport>;
  /**
   * Cheap check run before each /graphql request: false answers 503 at once rather than letting
   * the request wait on a dependency known to be down. Must not do I/O on the happy path.
   */
  available?: () => Promise<boolean>;
  bodyLimit?: string;
  limits?: Partial<HttpLimits>;
  /** Extra middleware mounted before /graphql (CORS, authentication). */
  before?: express.RequestHandler[];
  /** Extra GET routes beside /health and /ready (the gateway's public keys, its explorer page at GET /graphql). */
  routes?: Record<string, express.RequestHandler>;
  /** METRICS_TOKEN: when set, GET /metrics answers only a request bearing it. */
  metricsToken?: string;
  /**
   * GET routes answered with a stream rather than a GraphQL answer (the incident export, platform/
   * downloads.ts): admitted, logged and counted as /graphql requests are, behind `before` and
   * `available`. The handler answers its own errors; the time limit per request holds until the
   * first byte only, so a long file is not cut.
   */
  downloads?: Record<string, express.RequestHandler>;
  /**
   * Routes answered GET or POST with a long-lived event stream (the gateway's /graphql/stream, the
   * alerts subgraph's /alert-events): logged, behind `before` and `available`, their JSON bodies
   * parsed, mounted before /graphql so that its prefix does not take them. Not counted against
   * maxInFlight nor timed (a dashboard holds its stream for hours); refused once the service is
   * stopping, and ended when it starts to, so that their clients reconnect elsewhere at once.
   */
  streams?: Record<string, express.RequestHandler>;
  /** Middleware mounted under a path prefix (the gateway's page assets, /explorer/assets). */
  mounts?: Record<string, express.RequestHandler>;
  /** Middleware on the parsed /graphql body, before the nesting limit (the gateway's persisted operations). */
  parsed?: express.RequestHandler[];
  /** Called after the HTTP server stopped accepting and drained, to close pools. */
  onStop?: () => Promise<void>;
}

export interface RunningService {
  url: string;
  port: number;
  server: http.Server;
  /** What stop() waits for in-flight requests by default. */
  shutdownDeadlineMs: number;
  stop: (deadlineMs?: number) => Promise<void>;
}

export async function startHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): Promise<RunningService> {
  const limits: HttpLimits = resolveHttpLimits(options.limits);
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POSTed and never revalidated: hashing each body for an ETag is wasted work.
  app.set('etag', false);
  let stopping = false;
  const inFlight = new Set<Response>();
  // One of several workers on the port (cluster.ts) says which; a lone process answers as before.
  const worker = workerId();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name, ...(worker === undefined ? {} : { worker }) });
  });
  app.get('/metrics', metricsEndpoint(options.name, options.metricsToken));
  for (const [route, handler] of Object.entries(options.routes ?? {})) app.get(route, handler);
  for (const [prefix, handler] of Object.entries(options.mounts ?? {})) app.use(prefix, handler);
  app.get('/ready', async (_req, res) => {
    const answer = stopping ? false : await options.ready().catch(() => false);
    const { ready, ...details } = typeof answer === 'boolean' ? { ready: answer } : answer;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', service: options.name, ...(stopping ? { stopping: true } : {}), ...details });
  });

  // Counted from the moment the headers arrive until the answer is sent or the client goes away.
  // Overload and shutdown are refused before anything is parsed, so refusing stays cheap.
  const admit = (_req: Request, res: Response, next: NextFunction): void => {
    if (stopping) {
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `The ${options.name} service is shutting down; retry`, {
        connection: 'close',
        'retry-after': '1',
        [STOPPING_HEADER]: '1',
      });
    }
    if (limits.maxInFlight > 0 && inFlight.size >= limits.maxInFlight) {
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `The ${options.name} service is at capacity; retry shortly`, { 'retry-after': '1' });
    }
    inFlight.add(res);
    const timer =
      limits.requestTimeoutMs > 0
        ? setTimeout(() => {
            if (res.headersSent) return;
            logger.warn('request timed out', { service: options.name, timeoutMs: limits.requestTimeoutMs });
            refuse(res, 503, 'TIMEOUT', `The request took longer than ${limits.requestTimeoutMs} ms`, { 'retry-after': '1' });
          }, limits.requestTimeoutMs)
        : undefined;
    res.once('close', () => {
      clearTimeout(timer);
      inFlight.delete(res);
    });
    next();
  };

  const availability = async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (options.available && !(await options.available().catch(() => false))) {
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `The ${options.name} service cannot serve requests right now; retry shortly`, {
        'retry-after': '1',
      });
    }
    next();
  };

  for (const [route, handler] of Object.entries(options.downloads ?? {}))
    app.get(route, observeRequests(options.name), admit, ...(options.before ?? []), availability, handler);

  const streaming = new Set<Response>();
  const admitStream = (_req: Request, res: Response, next: NextFunction): void => {
    if (stopping) {
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `The ${options.name} service is shutting down; retry`, {
        connection: 'close',
        'retry-after': '1',
        [STOPPING_HEADER]: '1',
      });
    }
    streaming.add(res);
    res.once('close', () => streaming.delete(res));
    next();
  };
  for (const [route, handler] of Object.entries(options.streams ?? {}))
    app.all(
      route,
      observeRequests(options.name),
      admitStream,
      ...(options.before ?? []),
      availability,
      express.json({ limit: options.bodyLimit ?? '1mb' }),
      handler,
    );

  options.apollo.addPlugin(operationMustResolve as ApolloServerPlugin<TContext>);
  options.apollo.addPlugin(requestLinePlugin as ApolloServerPlugin<TContext>);
  await options.apollo.start();
  app.use(
    '/graphql',
    observeRequests(options.name),
    admit,
    ...(options.before ?? []),
    availability,
    requireJson,
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    ...(options.parsed ?? []),
    limitNesting,
    reenterRequest,
    graphqlHandler(options.apollo, options.context),
  );
  app.use(answerRequestError);

  // Node checks request and header timeouts on this interval; its 30 s default would let a slow
  // client hold a connection well past requestTimeout.
  const server = http.createServer({ connectionsCheckingInterval: 1000 }, app);
  if (limits.requestTimeoutMs > 0) {
    server.requestTimeout = limits.requestTimeoutMs;
    server.headersTimeout = Math.min(limits.requestTimeoutMs, 60_000);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${port}/graphql`;

  const stop = drainer({
    name: options.name,
    server,
    inFlight,
    apollo: options.apollo,
    deadlineMs: limits.shutdownDeadlineMs,
    onStopping: () => {
      stopping = true;
      for (const res of streaming) res.end();
    },
    onStop: options.onStop,
  });
  return { url, port, server, shutdownDeadlineMs: limits.shutdownDeadlineMs, stop };
}
