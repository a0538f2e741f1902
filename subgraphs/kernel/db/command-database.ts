// Opens a subgraph's database for a command run on the server (`npm run import`, `npm run export`)
// exactly as that subgraph's service opens it: the PostgreSQL server of its DATABASE_URL, or PGlite
// under PGLITE_DIR/<name>. One home for it, so a command never reads a database the service would not.
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { defaultPortOf } from '../../../platform/manifest';
import type { SubgraphModule } from '../service/subgraph-service';
import { readServiceConfig } from '../service/config';
import { openPGlite, openSubgraphDatabase, type DatabaseTarget } from './database';

export interface CommandDatabase {
  db: DataSource;
  /** "PostgreSQL (DATABASE_URL)" or the PGlite folder, for messages. */
  where: string;
  close: () => Promise<void>;
}

export interface CommandDatabaseOptions {
  env?: NodeJS.ProcessEnv;
  /** PostgreSQL connections the command may hold. */
  poolSize?: number;
  /** A PGlite folder that does not exist is not created: the answer is then `missing`. */
  existingOnly?: boolean;
}

/**
 * The subgraph's database, migrated; or, with `existingOnly`, `{ missing }` naming the PGlite folder
 * that is not there. Throws FolderInUseError, before anything is written, while a running service
 * holds the PGlite folder.
 */
type CommandModule = Pick<SubgraphModule, 'name' | 'entities' | 'migrations'>;
export async function openCommandDatabase(
  module: CommandModule,
  options?: CommandDatabaseOptions & { existingOnly?: false },
): Promise<CommandDatabase>;
export async function openCommandDatabase(module: CommandModule, options: CommandDatabaseOptions): Promise<CommandDatabase | { missing: string }>;
export async function openCommandDatabase(
  module: CommandModule,
  { env = process.env, poolSize = 2, existingOnly = false }: CommandDatabaseOptions = {},
): Promise<CommandDatabase | { missing: string }> {
  const config = readServiceConfig(module.name, defaultPortOf(module.name), env);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.pgliteDir}`;
  if (!config.databaseUrl && existingOnly && !existsSync(config.pgliteDir)) return { missing: where };
  let target: DatabaseTarget;
  let closeGate = async () => {};
  if (config.databaseUrl) target = { kind: 'postgres', url: config.databaseUrl, poolSize };
  else {
    const gate = await openPGlite(config.pgliteDir);
    target = { kind: 'pglite', gate };
    closeGate = () => gate.close();
  }
  try {
    const db = await openSubgraphDatabase({ schema: module.name, entities: module.entities, migrations: module.migrations, target });
    return {
      db,
      where,
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
