// Live updates: while a viewer is signed in, the DashboardAlertEvents subscription over GraphQL over
// SSE at the gateway's /graphql/stream (graphql-sse's client, bundled); every event it delivers, and
// every (re)connection, asks for the alert panels again, coalesced. The status element says which.
import { createClient, NetworkError } from 'graphql-sse';
import { DashboardAlertEventsDocument, type DashboardAlertEventsSubscription } from './generated/graphql';
import { documentText } from './client';

const STREAM_URL = '/graphql/stream';
const QUERY = documentText(DashboardAlertEventsDocument);

/** Waits before reconnecting: the first retry after about a second, doubling up to this. */
const MAX_RETRY_MS = 30_000;
/** A stream up this long before it broke was a good one: the next retry starts from a second again. */
const STABLE_MS = 10_000;

/**
 * What no reconnection can cure: the token (signed out, expired), or the document (not in a
 * PERSISTED_ONLY gateway's list, or no longer valid). Anything else (the alerts service away, a
 * gateway starting or stopping) is retried.
 */
const FINAL_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'COST_ESTIMATED_TOO_EXPENSIVE',
  'OPERATION_RESOLUTION_FAILURE',
]);

type State = 'off' | 'connecting' | 'live' | 'reconnecting';

/** Runs `run` now, or once more after the run in flight: never two at once, and never more than one waiting. */
export function coalesced(run: () => Promise<unknown>): () => void {
  let running = false;
  let pending = false;
  const request = (): void => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    void run()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (!pending) return;
        pending = false;
        request();
      });
  };
  return request;
}

/** Why a stream attempt failed, in the gateway's words where it gave any; `final` when retrying cannot help. */
function failureOf(error: unknown): { reason: string; final: boolean } {
  if (error instanceof NetworkError) {
    const status = (error.response as { status?: number } | undefined)?.status;
    if (status === undefined) return { reason: 'the gateway could not be reached', final: false };
    // 408 and 429 pass; any other 4xx is the request's fault and would be answered the same again.
    return { reason: `the gateway answered HTTP ${status}`, final: status >= 400 && status < 500 && status !== 408 && status !== 429 };
  }
  return { reason: (error as Error | undefined)?.message ?? String(error), final: false };
}

export interface LiveAlerts {
  /** Follows the alert events `token` may read, closing the stream of the previous token; an empty token opens none. */
  follow(token: string): void;
}

/**
 * Follows the alert events of the signed-in viewer: `refresh` (the panels alert events change) runs
 * once per connection and after each event, coalesced, so a burst of events costs at most one fetch
 * in flight and one waiting. No Last-Event-ID is sent on reconnection: the refresh that follows it
 * shows what was missed, where replaying the missed events would only ask for the same refresh again.
 */
export function liveAlerts(status: HTMLOutputElement, refresh: () => Promise<unknown>): LiveAlerts {
  const requestRefresh = coalesced(refresh);
  let events = 0;
  let stopCurrent: (() => void) | undefined;

  const show = (state: State, text: string, reason = '') => {
    status.dataset.state = state;
    status.textContent = text;
    status.title = reason;
  };

  function open(token: string): () => void {
    const client = createClient({ url: STREAM_URL, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    let stopped = false;
    let connectedOnce = false;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let dispose = () => {};

    const attempt = () => {
      show(connectedOnce ? 'reconnecting' : 'connecting', connectedOnce ? 'Reconnecting…' : 'Connecting…', status.title);
      let connectedAt: number | undefined;
      let refused: string | undefined;
      let broken: string | undefined;
      let done = false;
      // graphql-sse ends a subscription it was told to dispose of with complete(), and a refused
      // one with a `next` carrying the errors, then complete(): one ending per attempt, ours or not.
      const end = (failure: { reason: string; final: boolean }) => {
        if (done || stopped) return;
        done = true;
        dispose();
        if (failure.final) return show('off', `Not live: ${failure.reason}`, failure.reason);
        failures = connectedAt !== undefined && Date.now() - connectedAt >= STABLE_MS ? 1 : failures + 1;
        const wait = Math.min(MAX_RETRY_MS, 1000 * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
        show('reconnecting', 'Reconnecting…', failure.reason);
        retry = setTimeout(attempt, wait);
      };
      dispose = client.subscribe<DashboardAlertEventsSubscription>(
        { query: QUERY, operationName: 'DashboardAlertEvents' },
        {
          next: (result) => {
            if (stopped || done) return;
            const error = result.errors?.[0];
            if (error) {
              const code = (error.extensions as { code?: unknown } | undefined)?.code;
              if (typeof code === 'string' && FINAL_CODES.has(code)) refused = error.message;
              else broken = error.message;
              return;
            }
            status.dataset.events = String(++events);
            requestRefresh();
          },
          error: (error) => end(failureOf(error)),
          complete: () => end(refused !== undefined ? { reason: refused, final: true } : { reason: broken ?? 'the stream ended', final: false }),
        },
        {
          // The gateway answers once the alerts service has started the stream (or with its refusal):
          // from here on no event is missed, so a refresh now shows anything from before.
          connected: () => {
            if (stopped || done) return;
            connectedAt = Date.now();
            connectedOnce = true;
            show('live', 'Live');
            requestRefresh();
          },
        },
      );
    };

    attempt();
    return () => {
      stopped = true;
      clearTimeout(retry);
      dispose();
      client.dispose();
    };
  }

  return {
    follow(token) {
      stopCurrent?.();
      stopCurrent = undefined;
      if (token === '') return show('off', 'Not live: sign in to follow alert events');
      stopCurrent = open(token);
    },
  };
}
