// A training module: a unit of the curriculum that sessions teach, shared across sessions.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';

@ObjectType('Module', { description: 'A training module (a unit of the curriculum) taught in training sessions.' })
@Entity({ name: 'module' })
export class TrainingModule extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable short code, e.g. "FOA-INTRO".' })
  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  description: string;

  @Field({
    description:
      "True for the modules the Office's record names as its own; false for the hub's summaries of a subject, which no published curriculum of the Office names.",
  })
  @Column({ type: 'boolean', name: 'named_in_record', default: false })
  namedInRecord: boolean;
}
