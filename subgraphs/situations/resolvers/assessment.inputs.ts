// Inputs of addRiskAssessment. class-validator checks each field's shape, nested factors and
// indicators included, before the resolver runs; ../assessment-rules.ts checks them against the framework.
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { NewRecordInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { Crime, INCITEMENT_DESCRIPTION, RiskLevel } from '../../kernel/schema/vocabulary';

@InputType({ description: 'What the assessor found for one indicator of a risk factor.' })
export class IndicatorEvidenceInput {
  @Field({ description: 'Indicator code of the risk factor in the framework version, e.g. "1.1".' })
  @Length(1, 10)
  indicator: string;

  @Field({ description: 'Whether the assessor observed the indicator.' })
  observed: boolean;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  evidence?: string | null;
}

@InputType({ description: "One risk factor's score, with the evidence for its indicators." })
export class RiskFactorScoreInput {
  @Field({ description: 'Risk factor code of the framework version, e.g. "RF1" (2014) or "C1" (2009).' })
  @Length(1, 10)
  riskFactor: string;

  @Field(() => RiskLevel, { description: "The hub's ordinal level for this factor." })
  level: RiskLevel;

  @Field(() => String, { nullable: true })
  @MaxLength(5000)
  evidence?: string | null;

  @Field(() => [IndicatorEvidenceInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  indicators: IndicatorEvidenceInput[];
}

@InputType({ description: "Your organisation's assessment of a situation you may read: always a new assessment, never a change to an earlier one." })
export class AddRiskAssessmentInput extends NewRecordInput {
  @Field(() => ID)
  situationId: string;

  @Field({ defaultValue: '2014', description: 'Version of the Framework of Analysis the factors are scored under.' })
  @Length(1, 20)
  frameworkVersion: string;

  @Field(() => LocalDate, { description: 'Not in the future.' })
  assessedOn: string;

  @Field(() => RiskLevel, { description: "Overall level, on the hub's own ordinal scale." })
  overallLevel: RiskLevel;

  @Field(() => String, {
    nullable: true,
    description: 'Your organisation\'s own rating scheme, e.g. "ECOWARN colour code"; given with partnerRatingValue.',
  })
  @Length(1, 100)
  partnerRatingScheme?: string | null;

  @Field(() => String, { nullable: true, description: "Your organisation's own rating in that scheme." })
  @Length(1, 100)
  partnerRatingValue?: string | null;

  @Field(() => [Crime], { description: 'The crimes the assessment concerns; at least one.' })
  @ArrayMaxSize(4)
  @ArrayUnique()
  crimes: Crime[];

  @Field(() => [Crime], { defaultValue: [], description: INCITEMENT_DESCRIPTION })
  @ArrayMaxSize(4)
  @ArrayUnique()
  incitement: Crime[];

  @Field(() => [Crime], {
    defaultValue: [],
    description:
      'The crimes you state are being committed at the assessment\'s date (a "current crisis"); leave empty when you state none. Apart from the risk level.',
  })
  @ArrayMaxSize(4)
  @ArrayUnique()
  crimesOccurring: Crime[];

  @Field()
  @Length(1, 20000)
  summary: string;

  @Field(() => [RiskFactorScoreInput], { description: 'At least one risk factor of the framework version, each at most once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  factors: RiskFactorScoreInput[];
}
