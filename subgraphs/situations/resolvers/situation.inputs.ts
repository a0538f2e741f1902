// Inputs of openSituation and updateSituation. class-validator checks each field's shape before the
// resolver runs; the rules that relate fields or need data are in ../situation-rules.ts.
import { ArrayMaxSize, ArrayUnique, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NewRecordInput, RecordChangesInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { Crime, INCITEMENT_DESCRIPTION } from '../../kernel/schema/vocabulary';
import { SituationStatus } from '../entities/situation.entity';

@InputType({ description: 'A country situation your organisation starts monitoring, owned by your organisation.' })
export class OpenSituationInput extends NewRecordInput {
  @Field({ description: 'ISO 3166-1 alpha-3 code of the country the situation is in.' })
  countryIso3: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field()
  @Length(1, 20000)
  summary: string;

  @Field(() => SituationStatus, { defaultValue: SituationStatus.MONITORING, description: 'Any status but CLOSED.' })
  status: SituationStatus;

  @Field(() => [Crime], { description: 'The crimes the situation is monitored for; at least one.' })
  @ArrayMaxSize(4)
  @ArrayUnique()
  crimes: Crime[];

  @Field(() => [Crime], { defaultValue: [], description: INCITEMENT_DESCRIPTION })
  @ArrayMaxSize(4)
  @ArrayUnique()
  incitement: Crime[];

  @Field(() => LocalDate, { description: 'When monitoring began; not in the future.' })
  openedOn: string;
}

@InputType({ description: 'Changes to a situation; fields left out stay as they are. Its country is fixed: open another situation instead.' })
export class UpdateSituationInput extends RecordChangesInput {
  @Field(() => String, { nullable: true })
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 20000)
  summary?: string | null;

  @Field(() => SituationStatus, { nullable: true })
  status?: SituationStatus | null;

  @Field(() => [Crime], { nullable: true })
  @ArrayMaxSize(4)
  @ArrayUnique()
  crimes?: Crime[] | null;

  @Field(() => [Crime], { nullable: true, description: INCITEMENT_DESCRIPTION })
  @ArrayMaxSize(4)
  @ArrayUnique()
  incitement?: Crime[] | null;

  @Field(() => LocalDate, { nullable: true })
  openedOn?: string | null;
}
