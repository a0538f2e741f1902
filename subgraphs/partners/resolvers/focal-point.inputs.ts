// Inputs of addFocalPoint, updateFocalPoint and removeFocalPoint. class-validator checks each
// field's shape before the resolver runs.
import { IsEmail, IsInt, Length, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NewRecordInput, RecordChangesInput } from '../../kernel/write/record-inputs';

@InputType({ description: 'A new focal point of your organisation (admins); your organisation owns it.' })
export class AddFocalPointInput extends NewRecordInput {
  @Field({ description: "Your organisation's hub code." })
  partnerCode: string;

  @Field()
  @Length(1, 200)
  name: string;

  @Field({ description: 'e.g. "ECOWARN early-warning focal point".' })
  @Length(1, 200)
  role: string;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country the focal point covers, when national.' })
  countryIso3?: string | null;
}

@InputType({ description: 'Changes to a focal point (admins of its organisation); fields left out stay as they are, null clears an optional one.' })
export class UpdateFocalPointInput extends RecordChangesInput {
  @Field(() => String, { nullable: true })
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 200)
  role?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(200)
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  countryIso3?: string | null;
}

@InputType({ description: 'The focal point to remove, at the version you read.' })
export class RemoveFocalPointInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the focal point changed since.' })
  @IsInt()
  @Min(1)
  version: number;
}
