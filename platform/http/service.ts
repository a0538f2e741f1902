// The HTTP shell shared by the gateway and every subgraph: Express 5 with our own limits (body size,
// requests in flight, time per request, content type, query nesting), /health, /ready and /graphql,
// and a stop() that refuses new work, drains in-flight requests within a deadline, then closes pools.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { logger } from '../logger';

/**
 * Marks a refusal by a service that is stopping: it refused the request before reading it, so the
 * gateway may send it again, to the same address once the service is back (a rolling restart).
 */
export const STOPPING_HEADER = 'x-hub-stopping';

/** What a service's readiness check found: `ready` decides the status code, the rest is reported. */
export interface ReadyReport {
  ready: boolean;
  [detail: string]: unknown;
}

export interface HttpLimits {
  /** /graphql requests handled at once; one more is answered 503 at once instead of queueing (0: no cap). */
  maxInFlight: number;
  /** How long one /graphql request may take before it is answered 503 (0: no limit). */
  requestTimeoutMs: number;
  /** How long stop() waits for in-flight requests before it cuts their connections. */
  shutdownDeadlineMs: number;
}

// The shutdown deadline leaves room for closing pools inside the 10 s Docker gives a container
// between SIGTERM and SIGKILL.
export const DEFAULT_HTTP_LIMITS: HttpLimits = { maxInFlight: 256, requestTimeoutMs: 30_000, shutdownDeadlineMs: 8_000 };

/**
 * Deepest bracket nesting ({, ( and [) a query may have. Far above any legitimate query (the
 * gateway refuses depth beyond a dozen levels), far below what overflows the stack of a recursive
 * parser or validation rule, which would otherwise answer a hostile query with a 500.
 */
export const MAX_QUERY_NESTING = 128;

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  host: string;
  port: number;
  apollo: ApolloServer<TContext>;
  context: (args: { req: Request; res: Response }) => Promise<TContext>;
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
  /** Extra GET routes beside /health and /ready (the gateway's public keys). */
  routes?: Record<string, express.RequestHandler>;
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

function refuse(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** Deepest {, ( or [ nesting outside strings and comments; stops counting once past `limit`. */
export function queryNesting(query: string, limit = MAX_QUERY_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < query.length && query.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x22 /* " */) {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query.charCodeAt(i) !== 0x22 && query.charCodeAt(i) !== 0x0a; i++) {
          if (query.charCodeAt(i) === 0x5c /* \ */) i++;
        }
      }
    } else if (c === 0x7b || c === 0x28 || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x29 || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}

// Codes that say the client's request was at fault. Apollo answers 500 when a plugin throws while
// it parses (GraphQL Armor's token limit does) or when the gateway cannot pick the operation to
// run; such answers are corrected to 400 here so that a monitor counting 5xx sees server faults only.
const CLIENT_FAULT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

function clientFaultStatus(status: number, body: string): number {
  if (status < 500) return status;
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors;
    if (errors && errors.length > 0 && errors.every((e) => CLIENT_FAULT_CODES.has(String(e.extensions?.code)))) return 400;
  } catch {
    // not JSON: leave the status as it is
  }
  return status;
}

// The gateway hands an operation it cannot pick (unknown operationName, several operations and no
// name) to its executor, which throws and so answers 500; a plain schema answers 400. Refuse it first.
const operationMustResolve: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `Unknown operation named "${request.operationName.slice(0, 100)}"`
          : 'The document holds several operations: name the one to run in "operationName"';
        throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
      },
    };
  },
};

/** POST bodies must be JSON in UTF-8; anything else is refused before it is read. */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  const type = req.headers['content-type'] ?? '';
  const [media, ...parameters] = type.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (media !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as JSON with "Content-Type: application/json"');
  }
  next();
}

function limitNesting(req: Request, res: Response, next: NextFunction): void {
  const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query === 'string' && queryNesting(query) > MAX_QUERY_NESTING) {
    return refuse(res, 400, 'GRAPHQL_PARSE_FAILED', `The query nests deeper than ${MAX_QUERY_NESTING} levels`);
  }
  next();
}

/** Express ↔ Apollo, as @as-integrations/express5 does, but it leaves alone a request already answered (timed out). */
function graphqlHandler<TContext extends BaseContext>(apollo: ApolloServer<TContext>, context: HttpServiceOptions<TContext>['context']) {
  return async (req: Request, res: Response): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search, body: req.body },
      context: () => context({ req, res }),
    });
    if (res.headersSent) return;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      res.status(clientFaultStatus(response.status ?? 200, response.body.string)).send(response.body.string);
      return;
    }
    res.status(response.status ?? 200);
    for await (const chunk of response.body.asyncIterator) {
      if (res.destroyed) break;
      res.write(chunk);
    }
    res.end();
  };
}

export async function startHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): Promise<RunningService> {
  const limits: HttpLimits = {
    maxInFlight: options.limits?.maxInFlight ?? DEFAULT_HTTP_LIMITS.maxInFlight,
    requestTimeoutMs: options.limits?.requestTimeoutMs ?? DEFAULT_HTTP_LIMITS.requestTimeoutMs,
    shutdownDeadlineMs: options.limits?.shutdownDeadlineMs ?? DEFAULT_HTTP_LIMITS.shutdownDeadlineMs,
  };
  const app = express();
  app.disable('x-powered-by');
  let stopping = false;
  const inFlight = new Set<Response>();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  for (const [route, handler] of Object.entries(options.routes ?? {})) app.get(route, handler);
  app.get('/ready', async (_req, res) => {
    const answer = stopping ? false : await options.ready().catch(() => false);
    const { ready, ...details } = typeof answer === 'boolean' ? { ready: answer } : answer;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service: options.name, ...(stopping ? { stopping: true } : {}), ...details });
  });

  // Counted from the moment the headers arrive until the answer is sent or the client goes away.
  // Overload and shutdown are refused before anything is parsed, so refusing stays cheap.
  const admit = (_req: Request, res: Response, next: NextFunction): void => {
    if (stopping) {
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `The ${options.name} service is shutting down; retry`, { connection: 'close', 'retry-after': '1', [STOPPING_HEADER]: '1' });
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
      return refuse(res, 503, 'SERVICE_UNAVAILABLE', `The ${options.name} service cannot serve requests right now; retry shortly`, { 'retry-after': '1' });
    }
    next();
  };

  options.apollo.addPlugin(operationMustResolve as ApolloServerPlugin<TContext>);
  await options.apollo.start();
  app.use(
    '/graphql',
    admit,
    ...(options.before ?? []),
    availability,
    requireJson,
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    limitNesting,
    graphqlHandler(options.apollo, options.context),
  );
  // Malformed JSON, oversize bodies and unsupported charsets arrive here from express.json: answer
  // them as clients' mistakes without echoing the body or a stack.
  app.use((error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // The request was answered already (it timed out) and its handler failed afterwards.
      if (!res.writableEnded) return next(error);
      return;
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('request failed', { error });
    const [code, message] =
      status === 413
        ? ['PAYLOAD_TOO_LARGE', 'Request body too large']
        : status === 415
          ? ['UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON']
          : status === 500
            ? ['INTERNAL_SERVER_ERROR', 'Internal server error']
            : ['BAD_REQUEST', 'Malformed request body'];
    refuse(res, status, code, message);
  });

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

  let stopped: Promise<void> | undefined;
  const stop = (deadlineMs = limits.shutdownDeadlineMs): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      // Requests under way finish, then their keep-alive connections close instead of idling,
      // which is what lets server.close() complete.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => {
        if (inFlight.size > 0) logger.warn('shutdown deadline passed; dropping requests in flight', { service: options.name, dropped: inFlight.size });
        server.closeAllConnections();
      }, deadlineMs);
      deadline.unref();
      await closed;
      clearTimeout(deadline);
      await options.apollo.stop();
      await options.onStop?.();
    })();
    return stopped;
  };
  return { url, port, server, shutdownDeadlineMs: limits.shutdownDeadlineMs, stop };
}

/** Stops the service on SIGINT/SIGTERM and exits 0 once it has drained (1 if stopping failed or hung). */
export function stopOnSignals(service: RunningService, name: string): void {
  let stopping = false;
  const handler = (signal: string) => {
    // `npm start` and a terminal both signal on Ctrl-C: the second signal must not cut the drain short.
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { service: name, signal });
    // Pools that do not close (a database that stopped answering) must not keep the process alive.
    setTimeout(() => {
      logger.error('stop did not finish in time; exiting', { service: name });
      process.exit(1);
    }, service.shutdownDeadlineMs + 2000).unref();
    service.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  // Started by a supervisor (npm start) over IPC: when it goes, even by SIGKILL, stop as on a signal.
  if (process.send) process.once('disconnect', () => handler('supervisor exited'));
}
