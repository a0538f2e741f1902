// `npm run import -- --org ECOWAS --kind incidents FILE`: a partner's bulk import of incidents from
// an HXL-tagged CSV or JSON lines into the situations database. See README "How a partner publishes: bulk import and export".
import 'reflect-metadata';
import { createReadStream, createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { GraphQLError } from 'graphql';
import { FolderInUseError } from '../subgraphs/kernel/db/folder-lock';
import { Classification } from '../subgraphs/kernel/policy/ownership';
import type { SharingDefaults } from '../subgraphs/kernel/policy/sharing-defaults';
import { readStoredSharingDefaults } from '../subgraphs/partners/sharing-defaults-store';
import { importIncidents, type ImportFormat, type ImportSummary, type RowOutcome } from '../subgraphs/situations/import/incident-importer';
import { heldByRunningHub } from '../subgraphs/situations/import/situations-database';
import { commandArguments, openForCommand, UsageError } from './situations-command';

const USAGE = `Usage: npm run import -- --org CODE --kind incidents [options] FILE

Imports incidents from FILE (an HXL-tagged CSV, or JSON lines; "-" reads standard input) into the
situations database (DATABASE_URL, or PGlite under PGLITE_DIR/situations, which it refuses to open
while the hub runs on it). Rows are matched on the organisation's own ids (#meta+id).

Options:
  --org CODE              the importing organisation, owner of the incidents (e.g. ECOWAS)
  --kind incidents        what the file holds (only incidents for now)
  --format hxl|jsonl      default: jsonl for .jsonl/.ndjson files, hxl otherwise
  --classification LEVEL  ${Object.values(Classification).join(', ')}; default: the organisation's sharing
                          defaults for new incidents (read from the partners database, as the
                          importIncidents mutation applies them), AMBER when it holds none;
                          stored ones keep theirs unless this is given
  --shared-with A,B       organisations an AMBER incident is shared with (instead of the defaults')
  --report FILE           write what happened to each row as JSON lines
  --progress              show progress even when stderr is not a terminal
  --stats                 print timing and peak memory as JSON on stderr at the end
  --batch-size N          rows per transaction (default 500)

Exit status: 0 every row stored or unchanged, 1 some rows rejected (the others are stored),
2 usage error or a file that cannot be read as incidents, 3 the database failed, 4 the hub is
running on the PGlite folder (nothing imported: use the importIncidents mutation, or stop the hub).`;

interface Arguments {
  org: string;
  file: string;
  format: ImportFormat;
  classification?: Classification;
  sharedWith?: string[];
  report?: string;
  progress: boolean;
  stats: boolean;
  batchSize?: number;
}

function readArguments(argv: string[]): Arguments | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        org: { type: 'string' },
        kind: { type: 'string' },
        format: { type: 'string' },
        classification: { type: 'string' },
        'shared-with': { type: 'string' },
        report: { type: 'string' },
        progress: { type: 'boolean', default: false },
        stats: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (!values.org) throw new UsageError('--org is required');
  if (values.kind !== 'incidents')
    throw new UsageError(values.kind ? `--kind ${values.kind}: only "incidents" can be imported for now` : '--kind is required (incidents)');
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name the FILE to import' : `one FILE at a time, got ${positionals.join(' ')}`);
  const file = positionals[0];
  if (file !== '-' && (!existsSync(file) || !statSync(file).isFile())) throw new UsageError(`no such file: ${file}`);
  const format = (values.format ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'hxl')) as ImportFormat;
  if (format !== 'hxl' && format !== 'jsonl') throw new UsageError(`--format must be hxl or jsonl, got ${values.format}`);
  const classification = values.classification?.toUpperCase().replace('+', '_') as Classification | undefined;
  if (classification !== undefined && !Object.values(Classification).includes(classification)) {
    throw new UsageError(`--classification must be one of ${Object.values(Classification).join(', ')}, got ${values.classification}`);
  }
  let batchSize: number | undefined;
  if (values['batch-size'] !== undefined) {
    batchSize = Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw new UsageError('--batch-size must be a whole number from 1 to 5000');
  }
  return {
    org: values.org,
    file,
    format,
    classification,
    sharedWith: values['shared-with']
      ?.split(',')
      .map((code) => code.trim())
      .filter(Boolean),
    report: values.report,
    progress: values.progress ?? false,
    stats: values.stats ?? false,
    batchSize,
  };
}

const number = (n: number) => n.toLocaleString('en-GB');

function counts(summary: ImportSummary): string {
  return `${number(summary.created)} created, ${number(summary.updated)} updated, ${number(summary.unchanged)} unchanged, ${number(summary.rejected)} rejected`;
}

/** Progress on stderr: rewritten in place on a terminal, one line per update otherwise (--progress). */
function progressReporter(enabled: boolean, started: number) {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update(summary: ImportSummary) {
      if (!enabled) return;
      const now = Date.now();
      if (last !== 0 && now - last < 200) return;
      last = now;
      const rate = summary.rows / Math.max((now - started) / 1000, 0.001);
      const line = `importing: ${number(summary.rows)} rows (${counts(summary)}), ${number(Math.round(rate))} rows/s`;
      process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
    },
    done() {
      if (enabled && tty && last !== 0) process.stderr.write('\r\x1b[K');
    },
  };
}

async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

/**
 * The organisation's sharing defaults, as the importIncidents mutation applies them when the import
 * names no classification (the mutation asks the partners subgraph; the command reads the partners
 * database), or the exit status once why they cannot be read is printed.
 */
async function organisationDefaults(org: string): Promise<{ defaults: SharingDefaults | null; where: string } | number> {
  try {
    return await readStoredSharingDefaults(org.trim().toUpperCase());
  } catch (error) {
    if (error instanceof FolderInUseError) {
      process.stderr.write(`${heldByRunningHub('import', error)}\n`);
      return 4;
    }
    process.stderr.write(
      `import: cannot read ${org.toUpperCase()}'s sharing defaults from the partners database: ${(error as Error).message}\nNothing was imported; give --classification (and --shared-with) to import without them.\n`,
    );
    return 3;
  }
}

async function main(argv: string[]): Promise<number> {
  const args = commandArguments('import', argv, readArguments, USAGE);
  if (typeof args === 'number') return args;
  const database = await openForCommand('import');
  if (typeof database === 'number') return database;
  const sharingDefaults = args.classification === undefined ? await organisationDefaults(args.org) : undefined;
  if (typeof sharingDefaults === 'number') {
    await database.close();
    return sharingDefaults;
  }

  const started = Date.now();
  const report = args.report ? createWriteStream(args.report) : undefined;
  const firstRejections: RowOutcome[] = [];
  const progress = progressReporter(args.progress || process.stderr.isTTY === true, started);
  // Ctrl-C finishes the batch in hand, so the database and the report agree on what was stored.
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  let summary: ImportSummary;
  try {
    const input: Readable = args.file === '-' ? process.stdin : createReadStream(args.file);
    summary = await importIncidents(database.db, input, {
      org: args.org,
      classification: args.classification,
      sharedWith: args.sharedWith,
      sharingDefaults: sharingDefaults?.defaults ?? undefined,
      format: args.format,
      batchSize: args.batchSize,
      signal: interrupt.signal,
      onRow: async (outcome) => {
        if (outcome.status === 'rejected' && firstRejections.length < 5) firstRejections.push(outcome);
        if (report) await writeLine(report, JSON.stringify(outcome) + '\n');
      },
      onProgress: (sofar) => progress.update(sofar),
    });
  } catch (error) {
    progress.done();
    report?.end();
    await database.close();
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
      process.stderr.write(`import: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `import: stopped by a database error: ${(error as Error).message}\nRows already reported as stored are stored; run the same import again to finish.\n`,
    );
    return 3;
  }
  progress.done();
  if (report) {
    report.end();
    await once(report, 'finish');
  }
  await database.close();

  const source = args.file === '-' ? 'standard input' : args.file;
  process.stdout.write(
    `Imported incidents for ${args.org.toUpperCase()} from ${source} into ${database.where}: ${number(summary.rows)} rows, ${counts(summary)} in ${summary.seconds.toFixed(summary.seconds < 10 ? 2 : 1)} s.\n`,
  );
  if (summary.ignored.length > 0) process.stdout.write(`Not read (no matching field): ${summary.ignored.join(', ')}\n`);
  process.stdout.write(`${summary.sharing}\n`);
  if (sharingDefaults && !sharingDefaults.defaults)
    process.stdout.write(`No sharing defaults of ${args.org.toUpperCase()} to apply: none in the partners database (${sharingDefaults.where}).\n`);
  if (summary.stoppedEarly)
    process.stdout.write(`Stopped early: ${summary.stoppedEarly}. Run the same import again to finish; rows already stored come out unchanged.\n`);
  if (summary.rejected > 0) {
    if (report) process.stdout.write(`Why each row was rejected: ${args.report}\n`);
    else {
      for (const row of firstRejections) {
        process.stderr.write(
          `line ${row.line}${row.externalId ? ` (${row.externalId})` : ''}: ${(row.errors ?? []).map((e) => e.message).join('; ')}\n`,
        );
      }
      process.stderr.write(
        `${summary.rejected > firstRejections.length ? '...; ' : ''}run again with --report FILE for every row (a re-run changes nothing already stored).\n`,
      );
    }
  }
  if (args.stats) {
    const stats = {
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      seconds: Number(((Date.now() - started) / 1000).toFixed(2)),
      rowsPerSecond: Math.round(summary.rows / Math.max(summary.seconds, 0.001)),
      // Linux reports maxRSS in KiB.
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stderr.write(`${JSON.stringify({ stats })}\n`);
  }
  return summary.rejected > 0 || summary.stoppedEarly ? 1 : 0;
}

if (require.main === module) {
  process.env.HUB_SERVICE_NAME ??= 'import';
  process.env.LOG_LEVEL ??= 'warn';
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`import: ${(error as Error).stack ?? error}\n`);
      process.exit(3);
    },
  );
}
