// A small structured logger: one JSON line per event on stderr, so logs stay machine-readable
// in docker-compose and quiet in tests (LOG_LEVEL=silent). A thin wrapper over pino, keeping
// the lines as they were: {"level":"info","time":"<ISO>","service":…,<fields>,"message":…}.
// A line written while a request is served carries its requestId (platform/request-context.ts),
// and while a span is active its traceId and spanId (platform/tracing.ts).
import type { Writable } from 'node:stream';
import { pino } from 'pino';
import { currentRequest } from './request-context';
import { traceIds } from './tracing';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS = new Set(['debug', 'info', 'warn', 'error', 'silent']);

// Read on every call, as before: services set LOG_LEVEL and HUB_SERVICE_NAME after importing this.
function configuredLevel(): string {
  const configured = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return LEVELS.has(configured) ? configured : 'info';
}

// The request's service first: services started in one process (the tests' hub) tell their lines apart.
// With tracing on, the active span's traceId and spanId, so a line leads to its trace.
function context(): Record<string, unknown> {
  const request = currentRequest();
  const ids = traceIds();
  return { ...(request ? { service: request.service, requestId: request.requestId } : { service: process.env.HUB_SERVICE_NAME }), ...ids };
}

function build(destination: pino.DestinationStream) {
  return pino(
    {
      level: configuredLevel(),
      base: undefined, // no pid or hostname
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: context,
    },
    destination,
  );
}

// Off the request's path: a line is only gathered, and what was gathered is written to stderr in
// one synchronous write after the current turn of the event loop, and at exit (a graceful stop's
// process.exit or an uncaught exception), so no line is lost. Pino's asynchronous destination
// (sync: false) loses the chunk it has in flight when the process exits: its exit flush skips it.
class BatchedStderr {
  private readonly stderr = pino.destination({ fd: 2, sync: true });
  private pending: string[] = [];
  private scheduled = false;

  constructor() {
    process.on('exit', () => this.flush());
  }

  write(line: string): void {
    this.pending.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.stderr.write(text);
  }
}

const stderr = new BatchedStderr();
let base = build(stderr);

/** Sends the log lines to `stream` from now on (tests read them), or back to stderr when null. */
export function logTo(stream: Writable | null): void {
  base = build(stream ?? stderr);
}

// Errors keep the shape they always had, under whatever field they are logged.
function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const original = (value as { originalError?: unknown }).originalError;
    return { name: value.name, message: value.message, stack: value.stack, ...(original ? { cause: serialise(original) } : {}) };
  }
  return value;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  const wanted = configuredLevel();
  if (base.level !== wanted) base.level = wanted;
  if (!base.isLevelEnabled(level)) return;
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialise(value);
  // A `message` field replaced the event's message before; it still does.
  const { message: override, ...rest } = entry;
  base[level](rest, typeof override === 'string' ? override : message);
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
