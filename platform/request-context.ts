// What the process knows of the request it is serving, wherever the code runs: its request id (the
// x-request-id header, taken from the caller when it is a sane token, else made here), the service,
// and what its request line will say (operation, organisation, subgraph calls). Held in an
// AsyncLocalStorage, so every log line written while serving a request carries its id without the
// code that logs having to be handed it, and the gateway's subgraph calls pass it on.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a request id may be: short and harmless in a log line, a header and a URL. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** One subgraph call the gateway made for the request: its duration and the HTTP status (0: no answer). */
export interface SubgraphCallRecord {
  subgraph: string;
  durationMs: number;
  status: number;
}

export interface RequestContext {
  requestId: string;
  service: string;
  /** The operation's name once resolved; null while unknown or for an anonymous operation. */
  operation: string | null;
  /** The viewer's organisation once the caller is known (at a subgraph: from the gateway's verified token). */
  org: string | null;
  /** At the gateway: the subgraph calls made for this request, in the order they ended. */
  subgraphs: SubgraphCallRecord[];
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The caller's request id when it is a sane token, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `serve` with `context` as the current request's. */
export function runInRequest<T>(context: RequestContext, serve: () => T): T {
  return storage.run(context, serve);
}

/** The request being served, or undefined outside any (start-up, timers, health checks). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
