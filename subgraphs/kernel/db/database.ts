// Opens a subgraph's database: the PostgreSQL server named by DATABASE_URL, or embedded PGlite
// when it is unset. Each subgraph lives in its own PostgreSQL schema (and, under PGlite started
// by `npm start`, in its own data folder), and runs its committed migrations at start-up.
// On PostgreSQL it also keeps track of whether the server answers, so that requests fail at once
// while it is down and the service recovers by itself when it is back.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DataSource, MigrationExecutor, type EntitySchema, type Migration, type MixedList } from 'typeorm';
import { lockFolder } from './folder-lock';
import { PGliteGate, pgliteDriver } from './pglite-pool';
import { logger } from '../../../platform/logger';
import { metricsOf, type PoolCounts } from '../../../platform/metrics';
import { AuditEvent } from '../audit/audit-event.entity';
import { IdempotencyKey } from '../write/idempotency';

export interface DatabaseLimits {
  /** How long opening a connection to PostgreSQL may take before the query fails. */
  connectTimeoutMs: number;
  /** PostgreSQL's statement_timeout for every statement a request runs (0: none). */
  statementTimeoutMs: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = { connectTimeoutMs: 3000, statementTimeoutMs: 10_000 };

export type DatabaseTarget =
  { kind: 'postgres'; url: string; poolSize?: number; limits?: Partial<DatabaseLimits> } | { kind: 'pglite'; gate: PGliteGate };

export interface SubgraphDatabaseOptions {
  /** PostgreSQL schema that holds this subgraph's tables, e.g. "situations". */
  schema: string;
  /** The subgraph's own entities; the kernel's (the audit trail, idempotency keys) are added by createDataSource. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: MixedList<Function | string | EntitySchema<any>>;
  migrations: MixedList<Function | string>;
  target: DatabaseTarget;
  /** Called with every SQL statement; tests count statements per request with it. */
  onQuery?: (sql: string) => void;
}

/**
 * Opens (and creates if needed) an embedded PGlite database; `dir` undefined means in memory.
 * A folder is locked while open (FolderInUseError when another running process has it); close it
 * with `gate.close()`, which releases the lock.
 */
export async function openPGlite(dir?: string): Promise<PGliteGate> {
  if (!dir) return new PGliteGate(await PGlite.create({}));
  mkdirSync(dir, { recursive: true });
  const unlock = lockFolder(dir);
  try {
    return new PGliteGate(await PGlite.create({ dataDir: dir }), unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

// Errors that say the server cannot be reached or dropped the connection, as opposed to a
// statement it refused: socket errors, SQLSTATE class 08 (connection exception) and 57P01-03
// (the server shutting down, crashed, or starting up), and node-postgres's own messages.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|connection error/i;

export function isConnectionError(error: unknown): boolean {
  for (let current = error, hops = 0; current && hops < 5; hops++) {
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}

// While the server is known to be down, a new probe is started at most this often.
const PROBE_INTERVAL_MS = 1000;

/** What the service knows of its PostgreSQL server between requests. */
class DatabaseHealth {
  private down = false;
  private lastProbeAt = 0;
  private probing: Promise<boolean> | undefined;

  constructor(
    private readonly schema: string,
    private readonly probeTimeoutMs: number,
  ) {}

  failed(error: unknown): void {
    if (!this.down) logger.warn('database unreachable', { schema: this.schema, reason: error instanceof Error ? error.message : String(error) });
    this.down = true;
  }

  succeeded(): void {
    if (this.down) logger.info('database reachable again', { schema: this.schema });
    this.down = false;
  }

  /** True unless the server is known to be down; then a probe runs in the background and the caller fails at once. */
  available(dataSource: DataSource): boolean {
    if (!this.down) return true;
    if (!this.probing && Date.now() - this.lastProbeAt >= PROBE_INTERVAL_MS) void this.probe(dataSource);
    return false;
  }

  probe(dataSource: DataSource): Promise<boolean> {
    this.probing ??= (async () => {
      try {
        await withTimeout(dataSource.query('SELECT 1'), this.probeTimeoutMs);
        this.succeeded();
        return true;
      } catch (error) {
        this.failed(error);
        return false;
      } finally {
        this.lastProbeAt = Date.now();
        this.probing = undefined;
      }
    })();
    return this.probing;
  }
}

const healthOf = new WeakMap<DataSource, DatabaseHealth>();

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

type Timed = { query: (...args: unknown[]) => unknown };
const timedClients = new WeakSet<object>();

/** Makes `client` tell `observe` how long each statement took, in the promise or the callback form pg-pool and TypeORM use. */
function timeStatements(client: Timed, observe: (seconds: number) => void): void {
  if (timedClients.has(client)) return;
  timedClients.add(client);
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const started = performance.now();
    const done = () => observe((performance.now() - started) / 1000);
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        done();
        return (callback as (...r: unknown[]) => unknown)(...results);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
}

/**
 * node-postgres with a pool that reports every connection attempt to `health`: a server that went
 * away is noticed by the first request that cannot connect, not only by the next readiness check.
 * Its clients report each statement's duration to `timing`.
 */
function observedPg(health: DatabaseHealth, timing: (seconds: number) => void): typeof pg {
  class ObservedPool extends pg.Pool {
    private observe(error: Error | undefined, client?: unknown): void {
      if (client) timeStatements(client as Timed, timing);
      if (!error) return health.succeeded();
      // pg-pool reports a wait for a free connection with the same message as a connection
      // attempt that timed out: a pool busy with every connection is load, not an outage.
      const busy = this.totalCount >= (this.options.max ?? 10) && /timeout exceeded/.test(error.message);
      if (!busy) health.failed(error);
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override connect(callback?: any): any {
      if (!callback) {
        return super.connect().then(
          (client) => {
            this.observe(undefined, client);
            return client;
          },
          (error: Error) => {
            this.observe(error);
            throw error;
          },
        );
      }
      return super.connect((error, client, release) => {
        this.observe(error, client);
        callback(error, client, release);
      });
    }
  }
  return Object.create(pg, { Pool: { value: ObservedPool } }) as typeof pg;
}

class CountingLogger {
  constructor(
    private readonly onQuery?: (sql: string) => void,
    private readonly health?: DatabaseHealth,
  ) {}
  logQuery(query: string) {
    this.onQuery?.(query);
  }
  logQueryError(error: string | Error, query: string) {
    if (isConnectionError(error)) this.health?.failed(error);
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

/** Tables every subgraph keeps whatever its records: its audit trail and the idempotency keys of its mutations. */
export const KERNEL_ENTITIES: readonly Function[] = [AuditEvent, IdempotencyKey];

/** A subgraph's entities with the kernel's in front, each once (a module may still list them itself). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withKernelEntities(entities: SubgraphDatabaseOptions['entities']): (Function | string | EntitySchema<any>)[] {
  const own = Array.isArray(entities) ? entities : Object.values(entities);
  return [...new Set([...KERNEL_ENTITIES, ...own])];
}

export function createDataSource(options: SubgraphDatabaseOptions): DataSource {
  const target = options.target;
  const given = target.kind === 'postgres' ? target.limits : undefined;
  const limits: DatabaseLimits = {
    connectTimeoutMs: given?.connectTimeoutMs ?? DEFAULT_DATABASE_LIMITS.connectTimeoutMs,
    statementTimeoutMs: given?.statementTimeoutMs ?? DEFAULT_DATABASE_LIMITS.statementTimeoutMs,
  };
  const health = target.kind === 'postgres' ? new DatabaseHealth(options.schema, limits.connectTimeoutMs + 1000) : undefined;
  const queryDuration = metricsOf(options.schema).dbQueryDuration;
  const observe = (seconds: number) => queryDuration.observe({ service: options.schema }, seconds);
  const common = {
    type: 'postgres' as const,
    schema: options.schema,
    entities: withKernelEntities(options.entities),
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    installExtensions: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp would need an extension.
    uuidExtension: 'pgcrypto' as const,
    logging: ['query', 'error', 'warn', 'migration'] as ('query' | 'error' | 'warn' | 'migration')[],
    logger: new CountingLogger(options.onQuery, health),
    applicationName: `hub-${options.schema}`,
  };
  if (target.kind === 'pglite') return new DataSource({ ...common, driver: pgliteDriver(target.gate, observe) });
  const dataSource = new DataSource({
    ...common,
    url: target.url,
    poolSize: target.poolSize ?? 10,
    connectTimeoutMS: limits.connectTimeoutMs,
    driver: observedPg(health!, observe),
    // An idle connection the server dropped is an outage sign; pg-pool discards the connection itself.
    poolErrorHandler: (error: unknown) => health!.failed(error),
    extra: {
      statement_timeout: limits.statementTimeoutMs,
      // No JIT compilation: the requests' statements are short, and compiling one (10-12 ms for
      // an aggregate over 10,000 situations) costs more than it saves.
      options: '-c jit=off',
      // Notices a server that vanished without closing its connections (a host or network failure).
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  });
  healthOf.set(dataSource, health!);
  return dataSource;
}

// The advisory lock key of a schema's start-up work: 64 bits of a hash of the schema's name, so
// the subgraphs sharing one database do not wait on each other (advisory locks are per database).
function startupLockKey(schema: string): string {
  return createHash('sha256').update(`hub:startup:${schema}`).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `work` while holding the schema's start-up lock on PostgreSQL: replicas of one subgraph
 * started together take turns, so one creates the schema and applies the migrations and the others
 * find them applied. The lock is a session-level advisory lock on a connection of its own, outside
 * the pool (the work uses the pool, which may have a single connection); it goes away with that
 * connection, so a replica that dies holding it blocks nobody. PGlite is one process's: no lock.
 */
async function underStartupLock<T>(options: SubgraphDatabaseOptions, work: () => Promise<T>): Promise<T> {
  const target = options.target;
  if (target.kind !== 'postgres') return work();
  const client = new pg.Client({
    connectionString: target.url,
    connectionTimeoutMillis: target.limits?.connectTimeoutMs ?? DEFAULT_DATABASE_LIMITS.connectTimeoutMs,
    application_name: `hub-${options.schema}-startup`,
  });
  // Without a listener, the server dropping this idle connection would end the process.
  client.on('error', (error) => logger.warn('start-up lock connection lost', { schema: options.schema, reason: error.message }));
  await client.connect();
  try {
    // Waiting for another replica's migrations is no statement to time out.
    await client.query('SET statement_timeout = 0');
    const key = startupLockKey(options.schema);
    const [{ locked }] = (await client.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key])).rows;
    if (!locked) {
      logger.info('waiting for another replica to finish migrating', { schema: options.schema });
      await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    }
    try {
      return await work();
    } finally {
      // Closing the connection would release it too; unlocking first says so at once.
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function applyMigrations(dataSource: DataSource, options: SubgraphDatabaseOptions): Promise<void> {
  // A subgraph's own role owns its schema but may not create schemas (database-roles.ts): it
  // creates the schema only where none was made for it, as `npm start` on a single URL does.
  const [{ present }] = await dataSource.query('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present', [options.schema]);
  if (!present) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
  const runner = dataSource.createQueryRunner();
  let applied: Migration[];
  try {
    // A migration may rightly run longer than any request: lift the statement timeout for it alone.
    if (options.target.kind === 'postgres') await runner.query('SET statement_timeout = 0');
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    applied = await executor.executePendingMigrations();
  } finally {
    if (options.target.kind === 'postgres') await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
  if (applied.length > 0) logger.info('migrations applied', { schema: options.schema, migrations: applied.map((m) => m.name) });
}

/**
 * Initialises the data source, creates its schema, applies pending migrations and then runs
 * `prepare` (the seed), all under the schema's start-up lock on PostgreSQL.
 */
export async function openSubgraphDatabase(options: SubgraphDatabaseOptions, prepare?: (db: DataSource) => Promise<void>): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    await underStartupLock(options, async () => {
      await applyMigrations(dataSource, options);
      await prepare?.(dataSource);
    });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

/** A statement written once, run under its name so the server plans it once per connection. */
export interface PreparedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * Runs `query` as a named prepared statement on the data source's pool (pg's query config; the
 * PGlite pool takes the same config, pglite-pool.ts), returning the raw rows, without TypeORM's
 * query building or hydration. It is logged like TypeORM's own statements, so statement counts
 * and the health tracking of a lost server see it too.
 */
export async function runPrepared(dataSource: DataSource, query: PreparedQuery): Promise<Record<string, unknown>[]> {
  const pool = (dataSource.driver as unknown as { master: { query(config: PreparedQuery): Promise<{ rows: Record<string, unknown>[] }> } }).master;
  dataSource.logger.logQuery(query.text, query.values);
  try {
    return (await pool.query(query)).rows;
  } catch (error) {
    dataSource.logger.logQueryError(error as Error, query.text, query.values);
    throw error;
  }
}

/** The data source's pool counts (pg's Pool or the PGlite pool), once it is open. */
export function poolCounts(dataSource: DataSource): PoolCounts | undefined {
  if (!dataSource.isInitialized) return undefined;
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : undefined;
}

/** True when the database answers a trivial query in time; used by /ready. */
export async function databaseReachable(dataSource: DataSource): Promise<boolean> {
  const health = healthOf.get(dataSource);
  if (health) return health.probe(dataSource);
  try {
    await withTimeout(dataSource.query('SELECT 1'), 5000);
    return true;
  } catch {
    return false;
  }
}

/** False while the database is known to be down: requests then fail at once instead of waiting on it. */
export async function databaseAvailable(dataSource: DataSource): Promise<boolean> {
  return healthOf.get(dataSource)?.available(dataSource) ?? true;
}
