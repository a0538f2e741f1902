// A recipient organisation's acknowledgement that it received an alert. The recipient owns it,
// not the alert's issuer: it is the recipient's statement, and only the recipient changes it.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

@ObjectType({ description: "A recipient organisation's acknowledgement of an alert (owned by that organisation)." })
@Entity({ name: 'acknowledgement' })
@Index(['alertId', 'org'], { unique: true })
export class Acknowledgement extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'alert_id' })
  alertId: string;

  @Field({ description: 'Code of the acknowledging organisation.' })
  @Column({ type: 'varchar', length: 16 })
  org: string;

  // Shown through AcknowledgementResolver.acknowledgedBy, to the person's own organisation only.
  @Column({ type: 'varchar', length: 100, name: 'acknowledged_by' })
  acknowledgedBy: string;

  @Field()
  @Column({ type: 'timestamptz', name: 'acknowledged_at' })
  acknowledgedAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
