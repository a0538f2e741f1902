// How the gateway calls a subgraph: at the URL configured for it, over keep-alive connections
// (undici's request API: lighter than fetch, whose WHATWG streams and Response objects cost more
// than the call itself), within a time limit of its own (@apollo/gateway's fetch would wait forever
// on a hung subgraph), retrying a query (never a mutation) once when the connection fails, retrying
// any operation while the connection is refused for a short window (a subgraph restarting), and
// turning every failure into an error that names the subgraph (extensions.code SUBGRAPH_ERROR and
// serviceName), so the rest of the answer stands. Identical queries in flight at once (same
// subgraph, same headers, so the same viewer's token, same body) are sent once and the answer
// shared; mutations and requests of different viewers never are.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { GraphQLError } from 'graphql';
import { callerError, PASSED_ON_CODES, subgraphError } from '../platform/errors';
import { logger } from '../platform/logger';
import { STOPPING_HEADER } from '../platform/http/service';
import { metricsOf } from '../platform/metrics';
import { currentRequest, REQUEST_ID_HEADER } from '../platform/request-context';

/**
 * One subgraph call as seen by the fetcher: the deadline shared by its attempts, whether it may be
 * sent twice, and how long it keeps trying while the connection is refused.
 */
interface SubgraphCall {
  signal: AbortSignal;
  retryable: boolean;
  restartWaitMs: number;
  /** The HTTP status of the answer received, for the request line and the failure count. */
  status?: number;
}

// The fetcher is shared by every call to a subgraph, concurrent ones included; each call's own
// deadline and retry permission reach it through the async context of process().
const currentCall = new AsyncLocalStorage<SubgraphCall>();

// Failures that happen before the subgraph could have acted on the request, or that a fresh
// connection may cure (a keep-alive connection the subgraph closed as it restarted).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  const pending: unknown[] = [error];
  for (let hops = 0; pending.length > 0 && hops < 10; hops++) {
    const current = pending.shift() as { code?: unknown; cause?: unknown; errors?: unknown } | undefined;
    if (!current || typeof current !== 'object') continue;
    if (typeof current.code === 'string' && codes.has(current.code)) return true;
    // Happy eyeballs tries every address of "localhost" and reports them together.
    if (Array.isArray(current.errors)) pending.push(...current.errors);
    if (current.cause) pending.push(current.cause);
  }
  return false;
}

export function connectionFailed(error: unknown): boolean {
  return hasCode(error, CONNECTION_CODES);
}

const REFUSED = new Set(['ECONNREFUSED']);

/** Nothing listens on the port (yet): the request was never sent, so any operation may be sent again. */
export function connectionRefused(error: unknown): boolean {
  return hasCode(error, REFUSED);
}

/** Whether the operation the gateway sends is a query; anything else (a mutation) is never sent twice. */
function isQuery(operation: string | undefined): boolean {
  if (!operation) return false;
  const start = operation.replace(/^(?:\s|#[^\n]*\n?)*/, '');
  return start.startsWith('{') || /^query\b/.test(start);
}

// Long enough for a restarting subgraph's listener to come back or a load balancer to pick another
// instance, short against any subgraph timeout.
const RETRY_DELAY_MS = 100;

/** SUBGRAPH_RESTART_WAIT_MS's default: how long a refused connection is retried, time to start a subgraph process. */
export const DEFAULT_RESTART_WAIT_MS = 5000;
// Backoff between attempts while the connection is refused: soon at first (a listener closed just
// now may be back at once), then no more than twice a second.
const REFUSED_FIRST_DELAY_MS = 50;
const REFUSED_MAX_DELAY_MS = 500;

/** A subgraph's answer, read whole: each caller sharing it gets its own response (and parses it itself). */
interface Answer {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The response RemoteGraphQLDataSource reads: status, headers and a body already received. */
class AnswerResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: FetcherHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    private readonly answer: Answer,
  ) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    this.headers = headers;
  }

  get status(): number {
    return this.answer.status;
  }

  get statusText(): string {
    return this.answer.statusText;
  }

  get ok(): boolean {
    return this.answer.status >= 200 && this.answer.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.answer.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new AnswerResponse(this.url, this.answer);
  }
}

// The connections to every subgraph, kept alive between calls (as long as the subgraph's keep-alive
// allows: undici follows its Keep-Alive header). Idle connections do not hold the process open.
const connections = new Agent();

/** Rejects as soon as `signal` aborts, else settles as `promise` does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function subgraphFetcher(timeoutMs: number, restartWaitMs = DEFAULT_RESTART_WAIT_MS): Fetcher {
  // Since when this subgraph has refused every connection, shared by all its calls: the window is
  // the outage's, not each call's, so a subgraph that stays down costs each call the rest of the
  // window at most, and nothing once it has passed (until the subgraph answers again).
  let refusingSince: number | undefined;
  // Queries being sent, by everything the subgraph would see of them (URL, headers, body): only a
  // byte-identical request, so one carrying the same viewer's token for the same operation, waits
  // for another's answer rather than being sent again.
  const inFlight = new Map<string, { answer: Promise<Answer>; signal: AbortSignal | undefined }>();

  /** One call's attempts, with its retries, until an answer or a failure. */
  const send = async (
    url: string,
    init: FetcherRequestInit | undefined,
    call: SubgraphCall | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Answer> => {
    const waitMs = call?.restartWaitMs ?? restartWaitMs;
    let refusedDelay = REFUSED_FIRST_DELAY_MS;
    let retriedOnce = false;
    /** Waits before the next attempt while the subgraph's restart window lasts; false once it has passed. */
    const waitForRestart = async (): Promise<boolean> => {
      refusingSince ??= Date.now();
      if (Date.now() - refusingSince + refusedDelay > waitMs) return false;
      await sleep(refusedDelay, undefined, { signal });
      refusedDelay = Math.min(refusedDelay * 2, REFUSED_MAX_DELAY_MS);
      return true;
    };
    for (;;) {
      try {
        const response = await request(url, {
          dispatcher: connections,
          method: (init?.method ?? 'GET') as 'POST',
          headers: init?.headers,
          body: init?.body,
          signal,
        });
        const answer = async (): Promise<Answer> => ({
          status: response.statusCode,
          statusText: response.statusText,
          headers: response.headers,
          body: await response.body.text(),
        });
        // A subgraph that is stopping refused the request unread: as good as a refused connection.
        if (response.statusCode === 503 && response.headers[STOPPING_HEADER] && waitMs > 0) {
          if (!(await waitForRestart())) return await answer();
          await response.body.dump();
          continue;
        }
        refusingSince = undefined;
        return await answer();
      } catch (error) {
        if (signal?.aborted) throw error;
        const refused = connectionRefused(error);
        if (!refused) refusingSince = undefined;
        if (refused && waitMs > 0) {
          // A restarting subgraph: try again until it listens, the window passes or the deadline does.
          if (await waitForRestart()) continue;
          // The window has passed: the subgraph is down rather than restarting.
          throw error;
        }
        if (!call?.retryable || retriedOnce || !connectionFailed(error)) throw error;
        retriedOnce = true;
        await sleep(RETRY_DELAY_MS, undefined, { signal });
      }
    }
  };

  return (async (url: string, given?: FetcherRequestInit) => {
    const call = currentCall.getStore();
    // The subgraph logs its line under the request's id (platform/request-context.ts).
    const requestId = currentRequest()?.requestId;
    const init = requestId ? { ...given, headers: { ...(given?.headers as Record<string, string>), [REQUEST_ID_HEADER]: requestId } } : given;
    const response = await answerOf(url, init, call);
    if (call) call.status = response.status;
    return response;
  }) as unknown as Fetcher;

  async function answerOf(url: string, init: FetcherRequestInit | undefined, call: SubgraphCall | undefined): Promise<AnswerResponse> {
    const signal = call?.signal ?? (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
    // Only a query may be merged (call.retryable says so): a mutation runs once per request.
    if (!call?.retryable) return new AnswerResponse(url, await send(url, init, call, signal));
    // The request id is left out: a merged call reaches the subgraph under the first request's id.
    const { [REQUEST_ID_HEADER]: _requestId, ...headers } = (init?.headers ?? {}) as Record<string, string>;
    const key = JSON.stringify([url, init?.method, headers, typeof init?.body === 'string' ? init.body : init?.body?.toString('base64')]);
    const sent = inFlight.get(key);
    if (sent) {
      try {
        return new AnswerResponse(url, await untilAborted(sent.answer, signal));
      } catch (error) {
        // The first caller's deadline passed before this one's: this one tries on its own time.
        if (!sent.signal?.aborted || signal?.aborted) throw error;
        return new AnswerResponse(url, await send(url, init, call, signal));
      }
    }
    const answer = send(url, init, call, signal);
    inFlight.set(key, { answer, signal });
    try {
      return new AnswerResponse(url, await answer);
    } finally {
      inFlight.delete(key);
    }
  }
}

export class SubgraphDataSource extends RemoteGraphQLDataSource {
  /** SUBGRAPH_RESTART_WAIT_MS: how long a refused connection is retried, within timeoutMs (0: once more for a query, as any connection failure). */
  restartWaitMs = DEFAULT_RESTART_WAIT_MS;

  constructor(
    readonly name: string,
    url: string,
    readonly timeoutMs: number,
  ) {
    super({ url, fetcher: subgraphFetcher(timeoutMs) });
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const call: SubgraphCall = {
      signal: this.timeoutMs > 0 ? AbortSignal.timeout(this.timeoutMs) : new AbortController().signal,
      retryable: isQuery(options.request.query),
      restartWaitMs: this.restartWaitMs,
    };
    const started = performance.now();
    let failed: unknown;
    try {
      return await currentCall.run(call, () => super.process(options));
    } catch (error) {
      failed = error;
      throw this.failure(error, call.signal);
    } finally {
      this.observe(call, performance.now() - started, failed);
    }
  }

  /** The call's duration and status in the request line and the gateway's metrics, and why it failed if it did. */
  private observe(call: SubgraphCall, ms: number, failed: unknown): void {
    const metrics = metricsOf('gateway');
    metrics.subgraphDuration.observe({ subgraph: this.name }, ms / 1000);
    currentRequest()?.subgraphs.push({ subgraph: this.name, durationMs: Math.round(ms * 10) / 10, status: call.status ?? 0 });
    if (failed === undefined) return;
    const answered = call.status !== undefined && (call.status < 200 || call.status >= 300);
    const reason = call.signal.aborted ? 'timeout' : answered ? 'http_error' : connectionFailed(failed) ? 'unreachable' : 'bad_response';
    metrics.subgraphFailures.inc({ subgraph: this.name, reason });
  }

  /** Every way a call can fail, as one error that names this subgraph and reveals nothing of it. */
  private failure(error: unknown, signal: AbortSignal): GraphQLError {
    if (error instanceof GraphQLError && error.extensions.serviceName === this.name) return error;
    if (signal.aborted) return subgraphError(`Subgraph ${this.name} did not answer within ${this.timeoutMs} ms`, this.name);
    if (connectionFailed(error)) return subgraphError(`Subgraph ${this.name} could not be reached`, this.name);
    logger.warn('subgraph call failed', { subgraph: this.name, error });
    return subgraphError(`Subgraph ${this.name} sent an answer the gateway could not read`, this.name);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response.json().catch(() => undefined)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;
      const first = body?.errors?.[0];
      const code = first?.extensions?.code;
      // A subgraph's 400 that is the caller's to fix (a literal the subgraph's scalar rejects, say)
      // reaches the client as the subgraph phrased it, not as a 500.
      if (first?.message && code && PASSED_ON_CODES.has(code)) {
        return callerError(first.message, code === 'GRAPHQL_PARSE_FAILED' ? code : 'BAD_USER_INPUT', this.name);
      }
    }
    const why = response.status === 503 ? 'is unavailable' : 'could not answer';
    return subgraphError(`Subgraph ${this.name} ${why} (HTTP ${response.status})`, this.name);
  }

  /**
   * A subgraph's unexpected errors arrive as INTERNAL_SERVER_ERROR (or, from a partner's own
   * server, with no code): the gateway would mask them without saying where they came from. Say
   * which subgraph failed, and drop whatever the subgraph said, which may be internal detail.
   */
  override didReceiveResponse({ response }: { response: GatewayGraphQLResponse }): GatewayGraphQLResponse {
    if (!response.errors) return response;
    response.errors = response.errors.map((error) => {
      const code = error.extensions?.code;
      if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return error;
      return {
        ...error,
        message: `Subgraph ${this.name} could not resolve this part of the query`,
        extensions: { ...error.extensions, code: 'SUBGRAPH_ERROR' },
      };
    });
    return response;
  }
}
