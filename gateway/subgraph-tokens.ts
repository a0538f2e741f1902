// The tokens the gateway sends with a subgraph request: one addressed to that subgraph, and one
// for each peer the subgraph may call on the viewer's behalf (the manifest's `calls`, platform/peers.ts). Cached
// per viewer, operation and subgraph for part of their life (the least recently used go first when
// the cache is full), so a busy gateway signs rarely.
import { INTERNAL_TOKEN_LIFETIME_SECONDS, type InternalSigner, type VouchedRequest } from '../platform/internal-token';
import { reachablePeers } from '../platform/peers';

export interface SubgraphTokens {
  /** For the x-hub-identity header: addressed to the subgraph called. */
  identity: string;
  /** For the x-hub-peer-identities header: peer name → token addressed to that peer. */
  peers: string;
}

/** A cached token is handed out only while it has this long to live: the longest a request and its peer calls take. */
const REUSE_MARGIN_SECONDS = 30;
/** Viewers × operations × subgraphs kept; the least recently used goes first when full. */
const MAX_CACHED = 10_000;

export class SubgraphTokenCache {
  private readonly cache = new Map<string, { expires: number; tokens: Promise<SubgraphTokens> }>();

  constructor(
    private signer: InternalSigner,
    private readonly lifetimeSeconds = INTERNAL_TOKEN_LIFETIME_SECONDS,
  ) {}

  /** Signs with `signer` from now on (a key rotation without restart, in tests); cached tokens are dropped. */
  useSigner(signer: InternalSigner): void {
    this.signer = signer;
    this.cache.clear();
  }

  tokensFor(request: VouchedRequest, subgraph: string): Promise<SubgraphTokens> {
    const now = Math.floor(Date.now() / 1000);
    const { viewer } = request;
    const key = JSON.stringify([subgraph, viewer.sub, viewer.org, viewer.roles, request.operationName]);
    const cached = this.cache.get(key);
    this.cache.delete(key);
    if (cached && cached.expires - now >= REUSE_MARGIN_SECONDS) {
      // Moved to the back of the map's order: the front is the least recently used.
      this.cache.set(key, cached);
      return cached.tokens;
    }
    const tokens = this.sign(request, subgraph, now);
    // A failed signature is not kept: the next request tries again.
    tokens.catch(() => this.cache.delete(key));
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { expires: now + this.lifetimeSeconds, tokens });
    return tokens;
  }

  private async sign(request: VouchedRequest, subgraph: string, now: number): Promise<SubgraphTokens> {
    const signer = this.signer;
    const peers = reachablePeers(subgraph);
    const [identity, ...peerTokens] = await Promise.all(
      [subgraph, ...peers].map((audience) => signer.sign(request, audience, now, this.lifetimeSeconds)),
    );
    return { identity, peers: JSON.stringify(Object.fromEntries(peers.map((peer, i) => [peer, peerTokens[i]]))) };
  }
}
