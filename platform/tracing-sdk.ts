// OpenTelemetry for one service process, loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set
// (platform/tracing-start.ts): spans for incoming /graphql requests (http), the gateway's subgraph
// calls and the subgraphs' peer calls (undici and fetch), PostgreSQL statements (pg) and PGlite
// statements (by hand, platform/tracing.ts), exported over OTLP/HTTP.
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, detectResources, envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { useTracing } from './tracing';

// Only requests worth a trace: /graphql, not the probes and scrapes that arrive every few seconds.
const TRACED_PATH = /^\/graphql(?:\?|$)/;

/**
 * The gateway's propagator: it writes traceparent on its calls to the subgraphs but reads none
 * from a client, so every request starts a new trace of ours. A client's header must not join our
 * traces, pick their ids or steer their sampling. The subgraphs continue the gateway's (W3C).
 */
class OutgoingOnly implements TextMapPropagator {
  private readonly w3c = new W3CTraceContextPropagator();
  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    this.w3c.inject(ctx, carrier, setter);
  }
  extract(ctx: Context, _carrier: unknown, _getter: TextMapGetter): Context {
    return ctx;
  }
  fields(): string[] {
    return this.w3c.fields();
  }
}

function packageVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Starts tracing for the service `name` (its manifest name; OTEL_SERVICE_NAME overrides it). */
export function startTracing(name: string): void {
  const version = packageVersion();
  // Later resources win: ours over the SDK's defaults, the environment's (OTEL_SERVICE_NAME,
  // OTEL_RESOURCE_ATTRIBUTES) over ours.
  const resource = defaultResource()
    .merge(detectResources({ detectors: [hostDetector, processDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: name, ...(version ? { [ATTR_SERVICE_VERSION]: version } : {}) }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register({ propagator: name === 'gateway' ? new OutgoingOnly() : new W3CTraceContextPropagator() });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => !TRACED_PATH.test(request.url ?? '') }),
      new UndiciInstrumentation(),
      // Statements outside a request (migrations, readiness checks) make no traces of their own.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  const tracer = provider.getTracer('atrocity-prevention-hub');
  useTracing({
    ids() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { traceId: span.traceId, spanId: span.spanId } : undefined;
    },
    statement(sql, run) {
      if (!trace.getActiveSpan()) return run();
      const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
      // As instrumentation-pg describes PostgreSQL's statements (the stable names), and under the
      // older db.system / db.statement too: the statement text, never its values.
      const attributes = {
        'db.system.name': 'postgresql',
        'db.query.text': sql,
        'db.operation.name': operation,
        'db.system': 'postgresql',
        'db.statement': sql,
      };
      return tracer.startActiveSpan(`pglite.query:${operation}`, { kind: SpanKind.CLIENT, attributes }, context.active(), async (span) => {
        try {
          return await run();
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      });
    },
    flush: () => provider.shutdown(),
  });
}
