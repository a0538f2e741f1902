// One log line and one set of metrics per GraphQL request, at the gateway and at each subgraph:
// the request id (x-request-id, echoed on the answer), the operation, the viewer's organisation
// (never the token: at a subgraph it is the one the gateway's verified token names, as the
// context has it), the HTTP status, the duration, the error codes, and at the gateway the
// subgraph calls made. Nothing of the records read or written is logged.
import type { Request, Response, NextFunction } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { logger } from '../logger';
import { metricsOf } from '../metrics';
import { currentRequest, REQUEST_ID_HEADER, requestIdFrom, runInRequest, type RequestContext } from '../request-context';

/** What this module keeps per request beside the shared context: the error codes of the answer. */
interface ObservedRequest extends RequestContext {
  errorCodes: unknown[];
}

const OBSERVED = 'observedRequest';

/**
 * First on /graphql: opens the request's context (its id taken from the caller when sane) and, once
 * the answer is sent or the client has gone, writes the request line and counts the request.
 */
export function observeRequests(service: string) {
  const metrics = metricsOf(service);
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const request: ObservedRequest = {
      requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
      service,
      operation: null,
      org: null,
      subgraphs: [],
      errorCodes: [],
    };
    res.locals[OBSERVED] = request;
    res.setHeader(REQUEST_ID_HEADER, request.requestId);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A client that went away before its answer: logged with the status that would have been sent.
      const aborted = !res.writableFinished;
      metrics.observeRequest(request.operation, res.statusCode, seconds, request.errorCodes);
      logger.info('request', {
        service,
        requestId: request.requestId,
        operation: request.operation,
        org: request.org,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(request.errorCodes.length > 0 ? { errors: request.errorCodes.map((code) => metrics.codeLabel(code)) } : {}),
        ...(request.subgraphs.length > 0 ? { subgraphs: request.subgraphs } : {}),
        ...(aborted ? { aborted: true } : {}),
      });
    });
    runInRequest(request, next);
  };
}

/**
 * Right before the GraphQL handler: enters the request's context again, which the body parser's
 * stream events (emitted in the socket's async context, not the middleware's) left behind.
 */
export function reenterRequest(_req: Request, res: Response, next: NextFunction): void {
  const request = res.locals[OBSERVED] as ObservedRequest | undefined;
  if (!request) return next();
  runInRequest(request, next);
}

/**
 * Fills the request line from Apollo's view of the request: the viewer's organisation and the
 * operation's name from the context (the gateway names it from the document, a subgraph takes the
 * gateway's), and the codes of the errors the answer carries.
 */
export const requestLinePlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart({ contextValue }) {
    const request = currentRequest() as ObservedRequest | undefined;
    if (!request) return;
    const context = contextValue as { viewer?: { org?: string | null }; operationName?: string | null };
    request.org = context.viewer?.org ?? null;
    return {
      async willSendResponse({ response, operationName }) {
        request.operation = context.operationName ?? operationName ?? null;
        if (response.body.kind === 'single') request.errorCodes = (response.body.singleResult.errors ?? []).map((error) => error.extensions?.code);
      },
    };
  },
};
