// The input of reportCewarnField: a new field report, owned by IGAD, with the sharing every hub
// record takes (NewRecordInput: idempotencyKey, classification, sharedWith, sharedWithUsers).
import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { LocalDate, NewRecordInput } from '@hub/kernel';

@InputType({ description: 'A CEWARN field report; IGAD owns it (editors and admins of IGAD only).' })
export class ReportCewarnFieldInput extends NewRecordInput {
  @Field({ description: 'ISO 3166-1 alpha-3 code of the country reported on.' })
  countryIso3: string;

  @Field(() => LocalDate, { description: 'The day the field monitor reported; not in the future.' })
  reportedOn: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field()
  @Length(1, 2000)
  summary: string;
}
