// Reads written once as SQL for the hot paths (loaders, the situations list, entity references):
// a statement is declared at module level over the parts below, compiled once per database and
// kind of viewer by the policed reader (reading.ts readVisibleSql, aggregateVisibleSql), which
// puts the access policy in, and run as a named prepared statement. Rows come back raw and are
// mapped here to the entity objects TypeORM would have built, without its query building.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** What a statement's SQL is written with; `visible` is the only way it gets the access policy. */
export interface SqlParts {
  /** The schema-qualified table of `entity`. */
  table(entity: EntityTarget<ObjectLiteral>): string;
  /** Every column of `entity` under `alias`, as the select list `entityRow` maps. */
  columns(entity: EntityTarget<ObjectLiteral>, alias: string): string;
  /** The access policy for `entity` under `alias`, in brackets. */
  visible(entity: EntityTarget<ObjectLiteral>, alias: string): string;
  /** The sensitive rows of `alias` (primary key column `key`) an aggregate covers, as the select item the reader audits. */
  contributors(alias: string, key: string): string;
}

/** A read of `entity` rows (aliased `alias`), mapped to entity objects and audited as readVisible does. */
export interface RowStatement<T> {
  kind: 'rows';
  name: string;
  entity: EntityTarget<T & ObjectLiteral>;
  alias: string;
  sql: (parts: SqlParts) => string;
}

/** An aggregate over `entity` rows (aliased `alias`), returned raw; the rows it covers are audited as aggregateVisible does. */
export interface AggregateStatement<R> {
  kind: 'aggregate';
  name: string;
  entity: EntityTarget<ObjectLiteral>;
  alias: string;
  sql: (parts: SqlParts) => string;
  /** Only for the row type. */
  _row?: R;
}

/** Declares a read of entity rows; `name` is unique among statements. `$1`.. in `sql` are the caller's parameters. */
export function rowStatement<T>(
  name: string,
  entity: EntityTarget<T & ObjectLiteral>,
  alias: string,
  sql: (parts: SqlParts) => string,
): RowStatement<T> {
  return { kind: 'rows', name, entity, alias, sql };
}

/** Declares an aggregate whose select list includes `parts.contributors(alias, key)`. */
export function aggregateStatement<R>(
  name: string,
  entity: EntityTarget<ObjectLiteral>,
  alias: string,
  sql: (parts: SqlParts) => string,
): AggregateStatement<R> {
  return { kind: 'aggregate', name, entity, alias, sql };
}

interface EntityShape {
  /** The select list over `{alias}`, one output column per entity column. */
  columns: string[];
  build(raw: Record<string, unknown>): ObjectLiteral;
}

const shapes = new WeakMap<DataSource, Map<unknown, EntityShape>>();

/**
 * How raw rows of `entity` become entity objects, as TypeORM hydrates them: dates as the text
 * PostgreSQL writes ('YYYY-MM-DD'), enum arrays as arrays, and JSON parsed the first time it is
 * read (most reads never touch it), on an instance of the entity class.
 */
function shapeOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): EntityShape {
  let byEntity = shapes.get(db);
  if (!byEntity) shapes.set(db, (byEntity = new Map()));
  const known = byEntity.get(entity);
  if (known) return known;
  const metadata = db.getMetadata(entity);
  const target = metadata.target as new () => ObjectLiteral;
  const columns = metadata.columns.map((column) => {
    const type = String(column.type);
    const json = type === 'jsonb' || type === 'json';
    const cast = type === 'date' || json ? '::text' : column.isArray && type === 'enum' ? '::text[]' : '';
    return {
      property: column.propertyName,
      output: column.databaseName,
      json,
      select: `{alias}."${column.databaseName}"${cast} AS "${column.databaseName}"`,
    };
  });
  const plain = columns.filter((c) => !c.json);
  const lazy = columns.filter((c) => c.json);
  const shape: EntityShape = {
    columns: columns.map((c) => c.select),
    build(raw) {
      const record = new target();
      for (const c of plain) record[c.property] = raw[c.output];
      for (const c of lazy) {
        const text = raw[c.output] as string | null;
        let parsed: unknown;
        let done = false;
        Object.defineProperty(record, c.property, {
          enumerable: true,
          configurable: true,
          get: () => {
            if (!done) [parsed, done] = [text === null ? null : JSON.parse(text), true];
            return parsed;
          },
          set: (value: unknown) => {
            [parsed, done] = [value, true];
          },
        });
      }
      return record;
    },
  };
  byEntity.set(entity, shape);
  return shape;
}

/** The select list of every column of `entity` under `alias`. */
export function entityColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return shapeOf(db, entity)
    .columns.map((c) => c.replaceAll('{alias}', alias))
    .join(', ');
}

/** The entity object for a raw row selected with `entityColumns`. */
export function entityRow<T>(db: DataSource, entity: EntityTarget<T & ObjectLiteral>, raw: Record<string, unknown>): T {
  return shapeOf(db, entity).build(raw) as T;
}
