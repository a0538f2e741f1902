// GET /export/incidents at the gateway: the exportIncidents query's file, streamed, for any number of
// incidents (a GraphQL answer through @apollo/gateway is built whole, it cannot stream). The bearer
// token is checked as /graphql checks it; the request goes on to the situations subgraph with the
// identity the gateway signs for it, and its answer is piped back as it arrives, never held whole.
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import { request } from 'undici';
import { EXPORT_INCIDENTS_OPERATION, EXPORT_INCIDENTS_PATH, exportParameters } from '../platform/downloads';
import { isAuthenticated, type Viewer } from '../platform/identity';
import { INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../platform/internal-token';
import { refuse } from '../platform/http/status';
import { logger } from '../platform/logger';
import { currentRequest, REQUEST_ID_HEADER } from '../platform/request-context';
import type { SubgraphTokenCache } from './subgraph-tokens';

const SUBGRAPH = 'situations';

/** The subgraph's headers that go on to the client: what the file is and how to keep it, nothing of the service. */
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'x-content-type-options'];

/** The longest a subgraph's refusal may be: it is read whole, to pass its message on. */
const MAX_REFUSAL_BYTES = 16 * 1024;

export interface ExportDownloadOptions {
  /** The situations subgraph's /graphql URL (the supergraph's, or SUBGRAPH_URL_SITUATIONS). */
  situationsUrl: string;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  tokens: SubgraphTokenCache;
  /** How long the subgraph may take to start its answer (SUBGRAPH_TIMEOUT_MS); the file itself may take longer. */
  timeoutMs: number;
}

function unavailable(res: Response): void {
  refuse(
    res,
    503,
    'SERVICE_UNAVAILABLE',
    'The situations service, which holds the incidents, is unavailable: the export could not start. Retry shortly.',
    {
      'retry-after': '1',
    },
  );
}

/** A subgraph's refusal of the caller's input, as the subgraph phrased it; null when it is not one. */
function callerRefusal(body: string): string | null {
  try {
    const error = (JSON.parse(body) as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] }).errors?.[0];
    return error?.extensions?.code === 'BAD_USER_INPUT' && typeof error.message === 'string' ? error.message : null;
  } catch {
    return null;
  }
}

async function readRefusal(body: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length > MAX_REFUSAL_BYTES) break;
  }
  return text;
}

export function incidentExportDownload(options: ExportDownloadOptions): RequestHandler {
  const target = options.situationsUrl.replace(/\/graphql\/?$/, '') + EXPORT_INCIDENTS_PATH;
  return async (req: Request, res: Response) => {
    const line = currentRequest();
    let viewer: Viewer;
    try {
      viewer = await options.authenticate(req.header('authorization'));
    } catch (error) {
      return refuse(res, 401, 'UNAUTHENTICATED', (error as Error).message);
    }
    if (line) {
      line.org = viewer.org;
      line.operation = EXPORT_INCIDENTS_OPERATION;
    }
    if (!isAuthenticated(viewer))
      return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to export your organisation\'s incidents: send "Authorization: Bearer <token>"');
    const parameters = exportParameters(req.query as Record<string, unknown>);
    if (typeof parameters === 'string') return refuse(res, 400, 'BAD_USER_INPUT', parameters);

    const query = new URLSearchParams({ format: parameters.format });
    if (parameters.filter !== undefined) query.set('filter', JSON.stringify(parameters.filter));
    // The client going away ends the subgraph's request too, and so its reading of pages.
    const client = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) client.abort();
    });
    const started = Date.now();
    const called = (status: number) => line?.subgraphs.push({ subgraph: SUBGRAPH, durationMs: Date.now() - started, status });
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      const tokens = await options.tokens.tokensFor({ viewer, operationName: EXPORT_INCIDENTS_OPERATION }, SUBGRAPH);
      answer = await request(`${target}?${query}`, {
        method: 'GET',
        headers: {
          [INTERNAL_HEADER]: tokens.identity,
          [PEER_TOKENS_HEADER]: tokens.peers,
          ...(line ? { [REQUEST_ID_HEADER]: line.requestId } : {}),
        },
        signal: client.signal,
        headersTimeout: options.timeoutMs,
        // A client that reads slowly holds the subgraph back (backpressure), which is no fault of it.
        bodyTimeout: 0,
      });
    } catch (error) {
      called(0);
      if (client.signal.aborted) return;
      logger.warn('the incident export could not reach the situations service', { error });
      return unavailable(res);
    }
    called(answer.statusCode);

    if (answer.statusCode !== 200) {
      const body = await readRefusal(answer.body).catch(() => '');
      const message = answer.statusCode === 400 ? callerRefusal(body) : null;
      if (message !== null) return refuse(res, 400, 'BAD_USER_INPUT', message);
      // A refused gateway credential or a fault of the service: the operator's to fix, not the caller's.
      logger.error('the situations service refused the incident export', { status: answer.statusCode, body: body.slice(0, 500) });
      return unavailable(res);
    }
    res.status(200);
    for (const name of PASSED_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    try {
      await pipeline(answer.body, res);
    } catch (error) {
      if (client.signal.aborted) return;
      // The subgraph cut the file short (it does so on a failure after the first byte): cut ours too,
      // so the client sees an incomplete transfer rather than a file that looks whole.
      logger.error('the incident export was cut short by the situations service', { error });
      res.destroy();
    }
  };
}
