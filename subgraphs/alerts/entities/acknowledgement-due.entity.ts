// When a recipient organisation's acknowledgement of an alert is due (rules/acknowledgement.deadlines.ts),
// and whether the late organisation has been reminded. Read only beside an alert its reader may
// read: the row says no more than the alert's recipients and acknowledgements already do.
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({ description: "When a recipient organisation's acknowledgement of an alert is due, and whether it is late." })
@Entity({ name: 'acknowledgement_due' })
@Index('IDX_acknowledgement_due_unreminded', ['dueAt'], { where: 'reminded_at IS NULL' })
export class AcknowledgementDue {
  @PrimaryColumn({ type: 'uuid', name: 'alert_id' })
  alertId: string;

  @Field({ description: 'Code of the recipient organisation.' })
  @PrimaryColumn({ type: 'varchar', length: 16 })
  org: string;

  /** When the organisation was first addressed: the issue, or an earlier version's for one a correction still addresses. */
  @Column({ type: 'timestamptz', name: 'addressed_at' })
  addressedAt: Date;

  @Field({ description: 'When the acknowledgement is due: when the organisation was first addressed, plus the deadline for the alert level.' })
  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  /** When the one reminder (ACKNOWLEDGEMENT_OVERDUE) was raised; or, for a deadline passed before deadlines were kept, when the upgrade settled it. */
  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the organisation acknowledged the alert; null while it has not.' })
  acknowledgedAt: Date | null;

  @Field({
    description:
      'True when the acknowledgement is past due and not given while the alert is ISSUED or brought to the Secretary-General or the Security Council (never for a CLOSED or SUPERSEDED alert).',
  })
  overdue: boolean;
}
