// One step of an alert's status history. Rows are only ever added: the history is the record of
// who issued and escalated what, and when, so a change is a new row, never an edit.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { policyOf } from '../../kernel/policy/access-policy';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { Alert, AlertStatus } from './alert.entity';

@ObjectType({ description: "A change of an alert's status." })
@Entity({ name: 'alert_status_change' })
@Index(['alertId', 'changedAt'])
export class AlertStatusChange extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'alert_id' })
  alertId: string;

  @Field(() => AlertStatus, { nullable: true, description: 'Null for the step that created the alert.' })
  @Column({ type: 'enum', enum: AlertStatus, enumName: 'alert_status', name: 'from_status', nullable: true })
  fromStatus: AlertStatus | null;

  @Field(() => AlertStatus)
  @Column({ type: 'enum', enum: AlertStatus, enumName: 'alert_status', name: 'to_status' })
  toStatus: AlertStatus;

  // Shown through AlertStatusChangeResolver.changedBy, to the person's own organisation only.
  @Column({ type: 'varchar', length: 100, name: 'changed_by' })
  changedBy: string;

  @Field({ description: 'Code of the organisation the person acted for.' })
  @Column({ type: 'varchar', length: 16, name: 'changed_by_org' })
  changedByOrg: string;

  @Field()
  @Column({ type: 'timestamptz', name: 'changed_at' })
  changedAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

// A step says what happened to its alert: it is read only by those who may read the alert now.
policyOf(AlertStatusChange, { readWith: { entity: () => Alert, foreignKey: 'alert_id' } });
