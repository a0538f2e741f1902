// Attaches the gateway's word for who is asking to every subgraph request: short-lived tokens it
// signs with its private key (gateway/subgraph-tokens.ts). Whatever the client sent in its own
// headers is not forwarded.
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS } from '../platform/identity';
import { INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../platform/internal-token';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './subgraph-data-source';
import type { SubgraphTokenCache } from './subgraph-tokens';

export class VouchingDataSource extends SubgraphDataSource {
  constructor(
    name: string,
    url: string,
    timeoutMs: number,
    private readonly tokens: SubgraphTokenCache,
  ) {
    super(name, url, timeoutMs);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    // Health checks and schema loading carry no client context: they go as an anonymous reader.
    const context = options.context as Partial<GatewayContext>;
    const tokens = await this.tokens.tokensFor({ viewer: context.viewer ?? ANONYMOUS, operationName: context.operationName ?? null }, this.name);
    options.request.http?.headers.set(INTERNAL_HEADER, tokens.identity);
    options.request.http?.headers.set(PEER_TOKENS_HEADER, tokens.peers);
  }
}
