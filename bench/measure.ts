// How the bench asks the hub: through the gateway as a client would, or straight to the subgraph
// that owns a query, vouched for as the gateway would; and the three measurements it takes.
import { performance } from 'node:perf_hooks';
import type { Hub } from '../test/support/hub';
import { member, tokenFor } from '../test/support/users';
import { summariseLatencies, type LatencySummary } from './latency';
import type { LoadGenerator, LoadResult } from './load';
import type { BenchQuery } from './queries';
import { BENCH_VIEWER_ORG } from './data';

export const BENCH_VIEWER = { sub: 'bench-analyst', org: BENCH_VIEWER_ORG, roles: ['viewer' as const] };

export interface Endpoint {
  path: 'gateway' | 'direct';
  url: string;
  headers: Record<string, string>;
}

export interface LoadSettings {
  durationS: number;
  connections: number;
}

const loopback = (url: string) => url.replace('localhost', '127.0.0.1');

export async function gatewayEndpoint(hub: Hub): Promise<Endpoint> {
  const token = await tokenFor(member(BENCH_VIEWER.org, BENCH_VIEWER.roles, BENCH_VIEWER.sub));
  return { path: 'gateway', url: loopback(hub.gateway.url), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
}

/** Call it right before use: the internal token it carries lives 60 seconds, as the gateway's do. */
export async function directEndpoint(hub: Hub, query: BenchQuery): Promise<Endpoint> {
  if (!query.owner) throw new Error(`${query.name} spans several subgraphs and has no direct endpoint`);
  const vouched = await hub.keys.vouch(BENCH_VIEWER, query.operationName, query.owner);
  return { path: 'direct', url: loopback(hub.subgraphs[query.owner].url), headers: { 'content-type': 'application/json', ...vouched } };
}

const body = (query: BenchQuery) => JSON.stringify({ query: query.query, operationName: query.operationName });

/** One request; a failure stops the bench, since figures for a query that errs would mean nothing. */
export async function ask(endpoint: Endpoint, query: BenchQuery): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint.url, { method: 'POST', headers: endpoint.headers, body: body(query) });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (response.status !== 200 || answer.errors || !answer.data) {
    throw new Error(`${query.name} (${endpoint.path}) answered ${response.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
  }
  return answer.data;
}

/** SQL statements each subgraph ran for one request, counted with nothing else in flight. */
export async function statementsPerRequest(hub: Hub, endpoint: Endpoint, query: BenchQuery): Promise<Record<string, number>> {
  hub.resetCounts();
  await ask(endpoint, query);
  return Object.fromEntries(Object.entries(hub.statements).map(([name, statements]) => [name, statements.length]));
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

/** Throughput and latency under `connections` concurrent clients for `durationS` seconds. */
export async function loadTest(
  hub: Hub,
  generator: LoadGenerator,
  endpoint: Endpoint,
  query: BenchQuery,
  settings: LoadSettings,
): Promise<LoadResult> {
  // The hub keeps the text of every statement it runs; under load that is hundreds of thousands
  // of strings, so they are dropped as the run goes (counts are taken apart, one request at a time).
  const discard = setInterval(() => hub.resetCounts(), 500);
  try {
    return await generator.run({
      url: endpoint.url,
      headers: endpoint.headers,
      body: body(query),
      durationS: settings.durationS,
      connections: settings.connections,
    });
  } finally {
    clearInterval(discard);
    hub.resetCounts();
  }
}
