// Asks another subgraph a question on behalf of the current viewer, for the few filters that
// need another subgraph's data (situations "in the member states of a partner on a date"). The
// request carries a token the gateway signed for that peer with the same viewer (a subgraph
// cannot sign one itself), so the peer applies the same policy: a subgraph never reads
// another's tables, and never sees more than the viewer may.
import { INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../../../platform/internal-token';
import { defaultPeerUrl } from '../../../platform/manifest';
import { reachablePeers, type PeerName } from '../../../platform/peers';
import { logger } from '../../../platform/logger';
import { currentRequest, REQUEST_ID_HEADER } from '../../../platform/request-context';
import { GraphQLError } from 'graphql';
import { badInput, subgraphError } from '../../../platform/errors';

export interface PeerAccess {
  urls: Partial<Record<PeerName, string>>;
  /** Tokens the gateway signed for this request, one per peer this subgraph may reach. */
  tokens: Partial<Record<PeerName, string>>;
  timeoutMs: number;
}

/** What a peer call needs of the request: which subgraph asks, and the peers' URLs and tokens. */
export interface PeerCaller {
  subgraph: string;
  peers: PeerAccess;
}

export async function askPeer<T>(ctx: PeerCaller, peer: PeerName, query: string, variables: Record<string, unknown>): Promise<T> {
  const url = ctx.peers.urls[peer] ?? defaultPeerUrl(peer);
  const token = ctx.peers.tokens[peer];
  if (!token) {
    logger.error('no gateway token for a peer call', { from: ctx.subgraph, peer });
    throw subgraphError(`The ${peer} subgraph could not be reached to answer this request`, peer);
  }
  // The peer gets the tokens for its own onward calls, and only those (alerts asks situations back).
  const onward = Object.fromEntries(
    reachablePeers(peer)
      .filter((next) => ctx.peers.tokens[next])
      .map((next) => [next, ctx.peers.tokens[next]]),
  );
  // The peer logs its line under the request's id, as the gateway's own calls do.
  const requestId = currentRequest()?.requestId;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_HEADER]: token,
        [PEER_TOKENS_HEADER]: JSON.stringify(onward),
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(ctx.peers.timeoutMs),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      if (first?.extensions?.code === 'BAD_USER_INPUT') throw badInput(first.message);
      throw new Error(`peer ${peer} answered ${response.status}: ${first?.message ?? 'no data'}`);
    }
    return body.data;
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    logger.error('peer subgraph call failed', { peer, error });
    throw subgraphError(`The ${peer} subgraph could not be reached to answer this request`, peer);
  }
}
