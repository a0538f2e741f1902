// Starts the whole hub inside the test process: the four subgraphs on ephemeral ports over a
// test database, and the gateway serving the checked-in supergraph with their real URLs, so
// every request crosses real HTTP as it does in production.
import 'reflect-metadata';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../gateway/auth';
import path from 'node:path';
import type { GatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { startSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from './database';
import { testKeys, type TestKeys } from './internal-keys';
import { TEST_JWT_SECRET } from './users';

export { TEST_JWT_SECRET };

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Hub {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  /** SQL statements each subgraph has run since the last resetCounts(). */
  statements: Record<string, string[]>;
  resetCounts: () => void;
  query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions) => Promise<GraphQLResponse<T>>;
  /** The gateway's key pair; `keys.vouch(viewer, op, subgraph)` signs as the gateway would. */
  keys: TestKeys;
  database: TestDatabase;
  /** Where each subgraph answers its peers; a test that restarts one updates it. */
  peerUrls: Record<string, string>;
  stop: () => Promise<void>;
}

export const SUPERGRAPH_PATH = path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  operationName?: string;
  url?: string;
}

export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>, options: RequestOptions = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables, operationName: options.operationName }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}


export async function startHub(options: { seed?: boolean; gateway?: Partial<GatewayConfig> } = {}): Promise<Hub> {
  const database: TestDatabase = await createTestDatabase();
  const keys = testKeys();
  const statements: Record<string, string[]> = {};
  const subgraphs: Record<string, RunningSubgraph> = {};
  // Filled in as each subgraph starts; contexts read it per request, so every peer is known by then.
  const peerUrls: Record<string, string> = {};
  try {
    for (const module of SUBGRAPHS) {
      statements[module.name] = [];
      subgraphs[module.name] = await startSubgraph(module, {
        target: database.target,
        seed: options.seed ?? true,
        gatewayKeys: keys.gatewayKeys,
        peerUrls,
        onQuery: (sql) => statements[module.name].push(sql),
      });
      peerUrls[module.name] = subgraphs[module.name].url.replace('localhost', '127.0.0.1');
    }
    const gateway = await startGateway({
      host: '127.0.0.1',
      port: 0,
      production: false,
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url.replace('localhost', '127.0.0.1')])),
      subgraphTimeoutMs: 10_000,
      bodyLimit: '1mb',
      corsOrigins: [],
      auth: { jwtSecret: TEST_JWT_SECRET, issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE },
      internalKeys: { signingKey: keys.signingKey },
      ...options.gateway,
    });
    const resetCounts = () => {
      for (const name of Object.keys(statements)) statements[name].length = 0;
    };
    resetCounts();
    return {
      gateway,
      subgraphs,
      statements,
      resetCounts,
      query: (query, variables, requestOptions = {}) => postGraphQL(requestOptions.url ?? gateway.url.replace('localhost', '127.0.0.1'), query, variables, requestOptions),
      keys,
      database,
      peerUrls,
      stop: async () => {
        await gateway.stop(1000);
        for (const subgraph of Object.values(subgraphs)) await subgraph.stop(1000);
        await database.drop();
      },
    };
  } catch (error) {
    for (const subgraph of Object.values(subgraphs)) await subgraph.stop(1000);
    await database.drop();
    throw error;
  }
}
