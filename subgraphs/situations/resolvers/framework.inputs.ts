// Inputs of loadFrameworkVersion: a partner's own indicator scheme (CEWARN's, for instance), loaded
// as a framework version beside the Office's. class-validator checks the shapes; ../rules/framework.rules.ts
// checks what spans fields (unique codes, the version's name).
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { Classification } from '../../kernel/policy/ownership';
import { PARTNER_CODE } from '../../kernel/write/validation';
import { PARTNER_CODES } from '../../kernel/write/record-inputs';
import { CrimeScope, WordingStatus } from '../entities/framework.entity';

// Codes and versions as assessments cite them: letters, digits, dots, dashes and underscores.
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CODE_MESSAGE = { message: '$property may hold letters, digits, ".", "-" and "_" only, starting with a letter or digit' };

@InputType({ description: 'One indicator of a risk factor in the scheme being loaded.' })
export class LoadIndicatorInput {
  @Field({ description: 'The indicator code assessments cite, e.g. "1.1"; unique within the version.' })
  @Length(1, 10)
  @Matches(CODE, CODE_MESSAGE)
  code: string;

  @Field({ description: "The indicator's text, as the scheme words it." })
  @Length(1, 2000)
  text: string;

  // Unstated, the wording claims nothing: only the loader knows it checked the text against its source.
  @Field(() => WordingStatus, {
    defaultValue: WordingStatus.RECONSTRUCTED,
    description:
      'Say VERIFIED only when the text was checked against the source document, PARAPHRASED when it follows its meaning; unstated, RECONSTRUCTED.',
  })
  wordingStatus: WordingStatus;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  wordingNote?: string | null;
}

@InputType({ description: 'One risk factor (or category of indicators) of the scheme being loaded, in the order the scheme lists them.' })
export class LoadRiskFactorInput {
  @Field({ description: 'The risk factor code assessments cite, e.g. "F1"; unique within the version.' })
  @Length(1, 10)
  @Matches(CODE, CODE_MESSAGE)
  code: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string;

  @Field(() => CrimeScope, { defaultValue: CrimeScope.COMMON, description: 'Which atrocity crimes the factor concerns.' })
  scope: CrimeScope;

  @Field(() => WordingStatus, {
    defaultValue: WordingStatus.RECONSTRUCTED,
    description: 'How far the title and description follow the source document: VERIFIED only when checked against it; unstated, RECONSTRUCTED.',
  })
  wordingStatus: WordingStatus;

  @Field(() => String, { nullable: true })
  @MaxLength(1000)
  wordingNote?: string | null;

  @Field(() => [LoadIndicatorInput], { description: 'At least one indicator.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  indicators: LoadIndicatorInput[];
}

@InputType({
  description:
    "Your organisation's own indicator scheme, loaded as a framework version its assessments can be scored under. A loaded version is never changed: load a correction as a new version.",
})
// No idempotency key: the version's name is its key, and loading a name twice is a CONFLICT.
export class LoadFrameworkVersionInput {
  @Field({
    description:
      'The version assessments cite as frameworkVersion, named after your organisation: "<your code>-<name>", e.g. "IGAD-CEWARN-2012", at most 20 characters. The Office\'s versions ("2014", "2009") are reference data no partner can overwrite.',
  })
  @Length(3, 20)
  @Matches(CODE, CODE_MESSAGE)
  version: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field(() => Int)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year: number;

  @Field({ defaultValue: '' })
  @MaxLength(5000)
  description: string;

  @Field({ description: 'The document the scheme comes from, e.g. "IGAD CEWARN, Indicator Manual, 2012".' })
  @Length(1, 500)
  source: string;

  @Field(() => String, { nullable: true, description: 'What the loaded text holds of the source, when it is partial or not checked.' })
  @MaxLength(2000)
  sourceNote?: string | null;

  @Field({ defaultValue: false, description: "True when the codes are your own numbering, not the source document's." })
  hubNumbering: boolean;

  @Field(() => Classification, {
    nullable: true,
    description:
      "Who may read the scheme; an assessment under it is never readable more widely. Left out, your organisation's sharing defaults apply (GREEN when it has set none).",
  })
  classification?: Classification | null;

  @Field(() => [String], { nullable: true, description: 'For AMBER and AMBER_STRICT: organisations (codes) that may read it besides yours.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  sharedWith?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'For RED: the users (token subjects) who may read it besides your organisation.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Length(1, 100, { each: true })
  sharedWithUsers?: string[] | null;

  @Field(() => [LoadRiskFactorInput], { description: 'At least one risk factor, each with at least one indicator.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  riskFactors: LoadRiskFactorInput[];
}
