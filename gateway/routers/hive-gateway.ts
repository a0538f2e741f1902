// Hive Gateway's configuration for our supergraph, from our gateway's own settings (gateway/config.ts):
// the checked-in supergraph, each subgraph's URL as our gateway would call it (SITUATIONS_URL and the
// others override the supergraph's), and the identity plugin (./hive-identity.ts) with our gateway's
// signing key and client-token settings. ./hive-gateway.config.ts hands it to the hive-gateway CLI;
// test/integration/hive-gateway.test.ts runs it in process.
import { readFileSync } from 'node:fs';
import { createInternalSigner } from '../../platform/internal-token';
import { createAuthenticator } from '../auth';
import type { GatewayConfig } from '../config';
import { loadGatewayKeys, subgraphUrlsOf } from '../server';
import { SubgraphTokenCache } from '../subgraph-tokens';
import { useHubIdentity, type HubIdentityPlugin } from './hive-identity';

export type HiveGatewaySettings = Pick<GatewayConfig, 'supergraphPath' | 'subgraphUrls' | 'auth' | 'internalKeys'>;

/** The options of Hive Gateway's configuration (defineConfig, createGatewayRuntime) that we set. */
export interface HiveGatewayConfig {
  supergraph: string;
  transportEntries: Record<string, { location: string }>;
  plugins: () => HubIdentityPlugin[];
}

export function hiveGatewayConfig(settings: HiveGatewaySettings): HiveGatewayConfig {
  const urls = subgraphUrlsOf(readFileSync(settings.supergraphPath, 'utf8'), settings.subgraphUrls);
  const { signingKey } = loadGatewayKeys(settings.internalKeys);
  const tokens = createInternalSigner(signingKey).then((signer) => new SubgraphTokenCache(signer));
  const authenticate = createAuthenticator(settings.auth);
  // What defineConfig() would be given: the CLI's configuration file and createGatewayRuntime() both take it.
  return {
    supergraph: settings.supergraphPath,
    // Hive Gateway's documented override of a subgraph's URL: `location` per subgraph name.
    transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
    plugins: () => [useHubIdentity({ authenticate, tokens })],
  };
}
