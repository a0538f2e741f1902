// Asks another subgraph a question on behalf of the current viewer, for the few filters that
// need another subgraph's data (situations "in the member states of a partner on a date"). The
// request carries the same vouched identity the gateway gave us, so the peer applies the same
// policy: a subgraph never reads another's tables, and never sees more than the viewer may.
import type { SubgraphContext } from './context';
import { INTERNAL_HEADER, signInternalToken } from './internal-token';
import { logger } from './logger';
import { GraphQLError } from 'graphql';

export const PEER_NAMES = ['situations', 'partners', 'training', 'alerts'] as const;
export type PeerName = (typeof PEER_NAMES)[number];
export const DEFAULT_PEER_URLS: Record<PeerName, string> = {
  situations: 'http://127.0.0.1:4001/graphql',
  partners: 'http://127.0.0.1:4002/graphql',
  training: 'http://127.0.0.1:4003/graphql',
  alerts: 'http://127.0.0.1:4004/graphql',
};

export interface PeerAccess {
  urls: Partial<Record<PeerName, string>>;
  internalSecret: string;
  timeoutMs: number;
}

export async function askPeer<T>(ctx: SubgraphContext, peer: PeerName, query: string, variables: Record<string, unknown>): Promise<T> {
  const url = ctx.peers.urls[peer] ?? DEFAULT_PEER_URLS[peer];
  const token = await signInternalToken(ctx.peers.internalSecret, { viewer: ctx.viewer, operationName: ctx.operationName });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(ctx.peers.timeoutMs),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      if (first?.extensions?.code === 'BAD_USER_INPUT') throw new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
      throw new Error(`peer ${peer} answered ${response.status}: ${first?.message ?? 'no data'}`);
    }
    return body.data;
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    logger.error('peer subgraph call failed', { peer, error });
    throw new GraphQLError(`The ${peer} subgraph could not be reached to answer this request`, { extensions: { code: 'SUBGRAPH_ERROR', serviceName: peer } });
  }
}
