// `npm run restore -- <dir> [--force]`: puts a backup taken by `npm run backup` back. Refuses a
// target that holds data unless --force, and a running hub always. See README "Backup and restore".
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { backupTarget, Refusal, restore } from './hub-backup';
import { SUBGRAPHS } from './subgraphs';

const SUBGRAPH_NAMES = SUBGRAPHS.map((subgraph) => subgraph.name);

const USAGE = `Usage: npm run restore -- <dir> [--force]

Restores the schemas of the hub's subgraphs (${SUBGRAPH_NAMES.join(', ')}) from a backup folder into the database
the hub uses: DATABASE_URL (pg_restore) or the PGlite folders under PGLITE_DIR (default .data/pglite).
Stop the hub first. A target that already holds the hub's data is refused unless --force, which
replaces it; if the restore fails, the data that was there is kept.

Exit status: 0 restored, 2 usage error, 3 refused (nothing changed), 4 failed.`;

async function main(argv: string[]): Promise<number> {
  let dir: string;
  let force: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error(positionals.length ? 'give exactly one folder' : 'the backup folder is required');
    dir = positionals[0];
    force = values.force!;
  } catch (error) {
    process.stderr.write(`restore: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const target = backupTarget();
  try {
    const manifest = await restore({ target, dir, schemas: SUBGRAPH_NAMES, force });
    process.stderr.write(
      `Restored ${manifest.schemas.join(', ')} (backed up ${manifest.takenAt}) from ${dir} into ${target.kind === 'postgres' ? 'PostgreSQL' : `PGlite under ${target.root}`}.\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`restore: ${(error as Error).message}\n`);
    return error instanceof Refusal ? 3 : 4;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`restore: ${(error as Error).stack ?? error}\n`);
      process.exit(4);
    },
  );
}
