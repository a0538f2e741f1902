// The root query `<subgraph>AuditTrail`: an organisation's admins read who did what with their
// records in one subgraph: the changes (audit_event) and the reads (audit_read, one row per
// request, action, type and owner, unnested here into one event per record), newest first.
import { Arg, Ctx, Field, InputType, Int, Query, Resolver } from 'type-graphql';
import { assertAdminOf } from '../policy/access-policy';
import type { SubgraphContext } from '../service/context';
import { badInput } from '../../../platform/errors';
import { SlicedListSize } from '../schema/list-size';
import { LocalDate } from '../schema/scalars';
import { dateRange, isoDate } from '../write/validation';
import { AuditAction, AuditEvent } from './audit-event.entity';

@InputType({ description: 'Narrows an audit trail; all given conditions must hold.' })
export class AuditTrailFilter {
  @Field(() => String, { nullable: true })
  recordId?: string;

  @Field(() => String, { nullable: true })
  recordType?: string;

  @Field(() => String, { nullable: true, description: 'Only actions by this organisation.' })
  actorOrg?: string;

  @Field(() => [AuditAction], { nullable: true })
  actions?: AuditAction[];

  @Field(() => LocalDate, { nullable: true })
  from?: string;

  @Field(() => LocalDate, { nullable: true })
  to?: string;
}

const MAX_AUDIT_EVENTS = 500;

const CHANGES: ReadonlySet<AuditAction> = new Set([AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]);

type TrailRow = Omit<AuditEvent, 'at'> & { at: Date };

const OUTPUT = `"id", "at", "subgraph", "action", "actor_sub" AS "actorSub", "actor_org" AS "actorOrg", "operation_name" AS "operationName", "record_type" AS "recordType", "record_id" AS "recordId", "record_owner_org" AS "recordOwnerOrg", "classification"`;

/**
 * The owner's events that pass the filter, newest first: changes as stored, reads one per record
 * of their row (id `<row>:<position>`), in the row's order. The conditions hold for both tables.
 */
function trailQuery(schema: string, org: string, filter: AuditTrailFilter | undefined, limit: number): [string, unknown[]] {
  const values: unknown[] = [org];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = ['t.record_owner_org = $1'];
  if (filter?.recordType) where.push(`t.record_type = ${param(filter.recordType)}`);
  if (filter?.actorOrg) where.push(`t.actor_org = ${param(filter.actorOrg.toUpperCase())}`);
  if (filter?.actions?.length) where.push(`t.action = ANY(${param(filter.actions)}::"${schema}"."audit_action"[])`);
  if (filter?.from) where.push(`t.at >= ${param(isoDate(filter.from, 'filter.from'))}`);
  if (filter?.to) where.push(`t.at < CAST(${param(isoDate(filter.to, 'filter.to'))} AS date) + interval '1 day'`);
  const changeWhere = [...where];
  const readWhere = [...where];
  if (filter?.recordId) {
    const id = param(filter.recordId);
    changeWhere.push(`t.record_id = ${id}`);
    readWhere.push(`t.record_ids @> ARRAY[${id}]::varchar[]`, `u.record_id = ${id}`);
  }
  const parts: string[] = [];
  if (!filter?.actions?.length || filter.actions.some((a) => CHANGES.has(a)))
    parts.push(
      `SELECT t.id::text AS id, t.id AS seq, 0::bigint AS n, t.at, t.subgraph, t.action, t.actor_sub, t.actor_org, t.operation_name, t.record_type, t.record_id, t.record_owner_org, t.classification
         FROM "${schema}"."audit_event" t WHERE ${changeWhere.join(' AND ')}`,
    );
  if (!filter?.actions?.length || filter.actions.some((a) => !CHANGES.has(a)))
    parts.push(
      `SELECT t.id::text || ':' || u.n AS id, t.id AS seq, u.n, t.at, t.subgraph, t.action, t.actor_sub, t.actor_org, t.operation_name, t.record_type, u.record_id, t.record_owner_org, u.classification
         FROM "${schema}"."audit_read" t CROSS JOIN LATERAL unnest(t.record_ids, t.classifications) WITH ORDINALITY AS u(record_id, classification, n)
        WHERE ${readWhere.join(' AND ')}`,
    );
  return [`SELECT ${OUTPUT} FROM (${parts.join(' UNION ALL ')}) e ORDER BY e.at DESC, e.seq DESC, e.n ASC LIMIT ${param(limit)}`, values];
}

/**
 * The root query `<subgraph>AuditTrail` through which an organisation's admins read who did what
 * with their records in this subgraph. Each subgraph has its own, so one gateway query can ask
 * all four.
 */
export function auditTrailResolver(subgraph: string): Function {
  @Resolver()
  class AuditTrailResolver {
    @SlicedListSize('limit', MAX_AUDIT_EVENTS)
    @Query(() => [AuditEvent], {
      nullable: true,
      name: `${subgraph}AuditTrail`,
      description: `Audit trail of the ${subgraph} subgraph for records your organisation owns, newest first (administrators only).`,
    })
    async auditTrail(
      @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter: AuditTrailFilter | undefined,
      @Arg('limit', () => Int, { defaultValue: 100 }) limit: number,
      @Ctx() ctx: SubgraphContext,
    ): Promise<AuditEvent[]> {
      assertAdminOf(ctx.viewer, ctx.viewer.org ?? '');
      if (limit < 1 || limit > MAX_AUDIT_EVENTS) throw badInput(`limit must be between 1 and ${MAX_AUDIT_EVENTS}`, 'limit');
      const [sql, values] = trailQuery(ctx.db.driver.schema ?? subgraph, ctx.viewer.org ?? '', filter, limit);
      dateRange(filter?.from, filter?.to, 'filter');
      const rows: TrailRow[] = await ctx.db.query(sql, values);
      return rows.map((row) => Object.assign(new AuditEvent(), row));
    }
  }
  return AuditTrailResolver;
}
