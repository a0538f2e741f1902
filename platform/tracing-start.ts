// Imported first by each service's entry (gateway/index.ts, scripts/start-service.ts), before any
// module the SDK instruments (http, undici, pg) is loaded: with OTEL_EXPORTER_OTLP_ENDPOINT set it
// starts OpenTelemetry for this process, otherwise no OpenTelemetry module is ever required.
import path from 'node:path';

// The service this process runs, as the manifest names it: start-service's argument, else the
// folder of the entry (dist/gateway/index.js is the gateway).
function serviceName(): string {
  const script = process.argv[1] ?? '';
  if (path.basename(script, '.js') === 'start-service') return process.argv[2] ?? 'unknown_service';
  return path.basename(path.dirname(script));
}

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./tracing-sdk') as typeof import('./tracing-sdk')).startTracing(serviceName());
}
