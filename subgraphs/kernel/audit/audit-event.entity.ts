// The audit trail every subgraph keeps in its own database: every change, and every read of an
// AMBER, AMBER_STRICT or RED record (who, which organisation, when, which operation, which record),
// and every such record an aggregate or a count was computed over.
// Changes are one row each in audit_event (this entity); reads and aggregates one row per request,
// action, record type and owner in audit_read, holding the ids (audit-layout.ts). Both tables are
// partitioned by month and kept AUDIT_RETENTION_MONTHS (audit-partitions.ts); rows are only ever
// inserted, triggers refuse UPDATE, DELETE and TRUNCATE. TypeORM does not model partitioned tables,
// so it leaves this one to the migrations (synchronize: false).
// The recorder (audit-recorder.ts) writes them; the audit-trail query (audit-trail.resolver.ts)
// reads both, one AuditEvent per record read.
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Classification } from '../policy/ownership';

export enum AuditAction {
  READ = 'READ',
  /** The record was counted or summed into an aggregate (a count, a total, a grouped figure); its content was not returned. */
  AGGREGATE = 'AGGREGATE',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

@Directive('@shareable')
@ObjectType({ description: "An entry of a subgraph's append-only audit trail." })
@Entity({ name: 'audit_event', synchronize: false })
export class AuditEvent {
  /** The row's bigint key as text; a read's is `<row>:<position of the record in the row>`. */
  @Field(() => ID)
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
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
