// Inputs of updatePartnerProfile and setSharingDefaults. class-validator checks each field's shape
// before the resolver runs; the mutations check what needs data.
import { ArrayMaxSize, ArrayUnique, IsInt, IsUrl, Length, Matches, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { Classification } from '../../kernel/policy/ownership';
import { PARTNER_CODES } from '../../kernel/write/record-inputs';
import { PARTNER_CODE } from '../../kernel/write/validation';

/** The partner record a change applies to (a base class only: no argument has this type). */
@InputType('PartnerChangesInput')
abstract class PartnerChangesInput {
  @Field({ description: 'Your organisation\'s hub code, e.g. "ECOWAS".' })
  code: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the record changed since.' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType({ description: "Changes to your organisation's public profile (admins); fields left out stay as they are, null clears an optional one." })
export class UpdatePartnerProfileInput extends PartnerChangesInput {
  @Field(() => String, { nullable: true })
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(300)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country of the headquarters.' })
  headquartersIso3?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 120)
  headquartersCity?: string | null;
}

@InputType({ description: "The sharing your organisation's new records get when a create leaves classification out (admins)." })
export class SetSharingDefaultsInput extends PartnerChangesInput {
  @Field(() => Classification)
  classification: Classification;

  @Field(() => [String], { defaultValue: [], description: 'For AMBER and AMBER_STRICT: the organisations new records are shared with.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  sharedWith: string[];
}
