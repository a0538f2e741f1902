// Starts the hub inside the test process: startHub() for the whole hub (the four subgraphs on
// ephemeral ports over a test database, and the gateway serving the checked-in supergraph with
// their real URLs, so every request crosses real HTTP as it does in production), or its parts one
// at a time (startSubgraphs, startTestGateway) for tests that stop and restart them. The same hub
// as child processes is in ./processes.ts; the users it knows and their tokens in ./users.ts.
import { currentRequest } from '../../platform/request-context';
import 'reflect-metadata';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../gateway/auth';
import path from 'node:path';
import { readGatewayConfig, type GatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { DatabaseTarget } from '../../subgraphs/kernel/db/database';
import { startSubgraph, type RunningSubgraph, type StartSubgraphOptions } from '../../subgraphs/kernel/service/subgraph-service';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from './database';
import { testKeys, type TestKeys } from './internal-keys';
import { freePort, loopback } from './network';
import { KEY_ENV, KEYS } from './processes';
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
  /** SQL statements each subgraph has run for requests since the last resetCounts() (background work not counted). */
  statements: Record<string, string[]>;
  resetCounts: () => void;
  query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions) => Promise<GraphQLResponse<T>>;
  /** The gateway's key pair; `keys.vouch(viewer, op, subgraph)` signs as the gateway would. */
  keys: TestKeys;
  database: TestDatabase;
  /** Where each subgraph answers its peers. */
  peerUrls: Record<string, string>;
  /** Starts `name` again (after a test stopped it) on `port`, unseeded, as startHub started it. */
  restartSubgraph: (name: string, port: number) => Promise<RunningSubgraph>;
  stop: () => Promise<void>;
}

export const SUPERGRAPH_PATH = path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  operationName?: string;
  url?: string;
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
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

/** The gateway the tests run: development mode on an ephemeral loopback port, test tokens, `given` on top. */
export function testGatewayConfig(given: Pick<GatewayConfig, 'supergraphPath' | 'internalKeys'> & Partial<GatewayConfig>): GatewayConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    production: false,
    subgraphUrls: {},
    subgraphTimeoutMs: 10_000,
    bodyLimit: '1mb',
    corsOrigins: [],
    auth: { jwtSecret: TEST_JWT_SECRET, issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE },
    ...given,
  };
}

/** A production gateway (NODE_ENV=production) in front of `hub`'s subgraphs, with `given` on top. */
export function startProductionGateway(hub: Hub, given: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  return startGateway(
    testGatewayConfig({
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: hub.gateway.subgraphUrls,
      internalKeys: { signingKey: hub.keys.signingKey },
      production: true,
      ...given,
    }),
  );
}

export async function startHub(options: { seed?: boolean; gateway?: Partial<GatewayConfig> } = {}): Promise<Hub> {
  const database: TestDatabase = await createTestDatabase();
  const keys = testKeys();
  const statements: Record<string, string[]> = {};
  const subgraphs: Record<string, RunningSubgraph> = {};
  // Filled in as each subgraph starts; contexts read it per request, so every peer is known by then.
  const peerUrls: Record<string, string> = {};
  try {
    const start = async (name: string, port: number, seed: boolean) => {
      const running = await startSubgraph(subgraphModule(name), {
        target: database.target,
        seed,
        port,
        gatewayKeys: keys.gatewayKeys,
        peerUrls,
        // Only what requests run: the alerts subgraph's outbox dispatcher, webhook worker and
        // overdue sweep poll on their own, and are no request's cost.
        onQuery: (sql) => {
          if (currentRequest()) statements[name].push(sql);
        },
      });
      subgraphs[name] = running;
      peerUrls[name] = loopback(running.url);
      return running;
    };
    for (const module of SUBGRAPHS) {
      statements[module.name] = [];
      await start(module.name, 0, options.seed ?? true);
    }
    const gateway = await startGateway(
      testGatewayConfig({
        supergraphPath: SUPERGRAPH_PATH,
        subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, loopback(s.url)])),
        internalKeys: { signingKey: keys.signingKey },
        ...options.gateway,
      }),
    );
    const resetCounts = () => {
      for (const name of Object.keys(statements)) statements[name].length = 0;
    };
    resetCounts();
    return {
      gateway,
      subgraphs,
      statements,
      resetCounts,
      query: (query, variables, requestOptions = {}) => postGraphQL(requestOptions.url ?? loopback(gateway.url), query, variables, requestOptions),
      keys,
      database,
      peerUrls,
      restartSubgraph: (name, port) => start(name, port, false),
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

export function subgraphModule(name: string) {
  const module = SUBGRAPHS.find((m) => m.name === name);
  if (!module) throw new Error(`no subgraph named ${name}`);
  return module;
}

/** Starts subgraphs in this process on one database, each knowing where the others answer (in `options.peerUrls` when given). */
export async function startSubgraphs(
  target: DatabaseTarget,
  names: string[] = SUBGRAPHS.map((m) => m.name),
  options: Partial<StartSubgraphOptions> = {},
): Promise<Record<string, RunningSubgraph>> {
  const peerUrls = (options.peerUrls ?? {}) as Record<string, string>;
  const running: Record<string, RunningSubgraph> = {};
  for (const name of names) {
    running[name] = await startSubgraph(subgraphModule(name), {
      target,
      seed: true,
      gatewayKeys: KEYS.gatewayKeys,
      peerUrls,
      host: '127.0.0.1',
      ...options,
    });
    peerUrls[name] = loopback(running[name].url);
  }
  return running;
}

/** A gateway in this process, configured from environment variables as in production. */
export async function startTestGateway(env: Record<string, string>): Promise<RunningGateway> {
  const config = readGatewayConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', ...KEY_ENV, ...env });
  return startGateway(config);
}

/** SITUATIONS_URL=... for each running subgraph; subgraphs not given point at a closed port. */
export async function subgraphUrlEnv(urls: Record<string, string>): Promise<Record<string, string>> {
  const closed = `http://127.0.0.1:${await freePort()}/graphql`;
  return Object.fromEntries(SUBGRAPHS.map((m) => [`${m.name.toUpperCase()}_URL`, urls[m.name] ? loopback(urls[m.name]) : closed]));
}
