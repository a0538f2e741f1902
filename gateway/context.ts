// The gateway's per-request context: the authenticated viewer and the client's operation name.
import type { Request } from 'express';
import type { Viewer } from '../subgraphs/kernel/identity';

export interface GatewayContext {
  viewer: Viewer;
  operationName: string | null;
}

export async function gatewayContext(req: Request, authenticate: (authorization: string | undefined) => Promise<Viewer>): Promise<GatewayContext> {
  const viewer = await authenticate(req.header('authorization'));
  const operationName = typeof req.body?.operationName === 'string' ? req.body.operationName : null;
  return { viewer, operationName };
}
