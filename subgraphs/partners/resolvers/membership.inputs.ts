// Input of recordMembershipChange. class-validator checks each field's shape before the resolver runs.
import { MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NewRecordInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { MembershipStatus } from '../entities/membership.entity';

@InputType({
  description:
    "A change in a country's membership of your organisation (admins): a period from validFrom (inclusive) to validTo (exclusive, or open). It closes the country's open period on validFrom; to record a withdrawal, give the current status with the validTo on which it ends. Periods never overlap.",
})
export class RecordMembershipChangeInput extends NewRecordInput {
  @Field({ description: "Your organisation's hub code." })
  partnerCode: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the member state.' })
  countryIso3: string;

  @Field(() => MembershipStatus)
  status: MembershipStatus;

  @Field(() => LocalDate, { description: 'First day of the new period.' })
  validFrom: string;

  @Field(() => LocalDate, { nullable: true, description: 'First day the period no longer holds; left out, the period is open.' })
  validTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Source or explanation of the dates, e.g. the decision that made the change.' })
  @MaxLength(2000)
  note?: string | null;
}
