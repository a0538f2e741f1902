// The hub's subgraphs as services: their names, default URLs, which may call which on a viewer's
// behalf, and the header in which the gateway hands a subgraph the tokens for those calls. The
// gateway reads it to sign peer tokens; the subgraphs read it to make the calls (subgraphs/kernel/service/peer.ts).
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
