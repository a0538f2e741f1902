// The hub with a partner's subgraph beside ours, for the tests of one (the worked example, and what
// `npm run subgraph:new` writes): the manifest's subgraphs and the partner's started in this process over one
// test database, a supergraph composed here from their SDLs printed from code (schema/supergraph.ts
// compose()), and the real gateway serving it. Requests go through the gateway over HTTP, as a
// client's would.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { compose } from '../../schema/supergraph';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from '../../subgraphs/kernel/service/subgraph-service';
import { createTestDatabase, type TestDatabase } from './database';
import { postGraphQL, testGatewayConfig, type GraphQLResponse } from './hub';
import { testKeys } from './internal-keys';
import { loopback } from './network';
import { tokenFor, type TestUser, type users } from './users';

export interface PartnerHub {
  gateway: RunningGateway;
  /** Sends a query through the gateway as `user`. */
  ask: <T = Record<string, any>>(
    user: TestUser | typeof users.anonymous,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResponse<T>>;
  stop: () => Promise<void>;
}

/**
 * Starts the manifest's subgraphs and `partners` (seeded), and the gateway over a supergraph of them
 * all. A partner's module given here takes the place of the manifest's of the same name.
 */
export async function startPartnerHub(partners: readonly SubgraphModule[]): Promise<PartnerHub> {
  const modules = [...SUBGRAPHS.filter((m) => !partners.some((p) => p.name === m.name)), ...partners];
  const database: TestDatabase = await createTestDatabase();
  const running: RunningSubgraph[] = [];
  const folder = mkdtempSync(path.join(tmpdir(), 'hub-partner-'));
  let gateway: RunningGateway | undefined;
  const stop = async () => {
    await gateway?.stop(1000);
    for (const subgraph of running) await subgraph.stop(1000);
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const keys = testKeys();
    const peerUrls: Record<string, string> = {};
    for (const module of modules) {
      const subgraph = await startSubgraph(module, { target: database.target, seed: true, port: 0, gatewayKeys: keys.gatewayKeys, peerUrls });
      running.push(subgraph);
      peerUrls[module.name] = loopback(subgraph.url);
    }
    const sdls: Record<string, string> = {};
    for (const module of modules) sdls[module.name] = printSubgraphSchema(await module.buildSchema()) + '\n';
    const supergraphPath = path.join(folder, 'supergraph.graphql');
    writeFileSync(
      supergraphPath,
      compose(
        sdls,
        running.map((s) => ({ name: s.name, url: loopback(s.url) })),
      ),
    );
    gateway = await startGateway(testGatewayConfig({ supergraphPath, internalKeys: { signingKey: keys.signingKey } }));
  } catch (error) {
    await stop();
    throw error;
  }
  const url = loopback(gateway.url);
  return {
    gateway,
    ask: async (user, query, variables) => postGraphQL(url, query, variables, { token: await tokenFor(user) }),
    stop,
  };
}
