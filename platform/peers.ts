// Which subgraph may call which on a viewer's behalf, as the manifest's `calls` say
// (platform/manifest.ts), and the header in which the gateway hands a subgraph the tokens for
// those calls. The gateway reads it to sign peer tokens; the subgraphs read it to make the calls
// (subgraphs/kernel/service/peer.ts). In the hub's own manifest situations asks partners for member
// states and sharing defaults and tells alerts when a cited situation's readership changed; alerts
// asks situations for the situations it cites; training asks partners for sharing defaults; so
// partners can call nobody.
import { peerCalls, subgraphNames } from './manifest';

/** A subgraph's name as a peer: any name the manifest lists. */
export type PeerName = string;

/** Every peer a request entering `subgraph` may end up calling, through peers' own calls too, in the manifest's order. */
export function reachablePeers(subgraph: string): PeerName[] {
  const calls = peerCalls();
  const reached = new Set<PeerName>();
  const pending = [...(calls[subgraph] ?? [])];
  while (pending.length > 0) {
    const peer = pending.pop()!;
    if (reached.has(peer)) continue;
    reached.add(peer);
    pending.push(...(calls[peer] ?? []));
  }
  return subgraphNames().filter((peer) => reached.has(peer));
}

/** The peer tokens header as the gateway writes it: peer name → token, names the manifest does not list dropped. */
export function parsePeerTokens(header: string | undefined): Partial<Record<PeerName, string>> {
  if (!header || header.length > 16_384) return {};
  try {
    const parsed = JSON.parse(header) as Record<string, unknown>;
    return Object.fromEntries(
      subgraphNames()
        .filter((peer) => typeof parsed[peer] === 'string')
        .map((peer) => [peer, parsed[peer] as string]),
    );
  } catch {
    return {};
  }
}
