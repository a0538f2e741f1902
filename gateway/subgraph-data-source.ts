// How the gateway calls a subgraph: at the URL configured for it (or the one in the supergraph),
// with a timeout, since @apollo/gateway's own fetch waits forever on a hung subgraph.
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';

export function timeoutFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) =>
    fetch(url, { ...init, signal: timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined })) as unknown as Fetcher;
}

// Codes a subgraph answers with HTTP 400 that are the caller's to fix (a literal the subgraph's
// scalar rejects, say): they reach the client as the subgraph phrased them, not as a 500.
const CALLER_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly name: string,
    url: string,
    timeoutMs: number,
  ) {
    super({ url, fetcher: timeoutFetcher(timeoutMs) });
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response.json().catch(() => undefined)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined;
      const first = body?.errors?.[0];
      const code = first?.extensions?.code;
      if (first?.message && code && CALLER_CODES.has(code)) {
        return new GraphQLError(first.message, { extensions: { code: code === 'GRAPHQL_VALIDATION_FAILED' ? 'BAD_USER_INPUT' : code, serviceName: this.name } });
      }
    }
    return new GraphQLError(`Subgraph ${this.name} could not answer (HTTP ${response.status})`, {
      extensions: { code: 'SUBGRAPH_ERROR', serviceName: this.name },
    });
  }
}
