// How resolvers and loaders run their queries on records: the access policy is added here,
// immediately before execution, so no condition a caller adds can widen what a viewer sees.
// The sensitive rows returned are noted in the request's audit trail, and so are the sensitive
// rows an aggregate or a count was computed over (AGGREGATE), named in the same statement.
// The write path does not read through here: a mutation reads the records it checks or changes
// through its transaction's manager (a query through ctx.db would run outside the transaction),
// policed by the same restrictToVisible (policed-query.ts; kernel/write/writing.ts visibleRecord, and the rules
// that look up cited or related records: partners' findPartner, assessments' and training's
// rules, the incident importer), and those reads are not noted in the audit trail as reads.
// Hot paths read with statements written once (prebuilt.ts): the runners for them below put the
// same policy in, as text prepared once per kind of viewer, and audit as the query runners do.
import { createHash } from 'node:crypto';
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Classified } from '../policy/access-policy';
import { isAuthenticated } from '../../../platform/identity';
import { runPrepared } from '../db/database';
import { preparedPolicy, restrictToVisible, VIEWER_ORG, VIEWER_SUB } from './policed-query';
import { entityColumns, entityRow, type AggregateStatement, type RowStatement } from './prebuilt';
import { AuditAction } from '../audit/audit-event.entity';
import type { SubgraphContext } from '../service/context';
import { badInput } from '../../../platform/errors';

/** A query over `entity` to refine with andWhere/orderBy and hand to one of the runners below. */
export function queryOf<T extends ObjectLiteral>(ctx: SubgraphContext, entity: EntityTarget<T>, alias: string): SelectQueryBuilder<T> {
  return ctx.db.getRepository(entity).createQueryBuilder(alias);
}

function police<T extends ObjectLiteral>(ctx: SubgraphContext, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  // An OR at the top level would sit beside the policy instead of under it: `a OR b AND policy`.
  if (query.expressionMap.wheres.some((w) => w.type === 'or')) {
    throw new Error('a policed query may not use orWhere at its top level; group alternatives in Brackets');
  }
  const alias = query.expressionMap.mainAlias?.name;
  if (!alias) throw new Error('a policed query needs a main alias');
  return restrictToVisible(query, ctx.viewer, alias);
}

function recordId(row: Record<string, unknown>): string {
  return String(row.id ?? row.code ?? row.iso3);
}

/** The rows the viewer may read; sensitive ones are noted in the audit trail. */
export async function readVisible<T extends Classified & ObjectLiteral>(ctx: SubgraphContext, query: SelectQueryBuilder<T>): Promise<T[]> {
  const rows = await police(ctx, query).getMany();
  ctx.audit.reads(query.expressionMap.mainAlias?.metadata.name ?? 'Record', rows, recordId);
  return rows;
}

const CONTRIBUTORS = '__contributors';

// The sensitive rows behind an aggregate, as [id, owner, classification] triples, computed by the
// aggregate's own statement (per group when it is grouped), so auditing costs no second query.
function contributorsSql(query: SelectQueryBuilder<ObjectLiteral>): string {
  const alias = query.expressionMap.mainAlias!;
  return contributorsOf(alias.name, alias.metadata.primaryColumns[0].databaseName);
}

function contributorsOf(alias: string, key: string): string {
  const sensitive = `${alias}.classification IN ('AMBER', 'AMBER_STRICT', 'RED')`;
  return `COALESCE(jsonb_agg(DISTINCT jsonb_build_array(${alias}.${key}::text, ${alias}.owner_org, ${alias}.classification)) FILTER (WHERE ${sensitive}), '[]'::jsonb)`;
}

function auditContributors(ctx: SubgraphContext, query: SelectQueryBuilder<ObjectLiteral>, rows: Record<string, unknown>[]): void {
  auditContributorsOf(ctx, query.expressionMap.mainAlias?.metadata.name ?? 'Record', rows);
}

function auditContributorsOf(ctx: SubgraphContext, recordType: string, rows: Record<string, unknown>[]): void {
  for (const row of rows) {
    const raw = row[CONTRIBUTORS];
    delete row[CONTRIBUTORS];
    const triples = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [string, string, Classified['classification']][];
    ctx.audit.reads(
      recordType,
      triples.map(([id, ownerOrg, classification]) => ({ id, ownerOrg, classification })),
      (r) => r.id,
      AuditAction.AGGREGATE,
    );
  }
}

/** Raw aggregate rows computed over visible rows only; the sensitive rows they summarise are audited. */
export async function aggregateVisible<R = Record<string, unknown>>(ctx: SubgraphContext, query: SelectQueryBuilder<ObjectLiteral>): Promise<R[]> {
  const rows = await police(ctx, query).addSelect(contributorsSql(query), CONTRIBUTORS).getRawMany<Record<string, unknown>>();
  auditContributors(ctx, query, rows);
  return rows as R[];
}

/** How many rows the viewer may read; the sensitive ones counted are audited. */
export async function countVisible(ctx: SubgraphContext, query: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const alias = query.expressionMap.mainAlias!;
  const counted = police(ctx, query.clone())
    .select(`COUNT(DISTINCT ${alias.name}.${alias.metadata.primaryColumns[0].databaseName})::int`, 'count')
    .addSelect(contributorsSql(query), CONTRIBUTORS)
    .orderBy();
  const [row] = await counted.getRawMany<Record<string, unknown>>();
  auditContributors(ctx, query, [row]);
  return Number(row.count);
}

/** Shorthand: the visible rows of `entity` that `refine` narrows with andWhere/orderBy. */
export function findVisible<T extends Classified & ObjectLiteral>(
  ctx: SubgraphContext,
  entity: EntityTarget<T>,
  alias: string,
  refine: (query: SelectQueryBuilder<T>) => unknown = () => undefined,
): Promise<T[]> {
  const query = queryOf(ctx, entity, alias);
  refine(query);
  return readVisible(ctx, query);
}

/**
 * Groups and orders an aggregate by the given SQL expressions. By expression, not by output
 * position: TypeORM moves entity-column selections ahead of raw ones, so positions would shift.
 */
export function groupAndOrder(query: SelectQueryBuilder<ObjectLiteral>, expressions: string[]): void {
  expressions.forEach((sql, i) => {
    if (i === 0) query.groupBy(sql);
    else query.addGroupBy(sql);
    query.addOrderBy(sql, 'ASC', 'NULLS LAST');
  });
}

export interface Grouping<G extends string> {
  grouping: G;
  /** SQL expression of the group's value. */
  sql: string;
  /** Column alias of the value in the result rows. */
  alias: string;
}

/** The aggregate `query` selects, computed per group of the groupings the caller chose, over visible rows. */
export function aggregateByGroups<G extends string, R = Record<string, unknown>>(
  ctx: SubgraphContext,
  query: SelectQueryBuilder<ObjectLiteral>,
  groupings: Grouping<G>[],
  groupBy: G[],
): Promise<R[]> {
  if (groupBy.length === 0) throw badInput('groupBy needs at least one grouping', 'groupBy');
  const chosen = groupings.filter((g) => groupBy.includes(g.grouping));
  chosen.forEach((g) => query.addSelect(g.sql, g.alias));
  groupAndOrder(
    query,
    chosen.map((g) => g.sql),
  );
  return aggregateVisible<R>(ctx, query);
}

interface Compiled {
  name: string;
  text: string;
  recordType: string;
}

const compiled = new WeakMap<DataSource, Map<RowStatement<unknown> | AggregateStatement<unknown>, [Compiled?, Compiled?]>>();

/**
 * A statement's text for one database and kind of viewer (anonymous or signed in), built on first
 * use: the policy goes wherever the statement asks for it, and must be asked for its main entity;
 * the viewer's organisation and subject become the two parameters after the statement's own.
 */
function compile(db: DataSource, statement: RowStatement<unknown> | AggregateStatement<unknown>, signedIn: boolean): Compiled {
  let byStatement = compiled.get(db);
  if (!byStatement) compiled.set(db, (byStatement = new Map()));
  const pair = byStatement.get(statement) ?? [];
  byStatement.set(statement, pair);
  const known = pair[Number(signedIn)];
  if (known) return known;
  let policed = false;
  const sql = statement.sql({
    table: (entity) => db.getMetadata(entity).tablePath,
    columns: (entity, alias) => entityColumns(db, entity, alias),
    visible: (entity, alias) => {
      if (db.getMetadata(entity).target === db.getMetadata(statement.entity).target && alias === statement.alias) policed = true;
      return `(${preparedPolicy(db, signedIn, entity, alias)})`;
    },
    contributors: (alias, key) => `${contributorsOf(alias, key)} AS ${CONTRIBUTORS}`,
  });
  if (!policed) throw new Error(`statement ${statement.name} does not restrict ${statement.alias} to visible rows`);
  const own = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const text = sql.replaceAll(VIEWER_ORG, `$${own + 1}`).replaceAll(VIEWER_SUB, `$${own + 2}`);
  const name = `${statement.name}_${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  return (pair[Number(signedIn)] = { name, text, recordType: db.getMetadata(statement.entity).name });
}

function run(ctx: SubgraphContext, statement: RowStatement<unknown> | AggregateStatement<unknown>, params: unknown[]) {
  const signedIn = isAuthenticated(ctx.viewer);
  const { name, text, recordType } = compile(ctx.db, statement, signedIn);
  const values = signedIn ? [...params, ctx.viewer.org, ctx.viewer.sub] : params;
  return { recordType, rows: runPrepared(ctx.db, { name, text, values }) };
}

/** The rows of a prebuilt statement the viewer may read, as entity objects; sensitive ones are noted in the audit trail. */
export async function readVisibleSql<T extends Classified & ObjectLiteral>(
  ctx: SubgraphContext,
  statement: RowStatement<T>,
  params: unknown[],
): Promise<T[]> {
  const { recordType, rows } = run(ctx, statement as RowStatement<unknown>, params);
  const records = (await rows).map((raw) => entityRow(ctx.db, statement.entity, raw));
  ctx.audit.reads(recordType, records, recordId);
  return records;
}

/** Raw rows of a prebuilt aggregate over visible rows only; the sensitive rows they summarise are audited. */
export async function aggregateVisibleSql<R>(ctx: SubgraphContext, statement: AggregateStatement<R>, params: unknown[]): Promise<R[]> {
  const { recordType, rows } = run(ctx, statement as AggregateStatement<unknown>, params);
  const raw = await rows;
  auditContributorsOf(ctx, recordType, raw);
  return raw as R[];
}
