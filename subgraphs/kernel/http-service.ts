// The HTTP shell shared by the gateway and every subgraph: Express 5 with our own body limit
// (startStandaloneServer would allow 50 MB and fix CORS to *), /health, /ready and /graphql,
// and a stop() that drains in-flight requests before closing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response, type NextFunction } from 'express';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { logger } from './logger';

export interface HttpServiceOptions<TContext extends BaseContext> {
  name: string;
  host: string;
  port: number;
  apollo: ApolloServer<TContext>;
  context: (args: { req: Request; res: Response }) => Promise<TContext>;
  /** Resolves true when the service can do its work (database or subgraphs reachable). */
  ready: () => Promise<boolean>;
  bodyLimit?: string;
  /** Extra middleware mounted before /graphql (CORS, authentication). */
  before?: express.RequestHandler[];
  /** Called after the HTTP server stopped accepting and drained, to close pools. */
  onStop?: () => Promise<void>;
}

export interface RunningService {
  url: string;
  port: number;
  server: http.Server;
  stop: (deadlineMs?: number) => Promise<void>;
}

export async function startHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  let stopping = false;

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    const ready = !stopping && (await options.ready().catch(() => false));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service: options.name });
  });

  await options.apollo.start();
  app.use(
    '/graphql',
    ...(options.before ?? []),
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    expressMiddleware(options.apollo, { context: options.context }),
  );
  // Malformed JSON and oversize bodies arrive here from express.json: answer them as clients'
  // mistakes without echoing the body or a stack.
  app.use((error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('request failed', { error });
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    const message = status === 413 ? 'Request body too large' : status === 500 ? 'Internal server error' : 'Malformed request body';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${port}/graphql`;

  let stopped: Promise<void> | undefined;
  const stop = (deadlineMs = 10_000): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
      deadline.unref();
      await closed;
      clearTimeout(deadline);
      await options.apollo.stop();
      await options.onStop?.();
    })();
    return stopped;
  };
  return { url, port, server, stop };
}

/** Stops the service on SIGINT/SIGTERM and exits 0 once it has drained. */
export function stopOnSignals(service: RunningService, name: string): void {
  const handler = (signal: string) => {
    logger.info('stopping', { service: name, signal });
    service.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
