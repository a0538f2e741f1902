// Relay-style cursor connections for every list: a stable sort ending in the primary key, opaque
// cursors that encode the sort values of the last row, a page size that is enforced, and a
// totalCount over the rows the viewer may read (counted only when asked for).
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import type { Classified } from '../policy/access-policy';
import type { SubgraphContext } from '../service/context';
import { badInput } from '../../../platform/errors';
import { AGGREGATE_WEIGHT, Cost } from '../schema/list-size';
import { aggregateStatement, rowStatement, type AggregateStatement, type RowStatement } from './prebuilt';
import { aggregateVisibleSql, countVisible, readVisible, readVisibleSql } from './reading';
import type { EntityTarget } from 'typeorm';
import { isIsoDate, isUuid } from '../write/validation';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * On every field that answers a connection: a page is `first` long, DEFAULT_PAGE_SIZE without it,
 * and that size applies to its `edges` and `nodes` (demand-control @listSize, read by the cost limit).
 */
export function ConnectionSize(): ReturnType<typeof Directive> {
  return Directive(
    `@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`,
  );
}

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number> | number;
}

/** The `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque; pass it as `after` to get the rows that follow.' })
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} records in a stable order.` })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => [node], { description: 'The nodes of the edges, for clients that need no cursors.' })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Cost(AGGREGATE_WEIGHT)
    @Field(() => Int, { description: 'All rows matching the filter that you may read, on every page.' })
    totalCount: number;
  }
  return ConnectionType as unknown as ClassType<Connection<T>>;
}

/** What a sort key's values are: a cursor's value must be one, or it would reach SQL and fail there. */
export type SortKind = 'date' | 'timestamp' | 'uuid';

export interface SortKey<T> {
  /** SQL expression, e.g. "s.opened_on". */
  sql: string;
  direction: 'ASC' | 'DESC';
  kind: SortKind;
  value: (row: T) => string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const VALID: Record<SortKind, (value: string) => boolean> = {
  date: isIsoDate,
  // As Date.toISOString writes it, and a moment that exists.
  timestamp: (value) => TIMESTAMP.test(value) && isIsoDate(value.slice(0, 10)) && new Date(value).toISOString() === value,
  uuid: isUuid,
};

/** Longer than any cursor this module writes (two sort values), so not worth decoding. */
const MAX_CURSOR_LENGTH = 200;

function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort values a cursor holds, each checked against its key's kind. A cursor is the client's
 * input like any other: a forged or garbled one is the caller's mistake, never an internal error.
 */
function decodeCursor<T>(cursor: string, sort: SortKey<T>[]): string[] {
  const refused = badInput('after is not a cursor this list gave out: pass a pageInfo.endCursor of the same list', 'after');
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refused;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!Array.isArray(values) || values.length !== sort.length) throw refused;
  if (!values.every((value, i) => typeof value === 'string' && VALID[sort[i].kind](value))) throw refused;
  return values as string[];
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  return size;
}

/**
 * One page of `query` (already narrowed by the caller's filter, with andWhere only). `sort` must
 * end with a unique key so that the order is total and no row is skipped or repeated. Sort values
 * must not be null (coalesce them in `sql`/`value` where a column is nullable).
 */
export async function paginate<T extends Classified & ObjectLiteral>(
  ctx: SubgraphContext,
  query: SelectQueryBuilder<T>,
  sort: SortKey<T>[],
  args: { first?: number | null; after?: string | null },
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const counted = query.clone();
  const page = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, sort);
    // Rows strictly after the cursor in the sort order: (k1 > v1) OR (k1 = v1 AND k2 > v2) ...
    page.andWhere(
      new Brackets((where) => {
        sort.forEach((key, i) => {
          where.orWhere(
            new Brackets((and) => {
              for (let j = 0; j < i; j++) and.andWhere(`${sort[j].sql} = :cursor_${j}`);
              and.andWhere(`${key.sql} ${key.direction === 'ASC' ? '>' : '<'} :cursor_${i}`);
            }),
          );
        });
      }),
      Object.fromEntries(values.map((v, i) => [`cursor_${i}`, v])),
    );
  }
  sort.forEach((key, i) => (i === 0 ? page.orderBy(key.sql, key.direction) : page.addOrderBy(key.sql, key.direction)));
  page.take(size + 1);
  const rows = size === 0 ? [] : await readVisible(ctx, page);
  return pageOf(rows, size, sort, args, () => countVisible(ctx, counted));
}

function pageOf<T>(rows: T[], size: number, sort: SortKey<T>[], args: { after?: string | null }, count: () => Promise<number>): Connection<T> {
  const hasNextPage = rows.length > size;
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(sort.map((key) => key.value(node))) }));
  let total: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // A getter: the count query runs only when a client selects totalCount.
    get totalCount() {
      total ??= count();
      return total;
    },
  };
}

/** A whole list (no filter) written once: its first page, a page after a cursor, and its count. */
export interface PrebuiltList<T> {
  sort: SortKey<T>[];
  first: RowStatement<T>;
  after: RowStatement<T>;
  count: AggregateStatement<{ count: number }>;
}

/** The statements of the unfiltered list of `entity` (aliased `alias`, primary key `key`) in the order of `sort`. */
export function prebuiltList<T extends Classified & ObjectLiteral>(
  name: string,
  entity: EntityTarget<T>,
  alias: string,
  key: string,
  sort: SortKey<T>[],
): PrebuiltList<T> {
  const order = sort.map((k) => `${k.sql} ${k.direction}`).join(', ');
  // Rows strictly after the cursor in the sort order: (k1 > v1) OR (k1 = v1 AND k2 > v2) ..., values from $2 on.
  const after = sort
    .map(
      (k, i) =>
        `(${[...sort.slice(0, i).map((e, j) => `${e.sql} = $${j + 2}`), `${k.sql} ${k.direction === 'ASC' ? '>' : '<'} $${i + 2}`].join(' AND ')})`,
    )
    .join(' OR ');
  const page = (where: string) => (p: Parameters<RowStatement<T>['sql']>[0]) =>
    `SELECT ${p.columns(entity, alias)} FROM ${p.table(entity)} ${alias} WHERE ${where}${p.visible(entity, alias)} ORDER BY ${order} LIMIT $1`;
  return {
    sort,
    first: rowStatement(`${name}_first`, entity, alias, page('')),
    after: rowStatement(`${name}_after`, entity, alias, page(`(${after}) AND `)),
    count: aggregateStatement(
      `${name}_count`,
      entity,
      alias,
      (p) =>
        `SELECT COUNT(DISTINCT ${alias}.${key})::int AS count, ${p.contributors(alias, key)} FROM ${p.table(entity)} ${alias} WHERE ${p.visible(entity, alias)}`,
    ),
  };
}

/** One page of a prebuilt list, as `paginate` answers it. */
export async function paginateList<T extends Classified & ObjectLiteral>(
  ctx: SubgraphContext,
  list: PrebuiltList<T>,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const values = args.after ? decodeCursor(args.after, list.sort) : undefined;
  let rows: T[] = [];
  if (size > 0) rows = values ? await readVisibleSql(ctx, list.after, [size + 1, ...values]) : await readVisibleSql(ctx, list.first, [size + 1]);
  const count = async () => Number((await aggregateVisibleSql(ctx, list.count, []))[0].count);
  return pageOf(rows, size, list.sort, args, count);
}
