// The limits the HTTP shell puts on /graphql requests: requests in flight, time per request and
// shutdown deadline (HttpLimits), content type, and query nesting. Body size is express.json's.
import type { Request, Response, NextFunction } from 'express';
import { MAX_QUERY_NESTING, queryNesting } from './bracket-depth';
import { refuse } from './status';

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

/** The limits given, each missing one taken from DEFAULT_HTTP_LIMITS. */
export function resolveHttpLimits(limits: Partial<HttpLimits> = {}): HttpLimits {
  return {
    maxInFlight: limits.maxInFlight ?? DEFAULT_HTTP_LIMITS.maxInFlight,
    requestTimeoutMs: limits.requestTimeoutMs ?? DEFAULT_HTTP_LIMITS.requestTimeoutMs,
    shutdownDeadlineMs: limits.shutdownDeadlineMs ?? DEFAULT_HTTP_LIMITS.shutdownDeadlineMs,
  };
}

/** POST bodies must be JSON in UTF-8; anything else is refused before it is read. */
export function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  const type = req.headers['content-type'] ?? '';
  const [media, ...parameters] = type.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (media !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as JSON with "Content-Type: application/json"');
  }
  next();
}

/** Refuses a query nesting deeper than MAX_QUERY_NESTING before graphql-js parses it. */
export function limitNesting(req: Request, res: Response, next: NextFunction): void {
  const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query === 'string' && queryNesting(query) > MAX_QUERY_NESTING) {
    return refuse(res, 400, 'GRAPHQL_PARSE_FAILED', `The query nests deeper than ${MAX_QUERY_NESTING} levels`);
  }
  next();
}
