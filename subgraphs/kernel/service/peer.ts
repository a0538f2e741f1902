// Asks another subgraph a question on behalf of the current viewer, for the few filters that
// need another subgraph's data (situations "in the member states of a partner on a date"). The
// request carries a token the gateway signed for that peer with the same viewer (a subgraph
// cannot sign one itself), so the peer applies the same policy: a subgraph never reads
// another's tables, and never sees more than the viewer may.
import type { SubgraphContext } from './context';
import { INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../../../platform/internal-token';
import { logger } from '../../../platform/logger';
import { GraphQLError } from 'graphql';

export const PEER_NAMES = ['situations', 'partners', 'training', 'alerts'] as const;
export type PeerName = (typeof PEER_NAMES)[number];
export const DEFAULT_PEER_URLS: Record<PeerName, string> = {
  situations: 'http://127.0.0.1:4001/graphql',
  partners: 'http://127.0.0.1:4002/graphql',
  training: 'http://127.0.0.1:4003/graphql',
  alerts: 'http://127.0.0.1:4004/graphql',
};

/**
 * Which subgraph asks which: situations asks partners for member states and sharing defaults and
 * tells alerts when a cited situation's readership changed; alerts asks situations for the
 * situations it cites; training asks partners for sharing defaults. The gateway hands a subgraph
 * tokens only for the peers reachable from it here, so partners can call nobody.
 */
export const PEER_CALLS: Record<PeerName, readonly PeerName[]> = {
  situations: ['partners', 'alerts'],
  partners: [],
  training: ['partners'],
  alerts: ['situations'],
};

/** Every peer a request entering `subgraph` may end up calling, through peers' own calls too. */
export function reachablePeers(subgraph: string): PeerName[] {
  const reached = new Set<PeerName>();
  const pending = [...(PEER_CALLS[subgraph as PeerName] ?? [])];
  while (pending.length > 0) {
    const peer = pending.pop()!;
    if (reached.has(peer)) continue;
    reached.add(peer);
    pending.push(...PEER_CALLS[peer]);
  }
  return PEER_NAMES.filter((peer) => reached.has(peer));
}

/** The peer tokens header as the gateway writes it: peer name → token, peers not named dropped. */
export function parsePeerTokens(header: string | undefined): Partial<Record<PeerName, string>> {
  if (!header || header.length > 16_384) return {};
  try {
    const parsed = JSON.parse(header) as Record<string, unknown>;
    return Object.fromEntries(PEER_NAMES.filter((peer) => typeof parsed[peer] === 'string').map((peer) => [peer, parsed[peer] as string]));
  } catch {
    return {};
  }
}

export interface PeerAccess {
  urls: Partial<Record<PeerName, string>>;
  /** Tokens the gateway signed for this request, one per peer this subgraph may reach. */
  tokens: Partial<Record<PeerName, string>>;
  timeoutMs: number;
}

export async function askPeer<T>(ctx: SubgraphContext, peer: PeerName, query: string, variables: Record<string, unknown>): Promise<T> {
  const url = ctx.peers.urls[peer] ?? DEFAULT_PEER_URLS[peer];
  const token = ctx.peers.tokens[peer];
  if (!token) {
    logger.error('no gateway token for a peer call', { from: ctx.subgraph, peer });
    throw new GraphQLError(`The ${peer} subgraph could not be reached to answer this request`, { extensions: { code: 'SUBGRAPH_ERROR', serviceName: peer } });
  }
  // The peer gets the tokens for its own onward calls, and only those (alerts asks situations back).
  const onward = Object.fromEntries(reachablePeers(peer).filter((next) => ctx.peers.tokens[next]).map((next) => [next, ctx.peers.tokens[next]]));
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token, [PEER_TOKENS_HEADER]: JSON.stringify(onward) },
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
