// Opens the situations database for the import and export commands exactly as the situations
// service opens it: the PostgreSQL server of DATABASE_URL, or PGlite under PGLITE_DIR/situations.
import { openCommandDatabase, type CommandDatabase } from '../../kernel/db/command-database';
import type { FolderInUseError } from '../../kernel/db/folder-lock';
import { situationsSubgraph } from '../index';

export type SituationsDatabase = CommandDatabase;

export async function openSituationsDatabase(env: NodeJS.ProcessEnv = process.env): Promise<SituationsDatabase> {
  return openCommandDatabase(situationsSubgraph, { env });
}

/**
 * What the import and export commands say when a running situations service holds the PGlite
 * folder: the command did nothing, and the way to do it through the running hub instead.
 */
export function heldByRunningHub(command: 'import' | 'export', error: FolderInUseError): string {
  const instead =
    command === 'import'
      ? 'Import through the running hub instead, with the importIncidents mutation at the gateway (README: "Bulk import and export")'
      : 'Read the incidents through the running hub instead, with the incidents query at the gateway';
  return [
    `${command}: the hub is running on ${error.dir} (process ${error.pid} holds it), so nothing was ${command}ed.`,
    "A PGlite folder is one process's: the running hub would not see what another process writes there, and could be corrupted by it.",
    `${instead}, or stop the hub (Ctrl-C in \`npm start\`) and run this command again.`,
  ].join('\n');
}
