// Opens a subgraph's database: the PostgreSQL server named by DATABASE_URL, or embedded PGlite
// when it is unset. Each subgraph lives in its own PostgreSQL schema (and, under PGlite started
// by `npm start`, in its own data folder), and runs its committed migrations at start-up.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { PGliteGate, pgliteDriver } from './pglite-pool';
import { logger } from './logger';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; gate: PGliteGate };

export interface SubgraphDatabaseOptions {
  /** PostgreSQL schema that holds this subgraph's tables, e.g. "situations". */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: MixedList<Function | string | EntitySchema<any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  migrations: MixedList<Function | string>;
  target: DatabaseTarget;
  /** Called with every SQL statement; tests count statements per request with it. */
  onQuery?: (sql: string) => void;
}

/** Opens (and creates if needed) an embedded PGlite database; `dir` undefined means in memory. */
export async function openPGlite(dir?: string): Promise<PGliteGate> {
  if (dir) mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir ? { dataDir: dir } : {});
  return new PGliteGate(db);
}

class CountingLogger {
  constructor(private readonly onQuery?: (sql: string) => void) {}
  logQuery(query: string) {
    this.onQuery?.(query);
  }
  logQueryError(error: string | Error, query: string) {
    logger.debug('query failed', { error: String(error), query });
  }
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration(message: string) {
    logger.debug(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') logger.warn(String(message));
  }
}

export function createDataSource(options: SubgraphDatabaseOptions): DataSource {
  const common = {
    type: 'postgres' as const,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp would need an extension.
    uuidExtension: 'pgcrypto' as const,
    logging: ['query', 'error', 'warn', 'migration'] as ('query' | 'error' | 'warn' | 'migration')[],
    logger: new CountingLogger(options.onQuery),
    applicationName: `hub-${options.schema}`,
  };
  if (options.target.kind === 'postgres') {
    return new DataSource({ ...common, url: options.target.url, poolSize: options.target.poolSize ?? 10, connectTimeoutMS: 5000 });
  }
  return new DataSource({ ...common, driver: pgliteDriver(options.target.gate) });
}

/** Initialises the data source, creates its schema and applies pending migrations. */
export async function openSubgraphDatabase(options: SubgraphDatabaseOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) logger.info('migrations applied', { schema: options.schema, migrations: applied.map((m) => m.name) });
  return dataSource;
}

/** True when the database answers a trivial query; used by /ready. */
export async function databaseReachable(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
