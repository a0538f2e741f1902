// The gateway's per-request context: the authenticated viewer and the operation's name, which the
// subgraphs' audit records (vouched for with the viewer in each subgraph request).
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import type { Viewer } from '../platform/identity';

export interface GatewayContext {
  viewer: Viewer;
  /** The name of the operation being run, null for an anonymous one; set once it is resolved. */
  operationName: string | null;
}

export async function gatewayContext(req: Request, authenticate: (authorization: string | undefined) => Promise<Viewer>): Promise<GatewayContext> {
  const viewer = await authenticate(req.header('authorization'));
  return { viewer, operationName: null };
}

/**
 * Names the operation from the document, not from the request's `operationName`, which a client
 * may leave out when the document holds one operation: `query GreatLakes { ... }` is audited as
 * GreatLakes either way. Runs before any subgraph is asked.
 */
export function operationNameFromDocument(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.operationName = operation?.name?.value ?? null;
        },
      };
    },
  };
}
