// The bench's settings, read from the environment and checked once, before anything starts.

export interface BenchConfig {
  /** Seconds of each load run. */
  durationS: number;
  /** Concurrent connections of each load run. */
  connections: number;
  /** Requests sent one after another to time an unloaded answer (and to warm up before a load run). */
  sequential: number;
  /** Situations stored at each scaling step, ascending; the query suite runs at the last. */
  sizes: number[];
}

function integer(name: string, fallback: number, min: number, max: number, why = ''): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}${why}; got "${raw}"`);
  }
  return value;
}

export function readBenchConfig(): BenchConfig {
  const rawSizes = process.env.BENCH_SIZES || '100,1000,10000';
  const sizes = rawSizes.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1 || size > 100_000) || sizes.some((size, i) => i > 0 && size <= sizes[i - 1])) {
    throw new Error(`BENCH_SIZES must be ascending whole numbers from 1 to 100000, comma-separated; got "${rawSizes}"`);
  }
  return {
    // Direct subgraph requests carry an internal token that lives 60 seconds: a run must end well before.
    durationS: integer('BENCH_DURATION_S', 5, 1, 50, ' (a direct request carries a 60-second internal token)'),
    connections: integer('BENCH_CONNECTIONS', 10, 1, 200),
    sequential: integer('BENCH_SEQUENTIAL', 30, 5, 1000),
    sizes,
  };
}
