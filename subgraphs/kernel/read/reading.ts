// How resolvers and loaders run their queries on records: the access policy is added here,
// immediately before execution, so no condition a caller adds can widen what a viewer sees.
// The sensitive rows returned are noted in the request's audit trail, and so are the sensitive
// rows an aggregate or a count was computed over (AGGREGATE), named in the same statement.
// The write path does not read through here: a mutation reads the records it checks or changes
// through its transaction's manager (a query through ctx.db would run outside the transaction),
// policed by the same restrictToVisible (policed-query.ts; kernel/write/writing.ts visibleRecord, and the rules
// that look up cited or related records: partners' findPartner, assessments' and training's
// rules, the incident importer), and those reads are not noted in the audit trail as reads.
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Classified } from '../policy/access-policy';
import { restrictToVisible } from './policed-query';
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
  const key = `${alias.name}.${alias.metadata.primaryColumns[0].databaseName}`;
  const sensitive = `${alias.name}.classification IN ('AMBER', 'AMBER_STRICT', 'RED')`;
  return `COALESCE(jsonb_agg(DISTINCT jsonb_build_array(${key}::text, ${alias.name}.owner_org, ${alias.name}.classification)) FILTER (WHERE ${sensitive}), '[]'::jsonb)`;
}

function auditContributors(ctx: SubgraphContext, query: SelectQueryBuilder<ObjectLiteral>, rows: Record<string, unknown>[]): void {
  const recordType = query.expressionMap.mainAlias?.metadata.name ?? 'Record';
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
