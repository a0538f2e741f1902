// Inputs of the training session mutations. class-validator checks each field's shape, attendance
// included, before the resolver runs; ../session-rules.ts checks how the fields relate and what they cite.
import { ArrayMaxSize, ArrayUnique, IsInt, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NewRecordInput, PARTNER_CODES, RecordChangesInput } from '../../kernel/write/record-inputs';
import { PARTNER_CODE } from '../../kernel/write/validation';
import { LocalDate } from '../../kernel/schema/scalars';
import { SessionDatePrecision, TrainingAudience } from '../entities/training-session.entity';

const MODULE_CODE = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

@InputType({ description: 'A training session your organisation plans; it starts PLANNED and your organisation owns it.' })
export class PlanTrainingSessionInput extends NewRecordInput {
  @Field()
  @Length(1, 300)
  title: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => SessionDatePrecision, { defaultValue: SessionDatePrecision.DAY, description: 'How exactly startDate is known (default DAY).' })
  startDatePrecision: SessionDatePrecision;

  @Field(() => LocalDate, { nullable: true, description: 'Last day, for a session of several days; not before startDate.' })
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 120)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country it is held in.' })
  countryIso3?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'Hub partners organising it with your organisation, which is always an organiser.' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  organiserOrgs: string[];

  @Field(() => [String], { defaultValue: [], description: 'Co-organisers that are not hub partners, by name.' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Length(1, 200, { each: true })
  organiserNames: string[];

  @Field(() => TrainingAudience)
  audience: TrainingAudience;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  audienceDescription?: string | null;

  @Field(() => [String], { defaultValue: [], description: 'Codes of the modules taught, e.g. "FOA-INTRO".' })
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(MODULE_CODE, { each: true, message: 'each value in moduleCodes must be a module code such as "FOA-INTRO"' })
  moduleCodes: string[];

  @Field(() => String, { nullable: true, description: 'Where the facts about this session come from.' })
  @MaxLength(2000)
  source?: string | null;
}

@InputType({
  description:
    'Changes to a planned or completed session; fields left out stay as they are, null clears an optional one. Its status changes only by completing or cancelling it.',
})
export class UpdateTrainingSessionInput extends RecordChangesInput {
  @Field(() => String, { nullable: true })
  @Length(1, 300)
  title?: string | null;

  @Field(() => LocalDate, { nullable: true })
  startDate?: string | null;

  @Field(() => SessionDatePrecision, { nullable: true, description: 'How exactly startDate is known.' })
  startDatePrecision?: SessionDatePrecision | null;

  @Field(() => LocalDate, { nullable: true })
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 120)
  city?: string | null;

  @Field(() => String, { nullable: true })
  countryIso3?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  organiserOrgs?: string[] | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Length(1, 200, { each: true })
  organiserNames?: string[] | null;

  @Field(() => TrainingAudience, { nullable: true })
  audience?: TrainingAudience | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  audienceDescription?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(MODULE_CODE, { each: true, message: 'each value in moduleCodes must be a module code such as "FOA-INTRO"' })
  moduleCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  source?: string | null;
}

@InputType({ description: 'Who took part; the total is never less than the breakdown adds up to.' })
export class AttendanceInput {
  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  participantsFemale?: number | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  participantsMale?: number | null;

  @Field(() => Int, { nullable: true, description: 'Participants whose sex was not recorded.' })
  @IsInt()
  @Min(0)
  participantsUnspecified?: number | null;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  participantsTotal: number;
}

/** The session a workflow step applies to, at the version the caller read (a base class only). */
@InputType('TrainingSessionStepInput')
abstract class TrainingSessionStepInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the session changed since.' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType({ description: 'Records that a planned session took place, with its attendance.' })
export class CompleteTrainingSessionInput extends TrainingSessionStepInput {
  @Field(() => AttendanceInput)
  @ValidateNested()
  attendance: AttendanceInput;
}

@InputType({ description: 'The session your organisation confirms it co-organised.' })
export class ConfirmTrainingCoOrganiserInput {
  @Field(() => ID)
  id: string;
}

@InputType({ description: 'Records that a planned session will not take place, and why.' })
export class CancelTrainingSessionInput extends TrainingSessionStepInput {
  @Field()
  @Length(1, 2000)
  reason: string;
}
