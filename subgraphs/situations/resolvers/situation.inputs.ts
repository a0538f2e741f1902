// Inputs of openSituation and updateSituation. class-validator checks each field's shape before the
// resolver runs; the rules that relate fields or need data are in ../situation-rules.ts.
import { ArrayMaxSize, ArrayUnique, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NewRecordInput, RecordChangesInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { Crime, INCITEMENT_DESCRIPTION } from '../../kernel/schema/vocabulary';
import { SituationStatus } from '../entities/situation.entity';
import { ProtectedGroupInput } from './protected-group.inputs';
import { MAX_SITUATION_COUNTRIES } from '../rules/situation.rules';

@InputType({ description: 'A situation your organisation starts monitoring, in one country or across several, owned by your organisation.' })
export class OpenSituationInput extends NewRecordInput {
  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-3 code of the primary country; enough for a situation in one country. With countryCodes, it must be their first.',
  })
  countryIso3?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'ISO 3166-1 alpha-3 codes of every country the situation concerns, the primary country first (a cross-border or regional situation); at most 20.',
  })
  @ArrayMaxSize(MAX_SITUATION_COUNTRIES)
  countryCodes?: string[] | null;

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

  @Field(() => [ProtectedGroupInput], { defaultValue: [], description: 'The protected groups the situation concerns (who is at risk); each once.' })
  groups: ProtectedGroupInput[];
}

@InputType({
  description:
    'Changes to a situation; fields left out stay as they are. Its countries may grow (a situation found to reach across a border), never shrink: open another situation instead.',
})
export class UpdateSituationInput extends RecordChangesInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Every country the situation concerns after the change: the ones it concerns now, primary first, and any added.',
  })
  @ArrayMaxSize(MAX_SITUATION_COUNTRIES)
  countryCodes?: string[] | null;

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

  @Field(() => [ProtectedGroupInput], { nullable: true, description: 'The protected groups the situation concerns, all of them; [] names none.' })
  groups?: ProtectedGroupInput[] | null;
}
