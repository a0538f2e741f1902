// `npm run backup -- <dir>`: a backup of the data of the subgraphs built on our kernel into a new folder (pg_dump of
// their schemas on PostgreSQL, PGlite's own dump of each folder on PGlite). See README "Backup and restore".
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { backup, backupTarget, Refusal } from './hub-backup';
import { SUBGRAPHS } from './subgraphs';

const SUBGRAPH_NAMES = SUBGRAPHS.map((subgraph) => subgraph.name);

const USAGE = `Usage: npm run backup -- <dir>

Backs up the schemas of the hub's subgraphs (${SUBGRAPH_NAMES.join(', ')}) into <dir>, which must be new or empty.
On PostgreSQL (DATABASE_URL set) runs pg_dump, which may run while the hub serves. On PGlite (folders
under PGLITE_DIR, default .data/pglite) the hub must be stopped: a folder in use is refused.

Exit status: 0 backed up, 2 usage error, 3 refused (nothing written), 4 failed.`;

async function main(argv: string[]): Promise<number> {
  let dir: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error(positionals.length ? 'give exactly one folder' : 'the backup folder is required');
    dir = positionals[0];
  } catch (error) {
    process.stderr.write(`backup: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const target = backupTarget();
  try {
    const manifest = await backup({ target, dir, schemas: SUBGRAPH_NAMES });
    process.stderr.write(
      `Backed up ${manifest.schemas.join(', ')} from ${target.kind === 'postgres' ? 'PostgreSQL' : `PGlite under ${target.root}`} to ${dir} (${manifest.files.join(', ')}).\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`backup: ${(error as Error).message}\n`);
    return error instanceof Refusal ? 3 : 4;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`backup: ${(error as Error).stack ?? error}\n`);
      process.exit(4);
    },
  );
}
