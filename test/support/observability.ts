// What the tests read of a service's operator view: its log lines (captured from the process's
// logger, platform/logger.ts) and its metrics (GET /metrics, parsed from the Prometheus text format).
import { Writable } from 'node:stream';
import { logTo } from '../../platform/logger';
import { baseOf, send } from './network';

export type LogLine = Record<string, unknown> & { level: string; message: string; service?: string; requestId?: string };

/** Every log line written from now on, parsed, until stop(); LOG_LEVEL is set to `level` meanwhile. */
export function captureLogs(level = 'info'): { lines: LogLine[]; text: () => string; stop: () => void } {
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = level;
  const chunks: string[] = [];
  const lines: LogLine[] = [];
  let partial = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = partial + chunk.toString('utf8');
      chunks.push(chunk.toString('utf8'));
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as LogLine);
      done();
    },
  });
  logTo(stream);
  return {
    lines,
    text: () => chunks.join(''),
    stop: () => {
      logTo(null);
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    },
  };
}

/** One sample of a scrape: metric name (with _bucket/_sum/_count), labels and value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format (what prom-client writes). */
export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[label[1]] = label[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** A service's metrics, scraped from the /metrics beside its /graphql `url`. */
export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const answer = await send(`${baseOf(url)}/metrics`, { headers });
  if (answer.status !== 200) throw new Error(`GET /metrics answered ${answer.status}: ${answer.text}`);
  return parseMetrics(answer.text);
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
