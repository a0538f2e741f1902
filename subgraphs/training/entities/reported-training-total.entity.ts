// Totals for a period as the Office's record reports them, for periods whose individual sessions
// the record does not list. Kept apart from the sessions so the two are never added together.
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';

@ObjectType({ description: 'Training totals for a period as a published record reports them (not computed from sessions).' })
@Entity({ name: 'reported_training_total' })
@Index(['periodFrom', 'periodTo'])
@Check('CHK_reported_training_total_period', 'period_to >= period_from')
export class ReportedTrainingTotal extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => LocalDate, { description: 'First day of the reported period.' })
  @Column({ type: 'date', name: 'period_from' })
  periodFrom: string;

  @Field(() => LocalDate, { description: 'Last day of the reported period (inclusive).' })
  @Column({ type: 'date', name: 'period_to' })
  periodTo: string;

  @Field(() => Int, { nullable: true, description: 'Sessions held in the period, when reported.' })
  @Column({ type: 'int', nullable: true })
  sessions: number | null;

  @Field(() => Int, { nullable: true, description: 'Countries sessions were held in, when reported.' })
  @Column({ type: 'int', nullable: true })
  countries: number | null;

  @Field(() => Int, { nullable: true, description: 'Persons trained, when reported.' })
  @Column({ type: 'int', nullable: true })
  participants: number | null;

  @Field({ description: 'The publication or record the totals are taken from.' })
  @Column({ type: 'text' })
  source: string;
}
