// Inputs of the alert workflow mutations. class-validator checks each field's shape before the
// resolver runs (type-graphql validation, reported as BAD_USER_INPUT naming every invalid field);
// the rules that relate fields or need data are in ../rules/alert.rules.ts.
import { ArrayMaxSize, ArrayUnique, IsInt, Length, Matches, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Classification } from '../../kernel/policy/ownership';
import { Crime, INCITEMENT_DESCRIPTION, RiskLevel } from '../../kernel/schema/vocabulary';
import { IDEMPOTENCY_KEY, PARTNER_CODES } from '../../kernel/write/record-inputs';
import { PARTNER_CODE } from '../../kernel/write/validation';
import { AlertRecipient, AlertType } from '../entities/alert.entity';

const RISK_FACTOR_CODE = /^[A-Za-z0-9.-]{1,20}$/;

export enum EscalationTarget {
  SECRETARY_GENERAL = 'SECRETARY_GENERAL',
  SECURITY_COUNCIL = 'SECURITY_COUNCIL',
}
registerEnumType(EscalationTarget, {
  name: 'EscalationTarget',
  description: 'Whom an issued alert is escalated to: first the Secretary-General, then, through the Secretary-General, the Security Council.',
});

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
