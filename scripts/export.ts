// `npm run export -- --org ECOWAS --kind incidents --format hxl`: writes an organisation's incidents
// as an HXL-tagged CSV or JSON lines, in the shape `npm run import` reads back unchanged.
import 'reflect-metadata';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { partnerCode } from '../subgraphs/kernel/write/validation';
import { exportIncidents, type ExportFormat } from '../subgraphs/situations/import/incident-exporter';
import { commandArguments, openForCommand, UsageError } from './situations-command';

const USAGE = `Usage: npm run export -- --org CODE --kind incidents [--format hxl|jsonl] [--out FILE]

Writes the incidents owned by --org (oldest first) to FILE, or to standard output, as a CSV with a
human header row and an HXL hashtag row (hxl, the default) or as JSON lines (jsonl). Reads the
situations database as the import does (DATABASE_URL, or PGlite under PGLITE_DIR/situations, which it
refuses to open while the hub runs on it).

Exit status: 0 written, 2 usage error, 3 the database or the output failed, 4 the hub is running on
the PGlite folder (nothing exported: query the running hub, or stop it).`;

function readArguments(argv: string[]): { org: string; format: ExportFormat; out?: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        org: { type: 'string' },
        kind: { type: 'string' },
        format: { type: 'string', default: 'hxl' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  if (!values.org) throw new UsageError('--org is required');
  let org: string;
  try {
    org = partnerCode(values.org, 'org');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.kind !== 'incidents')
    throw new UsageError(values.kind ? `--kind ${values.kind}: only "incidents" can be exported for now` : '--kind is required (incidents)');
  if (values.format !== 'hxl' && values.format !== 'jsonl') throw new UsageError(`--format must be hxl or jsonl, got ${values.format}`);
  return { org, format: values.format, out: values.out };
}

async function main(argv: string[]): Promise<number> {
  const args = commandArguments('export', argv, readArguments, USAGE);
  if (typeof args === 'number') return args;
  const database = await openForCommand('export');
  if (typeof database === 'number') return database;
  // --out exports/ecowas.csv makes exports/ (ignored by git, as backups/ is: both hold partners' records).
  if (args.out) mkdirSync(path.dirname(args.out), { recursive: true });
  const output: Writable = args.out ? createWriteStream(args.out) : process.stdout;
  const org = args.org;
  try {
    const summary = await exportIncidents(database.db, output, {
      format: args.format,
      // The records the organisation owns. When the access policy lands, an export on behalf of a
      // user takes its "may see" condition here instead (see ExportOptions.scope).
      scope: (query, alias) => query.andWhere(`${alias}.ownerOrg = :exportOrg`, { exportOrg: org }),
    });
    if (args.out) {
      output.end();
      await once(output, 'finish');
    }
    process.stderr.write(`Exported ${summary.incidents} incidents of ${org} from ${database.where}${args.out ? ` to ${args.out}` : ''}.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`export: ${(error as Error).message}\n`);
    return 3;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  process.env.HUB_SERVICE_NAME ??= 'export';
  process.env.LOG_LEVEL ??= 'warn';
  // A reader that stops early (`| head`) closes the pipe; that is not a failure worth a stack.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 3));
  // stdout may be flushed after main resolves (a pipe), so exit only once it has drained.
  main(process.argv.slice(2)).then(
    (code) => {
      if (process.stdout.writableNeedDrain) process.stdout.once('drain', () => process.exit(code));
      else process.exit(code);
    },
    (error) => {
      process.stderr.write(`export: ${(error as Error).stack ?? error}\n`);
      process.exit(3);
    },
  );
}
