// Migration tests from a schema that is already in use: a subgraph's database opened at the
// migrations `main` had before issue 16 (the Office's model), filled with rows of that shape by the
// test, then brought to the current model by the migrations that came after, as a deployed database
// would be on its next start.
import type { DataSource } from 'typeorm';
import { openSubgraphDatabase, type DatabaseTarget } from '../../subgraphs/kernel/db/database';
import type { SubgraphModule } from '../../subgraphs/kernel/service/subgraph-service';

/** The last migration timestamp every subgraph had before issue 16 (the audit layout). */
export const BEFORE_ISSUE_16 = 1796200000000;

/** A migration class's timestamp: TypeORM names them <Name><13-digit timestamp>. */
export function migrationTimestamp(migration: unknown): number {
  const name = typeof migration === 'function' ? migration.name : String(migration);
  const match = /(\d{13})$/.exec(name);
  if (!match) throw new Error(`migration ${name} has no timestamp at the end of its name`);
  return Number(match[1]);
}

function migrationsUpTo(module: SubgraphModule, last: number): SubgraphModule['migrations'] {
  const all = module.migrations as unknown[];
  return all.filter((m) => migrationTimestamp(m) <= last) as SubgraphModule['migrations'];
}

/** The subgraph's database as it stood before issue 16: only the migrations up to BEFORE_ISSUE_16 run. */
export async function openBeforeIssue16(module: SubgraphModule, target: DatabaseTarget): Promise<DataSource> {
  const migrations = migrationsUpTo(module, BEFORE_ISSUE_16);
  if ((migrations as unknown[]).length === (module.migrations as unknown[]).length)
    throw new Error(`${module.name} has no migration after ${BEFORE_ISSUE_16}: nothing to upgrade`);
  return openSubgraphDatabase({ schema: module.name, entities: module.entities, migrations, target });
}

/** The subgraph's database as it stood at migration `last` (a timestamp): the schema before a later change. */
export async function openAtMigration(module: SubgraphModule, target: DatabaseTarget, last: number): Promise<DataSource> {
  const migrations = migrationsUpTo(module, last);
  if ((migrations as unknown[]).length === (module.migrations as unknown[]).length)
    throw new Error(`${module.name} has no migration after ${last}: nothing to upgrade`);
  return openSubgraphDatabase({ schema: module.name, entities: module.entities, migrations, target });
}

/**
 * Closes `old` and opens the same database with all of the subgraph's migrations, so the ones after
 * BEFORE_ISSUE_16 run over whatever the test stored. The target stays open (a PGlite gate is not
 * closed by closing a data source on it).
 */
export async function upgradeToCurrent(old: DataSource, module: SubgraphModule, target: DatabaseTarget): Promise<DataSource> {
  await old.destroy();
  return openSubgraphDatabase({ schema: module.name, entities: module.entities, migrations: module.migrations, target });
}
