// Inputs of recordNationalCommittee / correctNationalCommittee and recordNationalFocalPoint /
// correctNationalFocalPoint / endNationalFocalPointTerm. class-validator checks each field's shape before the resolver runs.
import { IsInt, Length, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NewRecordInput, RecordChangesInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { NationalCommitteeStatus } from '../entities/national-committee.entity';

@InputType({
  description:
    "A State's national committee under an organisation's protocol, recorded by editors of that organisation (the ICGLR for its national committees) or of the Office (UN-JO); the recording organisation owns the record. One committee per State and protocol.",
})
export class RecordNationalCommitteeInput extends NewRecordInput {
  @Field({ description: 'Hub code of the organisation whose protocol the committee is set up under, e.g. "ICGLR".' })
  partnerCode: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the State whose committee it is.' })
  countryIso3: string;

  @Field({ description: 'e.g. "Kenya National Committee".' })
  @Length(1, 300)
  name: string;

  @Field(() => NationalCommitteeStatus)
  status: NationalCommitteeStatus;

  @Field(() => LocalDate, { nullable: true, description: 'The day it was established, only for an ESTABLISHED committee; not in the future.' })
  establishedOn?: string | null;

  @Field({ description: 'The regional body it reports to, e.g. "ICGLR Regional Committee for the Prevention and Punishment of Genocide".' })
  @Length(1, 300)
  reportsTo: string;

  @Field(() => String, { nullable: true, description: 'Where the facts about this committee come from.' })
  @MaxLength(2000)
  source?: string | null;
}

@InputType({
  description:
    'Corrections to a national committee (editors of the organisation that recorded it); fields left out stay as they are, null clears an optional one. Its State and protocol are not corrected: record the right committee instead.',
})
export class CorrectNationalCommitteeInput extends RecordChangesInput {
  @Field(() => String, { nullable: true })
  @Length(1, 300)
  name?: string | null;

  @Field(() => NationalCommitteeStatus, { nullable: true })
  status?: NationalCommitteeStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only for an ESTABLISHED committee; not in the future.' })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 300)
  reportsTo?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  source?: string | null;
}

@InputType({
  description:
    "A Member State's national focal point on the Responsibility to Protect, recorded by editors of the network of States that lists it (networkCode) or of the Office (UN-JO, also for a State outside any network); the recording organisation owns the record. One current focal point per State and network (one whose term has not ended).",
})
export class RecordNationalFocalPointInput extends NewRecordInput {
  @Field({ description: 'ISO 3166-1 alpha-3 code of the Member State that holds the focal point.' })
  countryIso3: string;

  @Field({ description: 'The office of the State that holds it, e.g. "Ombudsman\'s office (Defensoría del Pueblo)".' })
  @Length(1, 300)
  office: string;

  @Field(() => LocalDate, { nullable: true, description: 'Since when the office holds it; not in the future.' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'Hub code of the network of States (a NETWORK_OF_STATES partner) it is a focal point in.' })
  networkCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the facts about this focal point come from.' })
  @MaxLength(2000)
  source?: string | null;
}

@InputType({
  description:
    'Corrections to a national focal point (editors of the organisation that recorded it); fields left out stay as they are, null clears an optional one. Its State and network are not corrected: record the right focal point instead.',
})
export class CorrectNationalFocalPointInput extends RecordChangesInput {
  @Field(() => String, { nullable: true })
  @Length(1, 300)
  office?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Not in the future.' })
  since?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(2000)
  source?: string | null;
}

@InputType({ description: "The end of a national focal point's term (editors of the organisation that recorded it), at the version you read." })
export class EndNationalFocalPointTermInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the focal point changed since.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => LocalDate, { description: 'The last day the office held it: not before since, not in the future.' })
  until: string;
}
