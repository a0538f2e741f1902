// Opens the situations database for the import and export commands exactly as the situations
// service opens it: the PostgreSQL server of DATABASE_URL, or PGlite under PGLITE_DIR/situations.
import type { DataSource } from 'typeorm';
import { defaultPortOf } from '../../../platform/manifest';
import { readServiceConfig } from '../../kernel/service/config';
import { openPGlite, openSubgraphDatabase, type DatabaseTarget } from '../../kernel/db/database';
import type { FolderInUseError } from '../../kernel/db/folder-lock';
import { situationsSubgraph } from '../index';

export interface SituationsDatabase {
  db: DataSource;
  /** "PostgreSQL" or the PGlite folder, for messages. */
  where: string;
  close: () => Promise<void>;
}

export async function openSituationsDatabase(env: NodeJS.ProcessEnv = process.env): Promise<SituationsDatabase> {
  const config = readServiceConfig(situationsSubgraph.name, defaultPortOf(situationsSubgraph.name), env);
  let target: DatabaseTarget;
  let closeGate = async () => {};
  if (config.databaseUrl) {
    target = { kind: 'postgres', url: config.databaseUrl, poolSize: 2 };
  } else {
    // Throws FolderInUseError, before anything is written, while the situations service has it.
    const gate = await openPGlite(config.pgliteDir);
    target = { kind: 'pglite', gate };
    closeGate = () => gate.close();
  }
  try {
    const db = await openSubgraphDatabase({
      schema: situationsSubgraph.name,
      entities: situationsSubgraph.entities,
      migrations: situationsSubgraph.migrations,
      target,
    });
    return {
      db,
      where: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.pgliteDir}`,
      close: async () => {
        await db.destroy();
        await closeGate();
      },
    };
  } catch (error) {
    await closeGate();
    throw error;
  }
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
