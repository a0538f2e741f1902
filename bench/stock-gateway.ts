// Stock @apollo/gateway for the bench to compare ours with: a plain ApolloGateway and ApolloServer
// (its standalone HTTP server, default options) over the same supergraph file and subgraph URLs,
// calling subgraphs with Node's fetch.
// It does only what the subgraphs require of any gateway: it verifies the caller's bearer JWT
// (HS256 with HUB_JWT_SECRET, issuer and audience) and sends each subgraph the internal tokens
// naming that viewer, signed with HUB_GATEWAY_SIGNING_KEY_FILE (platform/internal-token.ts) and kept
// for half their life per viewer, operation and subgraph. `node dist/bench/stock-gateway.js`.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { jwtVerify } from 'jose';
import { readSigningKey } from '../platform/gateway-keys';
import { ANONYMOUS, type Role, type Viewer } from '../platform/identity';
import {
  createInternalSigner,
  INTERNAL_HEADER,
  INTERNAL_TOKEN_LIFETIME_SECONDS,
  PEER_TOKENS_HEADER,
  type VouchedRequest,
} from '../platform/internal-token';
import { reachablePeers } from '../platform/peers';

interface Context {
  viewer: Viewer;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`stock gateway: set ${name}`);
  return value;
}

async function main(): Promise<void> {
  const secret = new TextEncoder().encode(required('HUB_JWT_SECRET'));
  const issuer = required('HUB_JWT_ISSUER');
  const audience = required('HUB_JWT_AUDIENCE');
  const signer = await createInternalSigner(readSigningKey(required('HUB_GATEWAY_SIGNING_KEY_FILE')));
  const tokens = new Map<string, { expires: number; headers: Promise<Record<string, string>> }>();

  const headersFor = (request: VouchedRequest, subgraph: string): Promise<Record<string, string>> => {
    const now = Math.floor(Date.now() / 1000);
    const key = JSON.stringify([subgraph, request.viewer, request.operationName]);
    const cached = tokens.get(key);
    if (cached && cached.expires > now) return cached.headers;
    const peers = reachablePeers(subgraph);
    const headers = Promise.all([subgraph, ...peers].map((name) => signer.sign(request, name, now))).then(([identity, ...peerTokens]) => ({
      [INTERNAL_HEADER]: identity,
      [PEER_TOKENS_HEADER]: JSON.stringify(Object.fromEntries(peers.map((peer, i) => [peer, peerTokens[i]]))),
    }));
    tokens.set(key, { expires: now + INTERNAL_TOKEN_LIFETIME_SECONDS / 2, headers });
    return headers;
  };

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(required('SUPERGRAPH_PATH'), 'utf8'),
    buildService: ({ name, url }) =>
      new (class extends RemoteGraphQLDataSource<Context> {
        override async willSendRequest(options: GraphQLDataSourceProcessOptions<Context>) {
          if (!('incomingRequestContext' in options)) return;
          const vouched = { viewer: options.context.viewer, operationName: options.incomingRequestContext.request.operationName ?? null };
          for (const [header, value] of Object.entries(await headersFor(vouched, name))) options.request.http!.headers.set(header, value);
        }
        // Node's own fetch: the default agent reuses sockets the subgraph already closed after its 5 s keep-alive.
      })({ url: process.env[`${name.toUpperCase()}_URL`] ?? url, fetcher: fetch as unknown as RemoteGraphQLDataSource['fetcher'] }),
  });
  const server = new ApolloServer<Context>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: Number(required('PORT')) },
    context: async ({ req }) => {
      const authorization = req.headers.authorization;
      if (!authorization) return { viewer: ANONYMOUS };
      const { payload } = await jwtVerify(authorization.replace(/^Bearer /, ''), secret, { issuer, audience, algorithms: ['HS256'] });
      return { viewer: { sub: String(payload.sub), org: String(payload.org), roles: payload.roles as Role[] } };
    },
  });
  process.stderr.write(`stock gateway ready at ${url}\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`stock gateway failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
