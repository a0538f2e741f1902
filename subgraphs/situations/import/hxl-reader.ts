// Reads incidents from a CSV file tagged with an HXL hashtag row, as a stream: one row in memory
// at a time, whatever the file's size. Header rows above the hashtag row are skipped.
import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { badInput } from '../../../platform/errors';
import { MAX_HEADER_ROWS, isHashtagRow, mapColumns, type ColumnMap } from './hxl';
import type { IncidentField, RawIncident, RawRow } from './incident-fields';

// A cell an export escaped against formula injection: "'=..." goes back to "=...", and "''=..."
// to "'=...". Keep this in step with the exporter's escapeFormula().
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

function cellText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

function toRaw(cells: readonly string[], columns: ColumnMap): Pick<RawRow, 'values' | 'columns'> {
  const values: RawIncident = {};
  const hashtags: Partial<Record<IncidentField, string>> = {};
  for (const [field, index] of columns.single) {
    values[field] = cellText(cells[index]);
    hashtags[field] = columns.hashtags.get(index);
  }
  if (columns.actors.length > 0) {
    values.actors = columns.actors.map((index) => cellText(cells[index]));
    hashtags.actors = columns.hashtags.get(columns.actors[0]);
  }
  return { values, columns: hashtags };
}

export interface HxlReadResult {
  rows: AsyncGenerator<RawRow>;
  /** Column headers the reader ignores; known once the first row has been read. */
  ignored: () => string[];
}

/**
 * Yields the data rows below the hashtag row. Throws BAD_USER_INPUT before the first row when
 * no hashtag row is found in the first MAX_HEADER_ROWS + 1 rows or a required column is missing.
 * A row the CSV parser cannot read is yielded as `unreadable` and reading goes on.
 */
export function readHxlCsv(input: Readable): HxlReadResult {
  let ignored: string[] = [];
  async function* rows(): AsyncGenerator<RawRow> {
    const skipped: RawRow[] = [];
    const parser = input.pipe(
      parse({
        bom: true,
        info: true,
        relax_column_count: true,
        skip_records_with_error: true,
        on_skip: (error: CsvError | undefined) => {
          const line = (error as { lines?: number } | undefined)?.lines ?? 0;
          skipped.push({ line, values: {}, unreadable: `the CSV row cannot be read: ${error?.message ?? 'malformed'}` });
          return undefined;
        },
      }),
    );
    input.once('error', (error) => parser.destroy(error));
    let columns: ColumnMap | undefined;
    let rowsAbove = 0;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // Rows the parser skipped above this record, in file order; above the hashtag row they
      // are header rows, and nobody's concern.
      while (skipped.length > 0 && skipped[0].line < info.lines) {
        const row = skipped.shift()!;
        if (columns) yield row;
      }
      if (!columns) {
        rowsAbove += 1;
        if (isHashtagRow(record)) {
          columns = mapColumns(record);
          ignored = columns.ignored;
        } else if (rowsAbove > MAX_HEADER_ROWS) {
          throw badInput(`No HXL hashtag row (such as "#date,#country+code,...") in the first ${MAX_HEADER_ROWS + 1} rows of the file.`);
        }
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { line: info.lines, ...toRaw(record, columns) };
    }
    if (!columns) throw badInput('No HXL hashtag row (such as "#date,#country+code,...") found: the file has no incidents to read.');
    yield* skipped;
  }
  return { rows: rows(), ignored: () => ignored };
}
