// Inputs of the alert workflow mutations. class-validator checks each field's shape before the
// resolver runs (type-graphql validation, reported as BAD_USER_INPUT naming every invalid field);
// the rules that relate fields or need data are in ../rules/alert.rules.ts.
import { ArrayMaxSize, ArrayUnique, IsInt, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Classification } from '../../kernel/policy/ownership';
import { Crime, INCITEMENT_DESCRIPTION, RiskLevel } from '../../kernel/schema/vocabulary';
import { IDEMPOTENCY_KEY, PARTNER_CODES } from '../../kernel/write/record-inputs';
import { PARTNER_CODE } from '../../kernel/write/validation';
import { AddresseeKind, AlertRecipient, AlertType, ProtectionPillar } from '../entities/alert.entity';

const RISK_FACTOR_CODE = /^[A-Za-z0-9.-]{1,20}$/;

export enum EscalationTarget {
  SECRETARY_GENERAL = 'SECRETARY_GENERAL',
  SECURITY_COUNCIL = 'SECURITY_COUNCIL',
}
registerEnumType(EscalationTarget, {
  name: 'EscalationTarget',
  description: 'Whom the Office alerts to an issued alert: first the Secretary-General, then, through him, the Security Council.',
});

@InputType({ description: 'A preventive action the alert recommends.' })
export class RecommendationInput {
  @Field({ description: 'The recommended action.' })
  @Length(1, 2000)
  text: string;

  @Field(() => AddresseeKind, { description: 'Whom the action is addressed to.' })
  addressee: AddresseeKind;

  @Field(() => String, {
    nullable: true,
    description:
      'For MEMBER_STATE (required): the ISO 3166-1 alpha-3 code of the State; for REGIONAL_ORGANISATION (optional): its partner code. Checked against the reference data.',
  })
  @MaxLength(16)
  addresseeCode: string | null;

  @Field(() => ProtectionPillar, { description: 'The pillar of the Responsibility to Protect the action falls under.' })
  pillar: ProtectionPillar;
}

const CITED_IDS = 50;

@InputType({ description: 'A new alert, written as a draft that only its organisation sees until it is issued.' })
export class DraftAlertInput {
  @Field({
    description: 'A key the client generates per alert (a UUID is best): a retry with the same key returns the first draft, never a second one.',
  })
  @Length(8, 200)
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;

  @Field(() => AlertType)
  type: AlertType;

  @Field(() => RiskLevel)
  level: RiskLevel;

  @Field()
  @Length(1, 300)
  title: string;

  @Field()
  @Length(1, 20000)
  body: string;

  @Field(() => [AlertRecipient])
  @ArrayUnique()
  recipients: AlertRecipient[];

  @Field(() => [String], {
    defaultValue: [],
    description: 'Partner organisations the alert is addressed to (with PARTNER_ORGANISATIONS in recipients).',
  })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  recipientOrgs: string[];

  @Field(() => [Crime])
  @ArrayUnique()
  crimes: Crime[];

  @Field(() => [Crime], { defaultValue: [], description: INCITEMENT_DESCRIPTION })
  @ArrayMaxSize(4)
  @ArrayUnique()
  incitement: Crime[];

  @Field(() => [String], { defaultValue: [], description: 'Risk-factor codes of the framework version, e.g. "RF1".' })
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(RISK_FACTOR_CODE, { each: true })
  citedRiskFactors: string[];

  @Field({ defaultValue: '2014', description: 'Version of the Framework of Analysis the cited risk factors belong to.' })
  @Length(1, 20)
  frameworkVersion: string;

  @Field(() => ID, {
    nullable: true,
    description: "The situation the alert is about; its country must be the alert's, and an AMBER_STRICT one limits how the alert is shared.",
  })
  situationId?: string | null;

  @Field(() => [RecommendationInput], { defaultValue: [], description: 'The preventive actions the alert recommends, in order.' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  recommendations: RecommendationInput[];

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Risk assessments the alert rests on. The alert is read by no one who may not read each of them (no write-down).',
  })
  @ArrayMaxSize(CITED_IDS)
  @ArrayUnique()
  citedAssessmentIds: string[];

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Incidents the alert rests on. The alert is read by no one who may not read each of them (no write-down).',
  })
  @ArrayMaxSize(CITED_IDS)
  @ArrayUnique()
  citedIncidentIds: string[];

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country the alert concerns.' })
  countryIso3: string;

  @Field(() => Classification)
  classification: Classification;

  @Field(() => [String], {
    defaultValue: [],
    description: 'For AMBER and AMBER_STRICT: organisations that may read it besides yours. Recipient organisations are added when it is issued.',
  })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  sharedWith: string[];

  @Field(() => [String], { defaultValue: [], description: 'For RED: the users (token subjects) who may read it besides your organisation.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Length(1, 100, { each: true })
  sharedWithUsers: string[];
}

/** The content fields an edit or a correction may change; a field left out stays as it is. A base
 * class only: type-graphql prints it in no schema, as no argument has this type. */
@InputType('AlertChanges')
abstract class AlertChanges {
  @Field(() => AlertType, { nullable: true })
  type?: AlertType;

  @Field(() => RiskLevel, { nullable: true })
  level?: RiskLevel;

  @Field({ nullable: true })
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true })
  @Length(1, 20000)
  body?: string;

  @Field(() => [AlertRecipient], { nullable: true })
  @ArrayUnique()
  recipients?: AlertRecipient[];

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  recipientOrgs?: string[];

  @Field(() => [Crime], { nullable: true })
  @ArrayUnique()
  crimes?: Crime[];

  @Field(() => [Crime], { nullable: true, description: INCITEMENT_DESCRIPTION })
  @ArrayMaxSize(4)
  @ArrayUnique()
  incitement?: Crime[];

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(RISK_FACTOR_CODE, { each: true })
  citedRiskFactors?: string[];

  @Field({ nullable: true })
  @Length(1, 20)
  frameworkVersion?: string;

  @Field(() => ID, { nullable: true, description: 'Null: the alert cites no situation.' })
  situationId?: string | null;

  @Field(() => [RecommendationInput], { nullable: true, description: 'Replaces the recommendations; [] removes them.' })
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  recommendations?: RecommendationInput[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Replaces the cited assessments. What the alert cited before stays among its floors: removing a citation does not widen who may read it.',
  })
  @ArrayMaxSize(CITED_IDS)
  @ArrayUnique()
  citedAssessmentIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Replaces the cited incidents. What the alert cited before stays among its floors: removing a citation does not widen who may read it.',
  })
  @ArrayMaxSize(CITED_IDS)
  @ArrayUnique()
  citedIncidentIds?: string[];

  @Field({ nullable: true })
  countryIso3?: string;

  @Field(() => Classification, { nullable: true })
  classification?: Classification;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  sharedWith?: string[];

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Length(1, 100, { each: true })
  sharedWithUsers?: string[];
}

@InputType({ description: 'Changes to a draft. Only a DRAFT is edited; send the version you read.' })
export class EditAlertInput extends AlertChanges {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the alert changed since.' })
  @IsInt()
  @Min(1)
  version: number;
}

/** Moves an alert one step along its workflow (a base class only, like AlertChanges). */
@InputType('AlertStepInput')
abstract class AlertStepInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the alert changed since.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true, description: 'Kept in the status history with the step.' })
  @MaxLength(2000)
  note?: string;
}

@InputType({ description: 'Sends a draft to its recipients.' })
export class IssueAlertInput extends AlertStepInput {}

@InputType({
  description: 'Brings an issued alert to the Secretary-General, or an alert already with the Secretary-General to the Security Council.',
})
export class EscalateAlertInput extends AlertStepInput {
  @Field(() => EscalationTarget)
  to: EscalationTarget;
}

@InputType({ description: 'Ends an alert: no further action expected (a draft: abandoned).' })
export class CloseAlertInput extends AlertStepInput {}

@InputType({ description: "A corrected version of an issued alert: the fields given replace the old version's in a new alert, which supersedes it." })
export class CorrectAlertInput extends AlertChanges {
  @Field({ description: 'A key the client generates per correction: a retry with the same key returns the first correction.' })
  @Length(8, 200)
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;

  @Field(() => ID, { description: 'The alert to correct.' })
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the alert changed since.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ description: "What the correction corrects; kept in both alerts' status histories." })
  @Length(1, 2000)
  note: string;
}

@InputType({ description: "Your organisation's acknowledgement that it received an alert addressed to it." })
export class AcknowledgeAlertInput {
  @Field(() => ID)
  alertId: string;

  @Field({ nullable: true })
  @MaxLength(2000)
  note?: string;
}
