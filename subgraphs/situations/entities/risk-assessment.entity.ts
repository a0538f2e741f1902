// A dated assessment of a situation by one organisation, scored per risk factor with indicator
// evidence. A new assessment is a new row: the previous one is never overwritten.
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { policyOf } from '../../kernel/policy/access-policy';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';
import { Crime, INCITEMENT_DESCRIPTION, RiskLevel } from '../../kernel/schema/vocabulary';
import { ListSize } from '../../kernel/schema/list-size';

@ObjectType({ description: 'Evidence recorded for one indicator of a risk factor.' })
export class IndicatorEvidence {
  @Field({ description: 'Indicator code within the framework, e.g. "1.1".' })
  indicator: string;

  @Field({ description: 'Whether the assessor observed the indicator.' })
  observed: boolean;

  @Field(() => String, { nullable: true })
  evidence: string | null;
}

@ObjectType({ description: "One risk factor's score in an assessment." })
export class RiskFactorScore {
  @Field({ description: 'Risk factor code, e.g. "RF1".' })
  riskFactor: string;

  @Field(() => RiskLevel, { description: "The hub's ordinal level for this factor." })
  level: RiskLevel;

  @Field(() => String, { nullable: true })
  evidence: string | null;

  @ListSize(20)
  @Field(() => [IndicatorEvidence])
  indicators: IndicatorEvidence[];
}

@ObjectType({ description: 'A risk assessment of a situation against a version of the Framework of Analysis.' })
@Entity({ name: 'risk_assessment' })
// A situation's assessments in the order "latest" means (situationCounts reads it backwards with DISTINCT ON).
@Index(['situationId', 'assessedOn', 'createdAt', 'id'])
export class RiskAssessment extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'situation_id' })
  situationId: string;

  @Field({ description: 'Framework version the assessment was made under, e.g. "2014".' })
  @Column({ type: 'varchar', length: 20, name: 'framework_version' })
  frameworkVersion: string;

  @Field({ description: 'Code of the organisation that made the assessment.' })
  @Column({ type: 'varchar', length: 16, name: 'assessed_by_org' })
  assessedByOrg: string;

  @Field(() => LocalDate)
  @Column({ type: 'date', name: 'assessed_on' })
  assessedOn: string;

  @Field(() => RiskLevel, { description: "Overall level, on the hub's own ordinal scale." })
  @Column({ type: 'enum', enum: RiskLevel, enumName: 'risk_level', name: 'overall_level' })
  overallLevel: RiskLevel;

  @Field(() => String, { nullable: true, description: 'The assessing organisation\'s own rating scheme, e.g. "ECOWARN colour code".' })
  @Column({ type: 'varchar', length: 100, name: 'partner_rating_scheme', nullable: true })
  partnerRatingScheme: string | null;

  @Field(() => String, { nullable: true, description: "The assessing organisation's own rating, in its scheme." })
  @Column({ type: 'varchar', length: 100, name: 'partner_rating_value', nullable: true })
  partnerRatingValue: string | null;

  @Field(() => [Crime])
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, default: () => "'{}'" })
  crimes: Crime[];

  @Field(() => [Crime], { description: INCITEMENT_DESCRIPTION })
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, default: () => "'{}'" })
  incitement: Crime[];

  @Field(() => [Crime], {
    description:
      'The crimes the assessor states are being committed at the assessment\'s date (the R2P community\'s "current crisis"); empty when it states none. Apart from the risk level, which is about what may happen.',
  })
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, name: 'crimes_occurring', default: () => "'{}'" })
  crimesOccurring: Crime[];

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @ListSize(20)
  @Field(() => [RiskFactorScore])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  factors: RiskFactorScore[];

  // The order in which the organisation made its assessments of the situation. Clients see the
  // position among those they may read (RiskAssessmentResolver.assessmentNumber), never this count.
  @Column({ type: 'int', name: 'assessment_number', default: 1 })
  assessmentNumber: number;
}

// An assessment follows the situation it assesses (no write-down).
policyOf(RiskAssessment, { derived: true });
