// The gateway: serves the composed supergraph (schema/supergraph.graphql) over /graphql and
// plans each query across the four subgraphs.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { formatError } from '../subgraphs/kernel/errors';
import { startHttpService, type RunningService } from '../subgraphs/kernel/http-service';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './subgraph-data-source';

export interface RunningGateway extends RunningService {
  subgraphUrls: Record<string, string>;
}

/** Subgraph name → URL, from the supergraph's join__Graph entries and the configured overrides. */
export function subgraphUrlsOf(supergraphSdl: string, overrides: GatewayConfig['subgraphUrls']): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[match[1]] = (overrides as Record<string, string | undefined>)[match[1]] ?? match[2];
  }
  return urls;
}

async function subgraphsReady(urls: Record<string, string>): Promise<boolean> {
  const checks = Object.values(urls).map(async (url) => {
    const response = await fetch(url.replace(/\/graphql\/?$/, '/ready'), { signal: AbortSignal.timeout(2000) });
    return response.ok;
  });
  const results = await Promise.allSettled(checks);
  return results.every((r) => r.status === 'fulfilled' && r.value);
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const urls = subgraphUrlsOf(supergraphSdl, config.subgraphUrls);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, urls[name] ?? url ?? '', config.subgraphTimeoutMs),
  });
  const apollo = new ApolloServer({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    csrfPrevention: true,
    plugins: [config.production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: false })],
  });
  const service = await startHttpService({
    name: 'gateway',
    host: config.host,
    port: config.port,
    apollo,
    bodyLimit: config.bodyLimit,
    context: async () => ({}),
    ready: () => subgraphsReady(urls),
  });
  return { ...service, subgraphUrls: urls };
}
