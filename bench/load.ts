// The load generator as the bench sees it: one process of its own (load-worker.ts), started once and
// given one load test at a time. Loaded at the start, so a rebuild of dist/ during a run cannot take it away.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { LatencySummary } from './latency';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** When given, each request carries the next of these as its authorization header, in turn. */
  authorizations?: string[];
  body: string;
  durationS: number;
  connections: number;
}

export interface LoadResult {
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers that carried GraphQL errors. */
  graphqlErrors: number;
}

export interface LoadGenerator {
  /** The worker's process id, for CPU accounting. */
  pid: number;
  run: (job: LoadJob) => Promise<LoadResult>;
  /** Closes the channel; the worker exits when it sees it closed. */
  stop: () => void;
}

export function startLoadGenerator(): LoadGenerator {
  // Only the IPC channel and stderr: the worker reports by message.
  const worker = fork(path.join(__dirname, 'load-worker.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  let exited: number | null = null;
  let pending: { resolve: (result: LoadResult) => void; reject: (error: Error) => void; deadline: NodeJS.Timeout } | null = null;
  const settle = () => {
    const current = pending;
    pending = null;
    if (current) clearTimeout(current.deadline);
    return current;
  };

  worker.on('message', (message: { result?: LoadResult; error?: string }) => {
    const current = settle();
    if (!current) return;
    if (message.result) current.resolve(message.result);
    else current.reject(new Error(`load worker failed: ${message.error}`));
  });
  worker.on('exit', (code) => {
    exited = code ?? -1;
    settle()?.reject(new Error(`load worker exited with code ${exited} before answering`));
  });

  return {
    pid: worker.pid!,
    run: (job) =>
      new Promise((resolve, reject) => {
        if (exited !== null) return reject(new Error(`load worker has exited (code ${exited})`));
        if (pending) return reject(new Error('load worker is already running a test'));
        // A worker that hangs would otherwise hang the bench; the test itself is bounded by durationS.
        const deadline = setTimeout(
          () => {
            settle();
            worker.kill();
            reject(new Error(`load worker gave no answer within ${job.durationS + 30} s`));
          },
          (job.durationS + 30) * 1000,
        );
        pending = { resolve, reject, deadline };
        worker.send(job);
      }),
    stop: () => {
      if (exited === null && worker.connected) worker.disconnect();
    },
  };
}
