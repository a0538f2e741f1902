// How a service stops: the drain behind stop() (refuse new work, let requests under way finish
// within a deadline, then cut what is left and close pools) and stopOnSignals for the process.
import type http from 'node:http';
import type { Response } from 'express';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { logger } from '../logger';
import { flushTraces } from '../tracing';

/**
 * Marks a refusal by a service that is stopping: it refused the request before reading it, so the
 * gateway may send it again, to the same address once the service is back (a rolling restart).
 */
export const STOPPING_HEADER = 'x-hub-stopping';

export interface DrainOptions<TContext extends BaseContext> {
  name: string;
  server: http.Server;
  /** Responses of the /graphql requests under way (admission adds and removes them). */
  inFlight: Set<Response>;
  apollo: ApolloServer<TContext>;
  deadlineMs: number;
  /** Called first, so that admission refuses what arrives from now on. */
  onStopping: () => void;
  onStop?: () => Promise<void>;
}

/** Builds stop(deadlineMs?): the first call drains, later calls wait for the same drain. */
export function drainer<TContext extends BaseContext>(options: DrainOptions<TContext>): (deadlineMs?: number) => Promise<void> {
  const { server, inFlight } = options;
  let stopped: Promise<void> | undefined;
  return (deadlineMs = options.deadlineMs): Promise<void> => {
    stopped ??= (async () => {
      options.onStopping();
      // Requests under way finish, then their keep-alive connections close instead of idling,
      // which is what lets server.close() complete.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => {
        if (inFlight.size > 0)
          logger.warn('shutdown deadline passed; dropping requests in flight', { service: options.name, dropped: inFlight.size });
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
}

/** Stops the service on SIGINT/SIGTERM and exits 0 once it has drained (1 if stopping failed or hung). */
export function stopOnSignals(service: { shutdownDeadlineMs: number; stop: () => Promise<void> }, name: string): void {
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
    // The spans still buffered are exported before the process goes (nothing to do with tracing off).
    service.stop().then(
      () =>
        flushTraces().then(
          () => process.exit(0),
          () => process.exit(0),
        ),
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
