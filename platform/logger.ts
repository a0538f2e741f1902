// A small structured logger: one JSON line per event on stderr, so logs stay machine-readable
// in docker-compose and quiet in tests (LOG_LEVEL=silent).
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info')) as Level | 'silent';
  return ORDER[configured] ?? ORDER.info;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const original = (value as { originalError?: unknown }).originalError;
    return { name: value.name, message: value.message, stack: value.stack, ...(original ? { cause: serialise(original) } : {}) };
  }
  return value;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const entry: Record<string, unknown> = { time: new Date().toISOString(), level, service: process.env.HUB_SERVICE_NAME, message };
  for (const [key, value] of Object.entries(fields ?? {})) entry[key] = serialise(value);
  process.stderr.write(JSON.stringify(entry) + '\n');
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
