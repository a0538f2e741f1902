// The root query `<subgraph>AuditTrail`: an organisation's admins read who did what with their
// records in one subgraph.
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
      const query = ctx.db
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .andWhere('e.record_owner_org = :org', { org: ctx.viewer.org })
        .orderBy('e.at', 'DESC')
        .addOrderBy('e.id', 'ASC')
        .take(limit);
      if (filter?.recordId) query.andWhere('e.record_id = :recordId', { recordId: filter.recordId });
      if (filter?.recordType) query.andWhere('e.record_type = :recordType', { recordType: filter.recordType });
      if (filter?.actorOrg) query.andWhere('e.actor_org = :actorOrg', { actorOrg: filter.actorOrg.toUpperCase() });
      if (filter?.actions?.length) query.andWhere('e.action IN (:...actions)', { actions: filter.actions });
      if (filter?.from) query.andWhere('e.at >= :from', { from: isoDate(filter.from, 'filter.from') });
      if (filter?.to) query.andWhere("e.at < CAST(:to AS date) + interval '1 day'", { to: isoDate(filter.to, 'filter.to') });
      dateRange(filter?.from, filter?.to, 'filter');
      return query.getMany();
    }
  }
  return AuditTrailResolver;
}
