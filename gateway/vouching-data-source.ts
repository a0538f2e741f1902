// Attaches the gateway's word for who is asking to every subgraph request: a short-lived token
// signed with HUB_INTERNAL_SECRET. Whatever the client sent in its own headers is not forwarded.
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS } from '../subgraphs/kernel/identity';
import { INTERNAL_HEADER, signInternalToken } from '../subgraphs/kernel/internal-token';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './subgraph-data-source';

export class VouchingDataSource extends SubgraphDataSource {
  constructor(
    name: string,
    url: string,
    timeoutMs: number,
    private readonly internalSecret: string,
  ) {
    super(name, url, timeoutMs);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    // Health checks and schema loading carry no client context: they go as an anonymous reader.
    const context = options.context as Partial<GatewayContext>;
    const token = await signInternalToken(this.internalSecret, { viewer: context.viewer ?? ANONYMOUS, operationName: context.operationName ?? null });
    options.request.http?.headers.set(INTERNAL_HEADER, token);
  }
}
