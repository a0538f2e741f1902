// The smallest Hive Gateway plugin that lets Hive Gateway (@graphql-hive/gateway) serve our
// supergraph in place of our gateway: it verifies the client's bearer token as our gateway does
// (gateway/auth.ts) and attaches to every subgraph request the same two headers our gateway sends
// (gateway/vouching-data-source.ts): the internal token addressed to that subgraph (x-hub-identity)
// and the tokens for the peers it may call (x-hub-peer-identities), signed and cached by
// gateway/subgraph-tokens.ts. Nothing else of our gateway is reproduced: limits on cost and depth,
// error rewording and retries are Hive Gateway's own (README "Serving the supergraph with another router").
import { ANONYMOUS, type Viewer } from '../../platform/identity';
import { INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../../platform/internal-token';
import type { SubgraphTokenCache } from '../subgraph-tokens';

/** What the plugin adds to Hive Gateway's per-request context. */
export interface HubIdentityContext {
  viewer: Viewer;
}

export interface HubIdentityOptions {
  /** The viewer of a request from its Authorization header (createAuthenticator in gateway/auth.ts). */
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Signs and caches the tokens per viewer, operation and subgraph; a promise while the key is imported. */
  tokens: SubgraphTokenCache | Promise<SubgraphTokenCache>;
}

/**
 * The part of Hive Gateway's plugin API (GatewayPlugin, README "Serving the supergraph with another
 * router") this plugin uses, written out here: importing Hive's own types would bring the DOM's
 * fetch types into the whole program.
 */
export interface HubIdentityPlugin {
  onContextBuilding(payload: {
    context: { request: { headers: { get(name: string): string | null } } };
    extendContext(extension: HubIdentityContext): void;
  }): Promise<void>;
  onFetch(payload: {
    executionRequest?: { subgraphName?: string; context?: unknown; info?: { operation: { name?: { value: string } } } };
    options: { headers?: Record<string, string> };
    setOptions(options: { headers?: Record<string, string> }): void;
  }): Promise<void>;
}

export function useHubIdentity(options: HubIdentityOptions): HubIdentityPlugin {
  return {
    // A token that is present but invalid refuses the request (UNAUTHENTICATED), as at our gateway;
    // no token is an anonymous reader.
    async onContextBuilding({ context, extendContext }) {
      const viewer = await options.authenticate(context.request.headers.get('authorization') ?? undefined);
      extendContext({ viewer });
    },
    // Every HTTP request Hive Gateway sends a subgraph. Whatever the client sent in its own headers
    // is not forwarded (Hive Gateway forwards no client header unless told to).
    async onFetch({ executionRequest, options: init, setOptions }) {
      const subgraph = executionRequest?.subgraphName;
      if (!subgraph) return;
      const context = executionRequest.context as Partial<HubIdentityContext> | undefined;
      // The client's operation, named from its document as our gateway names it for the audit trail.
      const operationName = executionRequest.info?.operation.name?.value ?? null;
      const tokens = await (await options.tokens).tokensFor({ viewer: context?.viewer ?? ANONYMOUS, operationName }, subgraph);
      setOptions({ ...init, headers: { ...init.headers, [INTERNAL_HEADER]: tokens.identity, [PEER_TOKENS_HEADER]: tokens.peers } });
    },
  };
}
