// Starts the whole hub inside the test process: the four subgraphs on ephemeral ports over a
// test database, and the gateway serving the checked-in supergraph with their real URLs, so
// every request crosses real HTTP as it does in production.
import 'reflect-metadata';
import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { RunningSubgraph } from '../../subgraphs/kernel/subgraph-service';
import { startSubgraph } from '../../subgraphs/kernel/subgraph-service';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from './database';

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
  query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, url?: string) => Promise<GraphQLResponse<T>>;
  stop: () => Promise<void>;
}

export const SUPERGRAPH_PATH = path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');

export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export async function startHub(options: { seed?: boolean } = {}): Promise<Hub> {
  const database: TestDatabase = await createTestDatabase();
  const statements: Record<string, string[]> = {};
  const subgraphs: Record<string, RunningSubgraph> = {};
  try {
    for (const module of SUBGRAPHS) {
      statements[module.name] = [];
      subgraphs[module.name] = await startSubgraph(module, {
        target: database.target,
        seed: options.seed ?? true,
        onQuery: (sql) => statements[module.name].push(sql),
      });
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
      query: (query, variables, url = gateway.url.replace('localhost', '127.0.0.1')) => postGraphQL(url, query, variables),
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
