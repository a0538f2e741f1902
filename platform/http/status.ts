// How the HTTP shell answers what it refuses, and the status fix-up: answers Apollo gives 500 for
// a client's mistake (an operation it cannot pick, a plugin throwing while it parses) become 400,
// so that a monitor counting 5xx sees server faults only.
import type { Request, Response, NextFunction } from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { operationUnresolved, REQUEST_FAULT_CODES } from '../errors';
import { logger } from '../logger';

/** Answers a refused request in the GraphQL error shape, with `code` in its extensions. */
export function refuse(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

// Apollo answers 500 when a plugin throws while it parses (GraphQL Armor's token limit does) or
// when the gateway cannot pick the operation to run; such answers are corrected to 400 here.

/** The status to send for a complete GraphQL answer: 400 instead of 5xx when every error is the client's. */
export function clientFaultStatus(status: number, body: string): number {
  if (status < 500) return status;
  try {
    const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors;
    if (errors && errors.length > 0 && errors.every((e) => REQUEST_FAULT_CODES.has(String(e.extensions?.code)))) return 400;
  } catch {
    // not JSON: leave the status as it is
  }
  return status;
}

// The gateway hands an operation it cannot pick (unknown operationName, several operations and no
// name) to its executor, which throws and so answers 500; a plain schema answers 400. Refuse it first.
export const operationMustResolve: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `Unknown operation named "${request.operationName.slice(0, 100)}"`
          : 'The document holds several operations: name the one to run in "operationName"';
        throw operationUnresolved(message);
      },
    };
  },
};

/**
 * Express error handler: malformed JSON, oversize bodies and unsupported charsets arrive here from
 * express.json; answer them as clients' mistakes without echoing the body or a stack.
 */
export function answerRequestError(
  error: { status?: number; type?: string; message?: string },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
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
}
