// A node-postgres-shaped pool over one PGlite instance, for TypeORM's postgres driver.
// PGlite is a single session: two requests that each open a transaction on it would share
// one transaction. This pool therefore hands its one client to one borrower at a time and
// queues the rest, which gives every TypeORM query runner a session of its own, as pg does.
// (typeorm-pglite shares a process-wide singleton session without such a queue.)
import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import { traceStatement } from '../../../platform/tracing';

type PGliteResult = { rows: unknown[]; affectedRows?: number; fields: { name: string; dataTypeID: number }[] };

type Callback<T> = (error: Error | null, value?: T) => void;

interface QueryResultLike {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: unknown[];
}

/** A JS array as a PostgreSQL array literal, as node-postgres sends it. PGlite would send
 * "A,B" for an array of a type it does not know (an enum array), which PostgreSQL rejects. */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return arrayLiteral(value);
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

// OIDs from here on are user-defined types (our enums). node-postgres does not know their
// array types and hands TypeORM the literal text, which TypeORM then parses; PGlite, once it
// has loaded the types, returns JS arrays instead. Give TypeORM the text it expects.
const FIRST_USER_OID = 16384;

function asNodePostgresRows(rows: unknown[], fields: { name: string; dataTypeID: number }[]): unknown[] {
  const userTyped = fields.filter((f) => f.dataTypeID >= FIRST_USER_OID).map((f) => f.name);
  if (userTyped.length === 0) return rows;
  for (const row of rows as Record<string, unknown>[]) {
    for (const name of userTyped) {
      if (Array.isArray(row[name])) row[name] = arrayLiteral(row[name] as unknown[]);
    }
  }
  return rows;
}

function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*)*([a-zA-Z]+)/.exec(sql);
  return match ? match[1].toUpperCase() : '';
}

class PGliteClient extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    /** Told each statement's duration in seconds (hub_db_query_duration_seconds). */
    private readonly observe?: (seconds: number) => void,
  ) {
    super();
  }

  /** As node-postgres: text and values, or a statement object `{ name, text, values }` (PGlite has no named statements; the name is ignored). */
  async query(
    statement: string | { text: string; values?: unknown[] },
    params?: unknown[] | Callback<QueryResultLike>,
    callback?: Callback<QueryResultLike>,
  ): Promise<QueryResultLike> {
    const sql = typeof statement === 'string' ? statement : statement.text;
    const cb = typeof params === 'function' ? params : callback;
    const values = typeof statement === 'string' ? (Array.isArray(params) ? params : undefined) : statement.values;
    const started = performance.now();
    try {
      // No instrumentation sees PGlite: the statement's span is made here, where it is timed.
      const result = await traceStatement(sql, async (): Promise<PGliteResult> => {
        if (values && values.length > 0) {
          return this.db.query(
            sql,
            values.map((value) => (Array.isArray(value) ? arrayLiteral(value) : value)),
          );
        }
        // exec accepts several statements (migrations send them); TypeORM wants the last result.
        const results = await this.db.exec(sql);
        return results[results.length - 1] ?? { rows: [], fields: [] };
      });
      const shaped = {
        rows: asNodePostgresRows(result.rows, result.fields),
        rowCount: result.affectedRows ?? result.rows.length,
        command: commandOf(sql),
        fields: result.fields,
      };
      this.observe?.((performance.now() - started) / 1000);
      cb?.(null, shaped);
      return shaped;
    } catch (error) {
      this.observe?.((performance.now() - started) / 1000);
      cb?.(error as Error);
      throw error;
    }
  }
}

/** Serialises access to one PGlite session; shared by every DataSource that uses the instance. */
export class PGliteGate {
  private tail: Promise<void> = Promise.resolve();
  /** Borrowers that asked for the session and have not given it back: the holder and those queued. */
  private borrowers = 0;

  constructor(
    readonly db: PGlite,
    /** Releases what holds the database for this process: its folder's lock (kernel/db/folder-lock.ts). */
    private readonly release?: () => void,
  ) {}

  /** Closes the database, then releases its folder for other processes. */
  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      this.release?.();
    }
  }

  /** The session as a pool of one connection, in pg's terms (hub_db_pool_connections). */
  get counts(): { total: number; idle: number; waiting: number } {
    return { total: 1, idle: this.borrowers === 0 ? 1 : 0, waiting: Math.max(0, this.borrowers - 1) };
  }

  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    this.borrowers++;
    return previous.then(() => {
      let released = false;
      return () => {
        if (!released) {
          released = true;
          this.borrowers--;
          release();
        }
      };
    });
  }
}

/** Builds the `driver` object TypeORM expects in place of the `pg` module. */
export function pgliteDriver(gate: PGliteGate, observe?: (seconds: number) => void): { Pool: new (options: unknown) => EventEmitter } {
  class PGlitePool extends EventEmitter {
    private readonly client = new PGliteClient(gate.db, observe);
    private ended = false;

    // TypeORM passes pg's connection options; a PGlite session has none to use.
    constructor(_options?: unknown) {
      super();
    }

    connect(callback?: (error: Error | null, client?: PGliteClient, release?: (error?: unknown) => void) => void): Promise<PGliteClient> | void {
      if (this.ended) {
        const error = new Error('PGlite pool has been closed');
        if (callback) return callback(error);
        return Promise.reject(error);
      }
      const borrowed = gate.acquire().then((release) => ({ client: this.client, release }));
      if (callback) {
        borrowed.then(
          ({ client, release }) => callback(null, client, () => release()),
          (error) => callback(error),
        );
        return;
      }
      return borrowed.then(({ client }) => client);
    }

    /** As pg's Pool.query: a text and values, or a query config; PGlite plans each statement anew, so a config's name is not used. */
    async query(sql: string | { text: string; values?: unknown[] }, params?: unknown[]): Promise<QueryResultLike> {
      const release = await gate.acquire();
      try {
        return typeof sql === 'string' ? await this.client.query(sql, params) : await this.client.query(sql.text, sql.values);
      } finally {
        release();
      }
    }

    // pg's Pool counts, read by the pool gauge.
    get totalCount(): number {
      return gate.counts.total;
    }

    get idleCount(): number {
      return gate.counts.idle;
    }

    get waitingCount(): number {
      return gate.counts.waiting;
    }

    end(callback?: (error?: Error | null) => void): Promise<void> | void {
      // The PGlite instance belongs to whoever created it; the pool only stops lending it.
      this.ended = true;
      if (callback) return callback(null);
      return Promise.resolve();
    }
  }
  return { Pool: PGlitePool };
}
