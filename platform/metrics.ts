// The metrics every service serves at GET /metrics (Prometheus text format, prom-client): requests,
// GraphQL errors and latency by operation, the gateway's subgraph calls, a subgraph's database pool
// and query time, and prom-client's process metrics. Each service has its own registry, so services
// started in one process (the tests' hub) keep theirs apart. Label values are bounded: operation
// names beyond a cap, or not GraphQL names, count as "other"; error codes outside the hub's list as
// "OTHER"; no ids, organisations or other caller input.
import cluster from 'node:cluster';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CLIENT_CODES } from './errors';
import { logger } from './logger';

/** Distinct operation names a service labels on its own; any further one counts as "other". */
export const OPERATION_LABEL_CAP = 100;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A database pool's connections at one moment (pg's Pool, and the PGlite pool's one session). */
export interface PoolCounts {
  total: number;
  idle: number;
  waiting: number;
}

// Names always labelled as themselves, whatever the cap: the persisted operations' (trusted documents).
const knownOperations = new Set<string>();

/** Operation names that always get a label of their own (those of the persisted-operation manifest). */
export function labelOperations(names: Iterable<string>): void {
  for (const name of names) if (OPERATION_NAME.test(name)) knownOperations.add(name);
}

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'hub_http_requests_total',
    help: 'GraphQL requests answered, by operation and HTTP status',
    labelNames: ['service', 'operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'hub_graphql_errors_total',
    help: 'GraphQL errors in answers, by operation and extensions.code',
    labelNames: ['service', 'operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its answer sent',
    labelNames: ['service', 'operation'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  readonly subgraphDuration = new Histogram({
    name: 'hub_subgraph_request_duration_seconds',
    help: "The gateway's calls to each subgraph, retries included",
    labelNames: ['subgraph'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  readonly subgraphFailures = new Counter({
    name: 'hub_subgraph_request_failures_total',
    help: "The gateway's subgraph calls that failed: timeout, unreachable, http_error (a non-2xx answer) or bad_response",
    labelNames: ['subgraph', 'reason'] as const,
    registers: [this.registry],
  });
  readonly dbQueryDuration = new Histogram({
    name: 'hub_db_query_duration_seconds',
    help: 'Time each SQL statement took, from sending it to its result',
    labelNames: ['service'] as const,
    buckets: QUERY_BUCKETS,
    registers: [this.registry],
  });
  private readPool: (() => PoolCounts | undefined) | undefined;
  private readonly operations = new Set<string>();

  constructor(readonly service: string) {
    const readPool = () => this.readPool?.();
    new Gauge({
      name: 'hub_db_pool_connections',
      help: "The database pool's connections: total open, idle, and requests waiting for one",
      labelNames: ['service', 'state'] as const,
      registers: [this.registry],
      collect() {
        const counts = readPool();
        if (!counts) return;
        for (const state of ['total', 'idle', 'waiting'] as const) this.set({ service, state }, counts[state]);
      },
    });
  }

  /** The label for an operation name: itself while within the cap, "anonymous" without one, else "other". */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (knownOperations.has(name) || this.operations.has(name)) return name;
    if (this.operations.size >= OPERATION_LABEL_CAP) return 'other';
    this.operations.add(name);
    return name;
  }

  /** The label for an error code: one of the codes a client may see (platform/errors.ts), else "OTHER". */
  codeLabel(code: unknown): string {
    return typeof code === 'string' && CLIENT_CODES.has(code) ? code : 'OTHER';
  }

  /** Where the pool gauge reads the service's database pool from (replaced when the service restarts). */
  watchPool(read: () => PoolCounts | undefined): void {
    this.readPool = read;
  }

  /** Records one answered request: its count, duration and the codes of the errors it carried. */
  observeRequest(operation: string | null, status: number, seconds: number, codes: readonly unknown[]): void {
    const label = this.operationLabel(operation);
    this.requests.inc({ service: this.service, operation: label, status: String(status) });
    this.duration.observe({ service: this.service, operation: label }, seconds);
    for (const code of codes) this.errors.inc({ service: this.service, operation: label, code: this.codeLabel(code) });
  }
}

const byService = new Map<string, ServiceMetrics>();
let processMetrics: Registry | undefined;

/** The metrics of the service named `service` in this process (one object per name, kept across restarts). */
export function metricsOf(service: string): ServiceMetrics {
  let metrics = byService.get(service);
  if (!metrics) {
    metrics = new ServiceMetrics(service);
    byService.set(service, metrics);
  }
  return metrics;
}

/** prom-client's process and Node.js metrics, collected once per process whatever the services in it. */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

// A worker of cluster.ts asks the primary, which gathers every worker's metrics (prom-client's
// AggregatorRegistry, over the cluster's IPC channel) and sums them: a scrape answered by any one
// worker then counts the whole service.
const ASK = 'hub:metrics-ask';
const ANSWER = 'hub:metrics-answer';
const CLUSTER_TIMEOUT_MS = 5000;
let asked = 0;
let workerListens = false;
const waiting = new Map<number, (text: string | undefined) => void>();

/** In the primary of a clustered service: answers the workers' requests for the aggregated metrics. */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, text }),
      () => worker.isConnected() && worker.send({ type: ANSWER, id: message.id }),
    );
  });
}

function inWorker(registry: Registry): boolean {
  if (!cluster.isWorker || !process.send) return false;
  if (!workerListens) {
    workerListens = true;
    // The registries the primary gathers from this worker; the listener is prom-client's.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries(registry);
    process.on('message', (message: { type?: string; id?: number; text?: string }) => {
      if (message?.type !== ANSWER || message.id === undefined) return;
      waiting.get(message.id)?.(message.text);
      waiting.delete(message.id);
    });
  }
  return true;
}

function clusterMetrics(): Promise<string | undefined> {
  const id = ++asked;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      resolve(undefined);
    }, CLUSTER_TIMEOUT_MS);
    waiting.set(id, (text) => {
      clearTimeout(timer);
      resolve(text);
    });
    process.send!({ type: ASK, id });
  });
}

/**
 * At start: a production service whose /metrics is open says so once. Not refused, since a
 * deployment may keep /metrics off the public port at its proxy instead (README "Metrics").
 */
export function warnIfMetricsOpen(service: string, production: boolean, token: string | undefined): void {
  if (production && !token)
    logger.warn('GET /metrics is open to anyone who reaches the port: set METRICS_TOKEN_FILE or block /metrics at the proxy', { service });
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics for `service`. With `token` (METRICS_TOKEN) set, only a request bearing it is
 * answered (401 otherwise); without, the endpoint is open, for a port only the operator reaches.
 */
export function metricsEndpoint(service: string, token?: string): RequestHandler {
  const registry = Registry.merge([metricsOf(service).registry, processRegistry()]);
  const clustered = inWorker(registry);
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return async (req, res) => {
    if (expected && !timingSafeEqual(digest(req.header('authorization') ?? ''), expected)) {
      res.status(401).set('www-authenticate', 'Bearer').type('text/plain').send('metrics need the METRICS_TOKEN bearer token\n');
      return;
    }
    const text = clustered ? await clusterMetrics() : await registry.metrics();
    if (text === undefined) {
      res.status(503).type('text/plain').send('the workers did not report their metrics in time\n');
      return;
    }
    res.set('cache-control', 'no-store').type(registry.contentType).send(text);
  };
}
