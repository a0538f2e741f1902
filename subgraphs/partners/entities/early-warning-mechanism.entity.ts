// A partner's early-warning system (CEWS, ECOWARN, CEWARN, ...).
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

@ObjectType({ description: "A partner organisation's early-warning mechanism." })
@Entity({ name: 'early_warning_mechanism' })
@Index(['partnerCode', 'name'], { unique: true })
export class EarlyWarningMechanism extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 16, name: 'partner_code' })
  partnerCode: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 20, nullable: true })
  acronym: string | null;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field(() => Int, { nullable: true, description: 'Year established.' })
  @Column({ type: 'int', nullable: true })
  established: number | null;
}
