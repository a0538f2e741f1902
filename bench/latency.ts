// Latency percentiles from raw response times, computed the same way for load runs and for
// sequential requests (autocannon's own summary has no p95, and it rounds to whole milliseconds).

export interface LatencySummary {
  samples: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentiles: each is a response time that was actually observed. */
export function summariseLatencies(milliseconds: number[]): LatencySummary {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (q: number) => (n === 0 ? Number.NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]);
  return {
    samples: n,
    meanMs: n === 0 ? Number.NaN : sorted.reduce((sum, value) => sum + value, 0) / n,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: n === 0 ? Number.NaN : sorted[n - 1],
  };
}
