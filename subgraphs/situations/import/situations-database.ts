// Opens the situations database for the import and export commands exactly as the situations
// service opens it: the PostgreSQL server of DATABASE_URL, or PGlite under PGLITE_DIR/situations.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { readServiceConfig } from '../../kernel/config';
import { openPGlite, openSubgraphDatabase, type DatabaseTarget } from '../../kernel/database';
import { situationsSubgraph } from '../index';

export interface SituationsDatabase {
  db: DataSource;
  /** "PostgreSQL" or the PGlite folder, for messages. */
  where: string;
  /** Set when PGlite's folder looks open elsewhere: two processes on one folder corrupt it. */
  warning?: string;
  close: () => Promise<void>;
}

export async function openSituationsDatabase(env: NodeJS.ProcessEnv = process.env): Promise<SituationsDatabase> {
  const config = readServiceConfig(situationsSubgraph.name, situationsSubgraph.defaultPort, env);
  let warning: string | undefined;
  let target: DatabaseTarget;
  let closeGate = async () => {};
  if (config.databaseUrl) {
    target = { kind: 'postgres', url: config.databaseUrl, poolSize: 2 };
  } else {
    // PGlite leaves postmaster.pid in its folder while open (and after a crash). It holds no real
    // process id, so it cannot tell which: warn rather than refuse.
    if (existsSync(path.join(config.pgliteDir, 'postmaster.pid'))) {
      warning = `The PGlite folder ${config.pgliteDir} is in use by another process or was not closed cleanly. If the situations service is running on it, stop it first: one folder can be open in one process only.`;
    }
    const gate = await openPGlite(config.pgliteDir);
    target = { kind: 'pglite', gate };
    closeGate = () => gate.db.close();
  }
  try {
    const db = await openSubgraphDatabase({ schema: situationsSubgraph.name, entities: situationsSubgraph.entities, migrations: situationsSubgraph.migrations, target });
    return {
      db,
      where: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.pgliteDir}`,
      warning,
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
