// Express ↔ Apollo, as @as-integrations/express5 does, but it leaves alone a request already
// answered (timed out), and sends a complete answer with the status fix-up of status.ts. Kept
// hand-written because the package offers neither.
import type { Request, Response } from 'express';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { clientFaultStatus } from './status';

export type ContextFactory<TContext> = (args: { req: Request; res: Response }) => Promise<TContext>;

export function graphqlHandler<TContext extends BaseContext>(apollo: ApolloServer<TContext>, context: ContextFactory<TContext>) {
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
