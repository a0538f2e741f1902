// Runs a service as several workers on one port (WEB_CONCURRENCY, node:cluster). The primary
// process serves nothing itself: it forks the workers, each of which starts the service exactly as
// a lone process would (so every worker answers /health and /ready, and drains on its own), forks
// another after a pause that doubles with each death in a row when one dies, while the others go
// on serving, and on SIGTERM or SIGINT (or when `npm start`'s supervisor goes away) asks every
// worker to drain and exits 0 once all of them stopped cleanly within the shutdown deadline.
import cluster, { type Worker } from 'node:cluster';
import { logger } from '../logger';
import { aggregateWorkerMetrics } from '../metrics';

export interface WorkerOptions {
  /** The service's name, in the primary's log lines. */
  name: string;
  /** WEB_CONCURRENCY: 1 runs the service in this process, without a primary. */
  workers: number;
  /** What each worker's drain may take (its SHUTDOWN_DEADLINE_MS); the primary gives up a little after. */
  shutdownDeadlineMs: number;
  /** First pause before a dead worker is replaced; doubles up to maxBackoffMs while workers keep dying. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A worker that ran this long before it died is replaced after the first pause again. */
  healthyAfterMs?: number;
}

export const DEFAULT_WORKER_BACKOFF_MS = 500;
export const DEFAULT_WORKER_MAX_BACKOFF_MS = 30_000;
export const DEFAULT_WORKER_HEALTHY_AFTER_MS = 60_000;
// Beyond the workers' own deadline: stopOnSignals gives each 2 s more to close its pools.
const PRIMARY_GRACE_MS = 3000;

/** Which worker of a clustered service this process is; undefined when it runs alone. */
export function workerId(): number | undefined {
  return cluster.isWorker ? cluster.worker?.id : undefined;
}

/**
 * Runs `start` in this process when there is to be one worker, or when this process is a worker;
 * otherwise makes this process the primary of `workers` workers running this same script.
 */
export async function runWorkers(options: WorkerOptions, start: () => Promise<void>): Promise<void> {
  if (options.workers <= 1 || cluster.isWorker) return start();
  superviseWorkers(options);
}

function superviseWorkers(options: WorkerOptions): void {
  const backoffMs = options.backoffMs ?? DEFAULT_WORKER_BACKOFF_MS;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_WORKER_MAX_BACKOFF_MS;
  const healthyAfterMs = options.healthyAfterMs ?? DEFAULT_WORKER_HEALTHY_AFTER_MS;
  const startedAt = new Map<Worker, number>();
  const replacements = new Set<NodeJS.Timeout>();
  let failures = 0;
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    logger.info('worker started', { service: options.name, worker: worker.id, pid: worker.process.pid });
  };

  cluster.on('exit', (worker, code, signal) => {
    const ranMs = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    if (ranMs >= healthyAfterMs) failures = 0;
    const delayMs = Math.min(maxBackoffMs, backoffMs * 2 ** failures);
    failures += 1;
    logger.warn('worker exited; starting another', {
      service: options.name,
      worker: worker.id,
      pid: worker.process.pid,
      exit: signal ?? code,
      delayMs,
      restartsInARow: failures,
    });
    const timer = setTimeout(() => {
      replacements.delete(timer);
      fork();
    }, delayMs);
    replacements.add(timer);
  });

  const stop = (reason: string) => {
    // `npm start` and a terminal both signal on Ctrl-C: the second signal must not cut the drain short.
    if (stopping) return;
    stopping = true;
    for (const timer of replacements) clearTimeout(timer);
    const workers = [...startedAt.keys()];
    logger.info('stopping', { service: options.name, signal: reason, workers: workers.length });
    setTimeout(() => {
      logger.error('workers did not stop in time; exiting', { service: options.name });
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.shutdownDeadlineMs + PRIMARY_GRACE_MS).unref();
    const exits = workers.map(
      (worker) => new Promise<boolean>((resolve) => (worker.isDead() ? resolve(false) : worker.once('exit', (code) => resolve(code === 0)))),
    );
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGTERM');
    void Promise.all(exits).then((clean) => process.exit(clean.every(Boolean) ? 0 : 1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Started by a supervisor (npm start) over IPC: when it goes, even by SIGKILL, stop as on a signal.
  if (process.send) process.once('disconnect', () => stop('supervisor exited'));

  // Each worker's /metrics answers for all of them (platform/metrics.ts).
  aggregateWorkerMetrics();
  for (let i = 0; i < options.workers; i++) fork();
}
