// Input of recordEngagement. class-validator checks each field's shape before the resolver runs.
import { Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NewRecordInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { EngagementKind } from '../entities/engagement.entity';

@InputType({ description: 'An engagement between the Office and a partner, recorded by either of them; the recording organisation owns it.' })
export class RecordEngagementInput extends NewRecordInput {
  @Field({ description: 'The partner the Office engaged with; a partner records only its own engagements.' })
  partnerCode: string;

  @Field(() => EngagementKind)
  kind: EngagementKind;

  @Field()
  @Length(1, 300)
  title: string;

  @Field(() => LocalDate)
  startDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day, for an engagement of several days; not before startDate.' })
  endDate?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 120)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the country it took place in.' })
  countryIso3?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the record of this engagement comes from.' })
  @MaxLength(2000)
  source?: string | null;
}
