// What the import and export commands share: reading their arguments (a usage error prints the
// message and the usage, exit 2; --help prints the usage, exit 0) and opening the situations
// database (the running hub holding the PGlite folder is exit 4, any other failure exit 3).
import { FolderInUseError } from '../subgraphs/kernel/db/folder-lock';
import { heldByRunningHub, openSituationsDatabase, type SituationsDatabase } from '../subgraphs/situations/import/situations-database';

/** A mistake in the command line: printed with the usage. */
export class UsageError extends Error {}

export type Command = 'import' | 'export';

/** The arguments `read` makes of argv, or the exit status once help or a usage error is printed. */
export function commandArguments<T>(command: Command, argv: string[], read: (argv: string[]) => T | 'help', usage: string): T | number {
  let args: T | 'help';
  try {
    args = read(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${command}: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return args;
}

/** The situations database, or the exit status once why it cannot be opened is printed. */
export async function openForCommand(command: Command): Promise<SituationsDatabase | number> {
  try {
    return await openSituationsDatabase();
  } catch (error) {
    if (error instanceof FolderInUseError) {
      process.stderr.write(`${heldByRunningHub(command, error)}\n`);
      return 4;
    }
    process.stderr.write(`${command}: cannot open the situations database: ${(error as Error).message}\n`);
    return 3;
  }
}
