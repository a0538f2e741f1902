// The audit trail every subgraph keeps in its own database: every change, and every read of an
// AMBER, AMBER_STRICT or RED record (who, which organisation, when, which operation, which record),
// and every such record an aggregate or a count was computed over.
// Rows are only ever inserted; a trigger in each subgraph's migration refuses UPDATE and DELETE.
import { Arg, Ctx, Directive, Field, ID, InputType, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type EntityManager } from 'typeorm';
import { assertAdminOf } from '../policy/access-policy';
import type { SubgraphContext } from '../service/context';
import { badInput } from '../../../platform/errors';
import { Classification } from '../policy/ownership';
import { SlicedListSize } from '../schema/list-size';
import { LocalDate } from '../schema/scalars';
import { dateRange, isoDate } from '../write/validation';

export enum AuditAction {
  READ = 'READ',
  /** The record was counted or summed into an aggregate (a count, a total, a grouped figure); its content was not returned. */
  AGGREGATE = 'AGGREGATE',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

const SENSITIVE = new Set<string>([Classification.AMBER, Classification.AMBER_STRICT, Classification.RED]);

@Directive('@shareable')
@ObjectType({ description: "An entry of a subgraph's append-only audit trail." })
@Entity({ name: 'audit_event' })
@Index(['recordOwnerOrg', 'at'])
@Index(['recordId'])
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'When it happened.' })
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Field({ description: 'Which subgraph recorded it.' })
  @Column({ type: 'varchar', length: 20 })
  subgraph: string;

  @Field(() => AuditAction)
  @Column({ type: 'enum', enum: AuditAction, enumName: 'audit_action' })
  action: AuditAction;

  @Field(() => String, { nullable: true, description: 'Who (JWT subject); null for an anonymous reader.' })
  @Column({ type: 'varchar', length: 200, name: 'actor_sub', nullable: true })
  actorSub: string | null;

  @Field(() => String, { nullable: true, description: "The actor's organisation." })
  @Column({ type: 'varchar', length: 16, name: 'actor_org', nullable: true })
  actorOrg: string | null;

  @Field(() => String, { nullable: true, description: 'The client operation name the gateway received.' })
  @Column({ type: 'varchar', length: 200, name: 'operation_name', nullable: true })
  operationName: string | null;

  @Field({ description: 'The record type, e.g. "Situation".' })
  @Column({ type: 'varchar', length: 60, name: 'record_type' })
  recordType: string;

  @Field()
  @Column({ type: 'varchar', length: 100, name: 'record_id' })
  recordId: string;

  @Field()
  @Column({ type: 'varchar', length: 16, name: 'record_owner_org' })
  recordOwnerOrg: string;

  @Field(() => Classification)
  @Column({ type: 'enum', enum: Classification, enumName: 'classification' })
  classification: Classification;
}

export interface AuditedRecord {
  ownerOrg: string;
  classification: Classification;
}

/** Collects one request's audit events and writes them in one statement when the request ends. */
export class AuditRecorder {
  private readonly pending: Partial<AuditEvent>[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly subgraph: string,
    private readonly actor: { sub: string | null; org: string | null },
    private readonly operationName: string | null,
  ) {}

  /** Notes reads of sensitive records; a record read several times in a request is noted once. */
  reads(recordType: string, records: Iterable<AuditedRecord>, idOf: (record: any) => string, action: AuditAction.READ | AuditAction.AGGREGATE = AuditAction.READ): void {
    for (const record of records) {
      if (!SENSITIVE.has(record.classification)) continue;
      const id = idOf(record);
      const key = `${action}:${recordType}:${id}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.pending.push(this.event(action, recordType, id, record));
    }
  }

  /** Changes are written inside the change's own transaction, so none goes unrecorded. */
  async change(manager: EntityManager, action: AuditAction, recordType: string, id: string, record: AuditedRecord): Promise<void> {
    await manager.insert(AuditEvent, this.event(action, recordType, id, record));
  }

  async flush(manager: EntityManager): Promise<void> {
    if (this.pending.length === 0) return;
    const events = this.pending.splice(0);
    await manager.insert(AuditEvent, events);
  }

  private event(action: AuditAction, recordType: string, recordId: string, record: AuditedRecord): Partial<AuditEvent> {
    return {
      subgraph: this.subgraph,
      action,
      actorSub: this.actor.sub,
      actorOrg: this.actor.org,
      operationName: this.operationName?.slice(0, 200) ?? null,
      recordType,
      recordId,
      recordOwnerOrg: record.ownerOrg,
      classification: record.classification,
    };
  }
}

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
