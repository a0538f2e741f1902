// How the bench asks the hub: through our gateway or the stock one as a client would (a bearer JWT
// signed with the bench's HUB_JWT_SECRET), or straight to the subgraph that owns a query, vouched
// for as a gateway would; and the measurements it takes of one path: one request at a time, and
// under load with the CPU every process spent meanwhile.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { mintDevelopmentToken } from '../gateway/auth';
import { readSigningKey } from '../platform/gateway-keys';
import { createInternalSigner, INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../platform/internal-token';
import { reachablePeers } from '../platform/peers';
import { cpuBetween, sampleCpu } from './cpu';
import { BENCH_VIEWER_ORG } from './data';
import { summariseLatencies, type LatencySummary } from './latency';
import type { LoadGenerator, LoadResult } from './load';
import type { BenchQuery } from './queries';
import type { BenchSecrets, RunningServices } from './services';

export const BENCH_VIEWER = { sub: 'bench-analyst', org: BENCH_VIEWER_ORG, roles: ['viewer' as const] };

export type PathName = 'floor' | 'direct' | 'ours' | 'stock';

export interface Endpoint {
  path: PathName;
  url: string;
  headers: Record<string, string>;
  /** Under load, the authorization headers of the viewers whose requests are sent in turn. */
  authorizations?: string[];
}

/** Where the load runs send their requests: fixed for a run, but direct endpoints must be made right before use. */
export interface Endpoints {
  ours: () => Promise<Endpoint>;
  stock: () => Promise<Endpoint>;
  /** Carries internal tokens that live 60 seconds, as the gateway's do. */
  direct: (query: BenchQuery) => Promise<Endpoint>;
}

/** The bench viewer and `count - 1` colleagues of the same organisation and roles. */
export function benchViewers(count: number): (typeof BENCH_VIEWER)[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? BENCH_VIEWER : { ...BENCH_VIEWER, sub: `${BENCH_VIEWER.sub}-${i + 1}` }));
}

export function endpointsOf(services: RunningServices, secrets: BenchSecrets, viewers = 1): Endpoints {
  const mint = (viewer: typeof BENCH_VIEWER) => mintDevelopmentToken(secrets.jwtSecret, viewer, '12h', secrets.audience, secrets.issuer);
  const bearers = Promise.all(benchViewers(viewers).map(mint));
  const signer = createInternalSigner(readSigningKey(secrets.keys.signingKeyFile));
  const client = async (path: PathName, url: string): Promise<Endpoint> => {
    const authorizations = (await bearers).map((token) => `Bearer ${token}`);
    return {
      path,
      url,
      headers: { 'content-type': 'application/json', authorization: authorizations[0] },
      authorizations: authorizations.length > 1 ? authorizations : undefined,
    };
  };
  return {
    ours: () => client('ours', services.gateway.url),
    stock: () => client('stock', services.stock!.url),
    direct: async (query) => {
      if (!query.owner) throw new Error(`${query.name} spans several subgraphs and has no direct endpoint`);
      const request = { viewer: BENCH_VIEWER, operationName: query.operationName };
      const peers = reachablePeers(query.owner);
      const [identity, ...peerTokens] = await Promise.all([query.owner, ...peers].map(async (audience) => (await signer).sign(request, audience)));
      return {
        path: 'direct',
        url: services.subgraphs[query.owner].url,
        headers: {
          'content-type': 'application/json',
          [INTERNAL_HEADER]: identity,
          [PEER_TOKENS_HEADER]: JSON.stringify(Object.fromEntries(peers.map((peer, i) => [peer, peerTokens[i]]))),
        },
      };
    },
  };
}

export const requestBody = (query: BenchQuery) => JSON.stringify({ query: query.query, operationName: query.operationName });

/** One request; a failure stops the bench, since figures for a query that errs would mean nothing. */
export async function ask(endpoint: Endpoint, query: BenchQuery): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint.url, { method: 'POST', headers: endpoint.headers, body: requestBody(query) });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (response.status !== 200 || answer.errors || !answer.data) {
    throw new Error(`${query.name} (${endpoint.path}) answered ${response.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
  }
  return answer.data;
}

/** Latency of `count` requests sent one after another: the cost of one answer, without queueing. */
export async function sequentialLatency(endpoint: Endpoint, query: BenchQuery, count: number): Promise<LatencySummary> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await ask(endpoint, query);
    times.push(performance.now() - start);
  }
  return summariseLatencies(times);
}

/** What one load run on one path gave. */
export interface RunResult {
  path: PathName;
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Connection errors, timeouts, non-2xx and GraphQL errors together. */
  failed: number;
  /** CPU ms per answered request, per process (services by name, the load generator, PostgreSQL's backends). */
  cpuMsPerRequest: Record<string, number>;
  /** Of the above, the hub's own: services and PostgreSQL, not the load generator. */
  totalCpuMsPerRequest: number;
  loadAverage: number;
}

export interface CpuAccounting {
  admin: pg.Client;
  database: string;
  /** Process name → pid of what is measured. */
  pids: () => Record<string, number>;
}

const LOAD_GENERATOR = 'load generator';

/** Runs `work` between two CPU samples and divides what each process spent by the requests answered. */
export async function withCpu(
  accounting: CpuAccounting,
  path: PathName,
  work: () => Promise<{ requests: number; durationS: number; requestsPerSecond: number; latency: LatencySummary; failed: number }>,
): Promise<RunResult> {
  const loadAverage = os.loadavg()[0];
  const before = await sampleCpu(accounting.pids(), accounting.admin, accounting.database);
  const result = await work();
  const after = await sampleCpu(accounting.pids(), accounting.admin, accounting.database);
  const spent = cpuBetween(before, after);
  const perRequest = Object.fromEntries(Object.entries(spent).map(([name, ms]) => [name, result.requests > 0 ? ms / result.requests : Number.NaN]));
  const total = Object.entries(perRequest)
    .filter(([name]) => name !== LOAD_GENERATOR)
    .reduce((sum, [, ms]) => sum + ms, 0);
  return { path, ...result, cpuMsPerRequest: perRequest, totalCpuMsPerRequest: total, loadAverage };
}

/** Throughput, latency and CPU under `connections` concurrent clients for `durationS` seconds. */
export async function loadTest(
  accounting: CpuAccounting,
  generator: LoadGenerator,
  endpoint: Endpoint,
  query: BenchQuery,
  settings: { durationS: number; connections: number },
): Promise<RunResult> {
  const pids = accounting.pids;
  return withCpu({ ...accounting, pids: () => ({ ...pids(), [LOAD_GENERATOR]: generator.pid }) }, endpoint.path, async () => {
    const result: LoadResult = await generator.run({
      url: endpoint.url,
      headers: endpoint.headers,
      authorizations: endpoint.authorizations,
      body: requestBody(query),
      durationS: settings.durationS,
      connections: settings.connections,
    });
    return { ...result, failed: result.errors + result.non2xx + result.graphqlErrors };
  });
}
