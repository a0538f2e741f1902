// Reads incidents from JSON lines (one JSON object per line, keys as in incident-fields.ts), as a
// stream: one line in memory at a time, whatever the file's size.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { FIELD_NAMES, type RawIncident, type RawRow } from './incident-fields';

// A record longer than this is almost certainly not one incident (e.g. a whole file without
// newlines); refusing it keeps memory bounded.
const MAX_LINE_CHARS = 1_000_000;

export interface JsonLinesReadResult {
  rows: AsyncGenerator<RawRow>;
  /** Keys the reader ignores, as seen so far (at most 50 listed). */
  ignored: () => string[];
}

export function readJsonLines(input: Readable): JsonLinesReadResult {
  const ignored = new Set<string>();

  function toRow(text: string, line: number): RawRow | null {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { line, values: {}, unreadable: `the line is not valid JSON: ${(error as Error).message}` };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { line, values: {}, unreadable: 'the line is not a JSON object' };
    }
    const values: RawIncident = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (FIELD_NAMES.has(key)) values[key as keyof RawIncident] = value;
      else if (ignored.size < 50) ignored.add(key);
    }
    return { line, values };
  }

  async function* rows(): AsyncGenerator<RawRow> {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let line = 0;
    let overlong = false;
    for await (const chunk of input) {
      const parts = (pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))).split('\n');
      pending = parts.pop()!;
      for (const text of parts) {
        line += 1;
        if (overlong) {
          overlong = false;
          yield { line, values: {}, unreadable: `the line is longer than ${MAX_LINE_CHARS} characters` };
          continue;
        }
        const row = toRow(line === 1 ? text.replace(/^\uFEFF/, '') : text, line);
        if (row) yield row;
      }
      if (pending.length > MAX_LINE_CHARS) {
        overlong = true;
        pending = '';
      }
    }
    pending += decoder.end();
    if (overlong) yield { line: line + 1, values: {}, unreadable: `the line is longer than ${MAX_LINE_CHARS} characters` };
    else if (pending.trim() !== '') {
      const row = toRow(line === 0 ? pending.replace(/^\uFEFF/, '') : pending, line + 1);
      if (row) yield row;
    }
  }

  return { rows: rows(), ignored: () => [...ignored] };
}
