// The bench's settings, read from the environment and checked once, before anything starts, with
// the readers the services use (platform/config.ts).
import { z } from 'zod';
import { readConfig, wholeNumber } from '../platform/config';
import type { DeliverySettings } from './delivery';

export interface BenchConfig {
  /** Seconds of each load run. */
  durationS: number;
  /** Concurrent connections of each load run. */
  connections: number;
  /** Requests sent one after another to time an unloaded answer (and to warm up before a load run). */
  sequential: number;
  /** Situations stored at each step, ascending; every query and path is measured at each. */
  sizes: number[];
  /** Rounds at each step: each measures every query on every path once, in an order that rotates. */
  rounds: number;
  /** Dashboard views counted to measure how much the audit tables grow. */
  auditViews: number;
  /** Distinct viewers (of one organisation) whose requests the load runs send in turn. */
  viewers: number;
  /** Alert delivery (delivery.ts): alerts issued per second, for how many seconds, and the outbox backlog drained. */
  delivery: DeliverySettings;
}

export function readBenchConfig(): BenchConfig {
  const rawSizes = process.env.BENCH_SIZES || '1000,10000';
  const sizes = rawSizes.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 100_000) || sizes.some((size, i) => i > 0 && size <= sizes[i - 1])) {
    throw new Error(`BENCH_SIZES must be ascending whole numbers from 1 to 100000, comma-separated; got "${rawSizes}"`);
  }
  const variables = readConfig(
    z.object({
      // Direct subgraph requests carry an internal token that lives 60 seconds: a run must end well before.
      BENCH_DURATION_S: wholeNumber('BENCH_DURATION_S', 1, 50, 4),
      BENCH_CONNECTIONS: wholeNumber('BENCH_CONNECTIONS', 1, 200, 10),
      BENCH_SEQUENTIAL: wholeNumber('BENCH_SEQUENTIAL', 5, 1000, 30),
      BENCH_ROUNDS: wholeNumber('BENCH_ROUNDS', 1, 10, 3),
      BENCH_AUDIT_VIEWS: wholeNumber('BENCH_AUDIT_VIEWS', 10, 10_000, 200),
      // Many viewers, as a dashboard has: identical requests of one viewer in flight at once are
      // merged by our gateway, so one viewer on every connection would measure that merging.
      BENCH_VIEWERS: wholeNumber('BENCH_VIEWERS', 1, 1000, 40),
      BENCH_ALERTS_PER_S: wholeNumber('BENCH_ALERTS_PER_S', 1, 100, 10),
      BENCH_DELIVERY_S: wholeNumber('BENCH_DELIVERY_S', 1, 600, 30),
      BENCH_OUTBOX_BACKLOG: wholeNumber('BENCH_OUTBOX_BACKLOG', 10, 100_000, 1000),
    }),
    process.env,
  );
  return {
    durationS: variables.BENCH_DURATION_S,
    connections: variables.BENCH_CONNECTIONS,
    sequential: variables.BENCH_SEQUENTIAL,
    sizes,
    rounds: variables.BENCH_ROUNDS,
    auditViews: variables.BENCH_AUDIT_VIEWS,
    viewers: variables.BENCH_VIEWERS,
    delivery: {
      alertsPerSecond: variables.BENCH_ALERTS_PER_S,
      seconds: variables.BENCH_DELIVERY_S,
      backlog: variables.BENCH_OUTBOX_BACKLOG,
    },
  };
}
