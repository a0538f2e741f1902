// What the rest of the hub asks of tracing, with no OpenTelemetry module behind it unless
// OTEL_EXPORTER_OTLP_ENDPOINT is set: platform/tracing-start.ts then loads the SDK
// (platform/tracing-sdk.ts), which plugs itself in here. Off, every call is a no-op.

/** What the SDK provides once started. */
export interface TracingHooks {
  /** The active span's ids, for log lines. */
  ids(): { traceId: string; spanId: string } | undefined;
  /** Runs one SQL statement inside a database span (PGlite, which no instrumentation sees). */
  statement<T>(sql: string, run: () => Promise<T>): Promise<T>;
  /** Exports the spans still buffered and stops the SDK. */
  flush(): Promise<void>;
}

let hooks: TracingHooks | undefined;

export function useTracing(provided: TracingHooks): void {
  hooks = provided;
}

/** The trace and span id to write on a log line while a span is active; nothing when tracing is off. */
export function traceIds(): { traceId: string; spanId: string } | undefined {
  return hooks?.ids();
}

export function traceStatement<T>(sql: string, run: () => Promise<T>): Promise<T> {
  return hooks ? hooks.statement(sql, run) : run();
}

/** Exports the buffered spans before the process exits (graceful shutdown). */
export function flushTraces(): Promise<void> {
  return hooks?.flush() ?? Promise.resolve();
}
