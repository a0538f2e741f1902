// An alert the Joint Office or a partner raises about a situation: an early warning, advisory note,
// public statement or briefing, moving through its workflow from draft to issue and escalation.
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { policyOf } from '../../kernel/policy/access-policy';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { Crime, INCITEMENT_DESCRIPTION, RiskLevel } from '../../kernel/schema/vocabulary';

export enum AlertType {
  EARLY_WARNING = 'EARLY_WARNING',
  ADVISORY_NOTE = 'ADVISORY_NOTE',
  PUBLIC_STATEMENT = 'PUBLIC_STATEMENT',
  BRIEFING = 'BRIEFING',
}
registerEnumType(AlertType, {
  name: 'AlertType',
  valuesConfig: {
    EARLY_WARNING: { description: 'A warning that the risk of atrocity crimes is rising and action is needed.' },
    ADVISORY_NOTE: { description: 'Analysis and advice addressed to those able to act.' },
    PUBLIC_STATEMENT: { description: 'A statement made public by its issuer.' },
    BRIEFING: { description: 'A briefing, e.g. to the Secretary-General or the Security Council.' },
  },
});

export enum AlertStatus {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  ESCALATED_TO_SECRETARY_GENERAL = 'ESCALATED_TO_SECRETARY_GENERAL',
  ESCALATED_TO_SECURITY_COUNCIL = 'ESCALATED_TO_SECURITY_COUNCIL',
  CLOSED = 'CLOSED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  valuesConfig: {
    DRAFT: { description: 'Being written; not yet sent to its recipients.' },
    ISSUED: { description: 'Sent to its recipients. An issued alert is never edited: a correction is a new alert that supersedes it.' },
    ESCALATED_TO_SECRETARY_GENERAL: { description: 'Brought to the attention of the Secretary-General.' },
    ESCALATED_TO_SECURITY_COUNCIL: { description: 'Brought, through the Secretary-General, to the Security Council.' },
    CLOSED: { description: 'No further action expected.' },
    SUPERSEDED: { description: 'Replaced by a corrected version (see supersededBy).' },
  },
});

export enum AlertRecipient {
  SECRETARY_GENERAL = 'SECRETARY_GENERAL',
  SECURITY_COUNCIL = 'SECURITY_COUNCIL',
  PARTNER_ORGANISATIONS = 'PARTNER_ORGANISATIONS',
  PUBLIC = 'PUBLIC',
}
registerEnumType(AlertRecipient, {
  name: 'AlertRecipient',
  valuesConfig: { PARTNER_ORGANISATIONS: { description: 'The partner organisations named in recipientOrgs.' } },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An alert, advisory note, public statement or briefing about a situation.' })
@Entity({ name: 'alert' })
@Index(['situationId'])
@Index(['countryIso3'])
@Index(['ownerOrg'])
// A version is corrected at most once, so the chain of corrections stays a line.
@Index(['supersedesId'], { unique: true, where: 'supersedes_id IS NOT NULL' })
export class Alert extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => AlertType)
  @Column({ type: 'enum', enum: AlertType, enumName: 'alert_type' })
  type: AlertType;

  @Field(() => RiskLevel, { description: "The risk the alert signals, on the hub's own ordinal scale." })
  @Column({ type: 'enum', enum: RiskLevel, enumName: 'risk_level' })
  level: RiskLevel;

  @Field(() => AlertStatus)
  @Column({ type: 'enum', enum: AlertStatus, enumName: 'alert_status', default: AlertStatus.DRAFT })
  status: AlertStatus;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => [AlertRecipient])
  @Column({ type: 'enum', enum: AlertRecipient, enumName: 'alert_recipient', array: true, default: () => "'{}'" })
  recipients: AlertRecipient[];

  @Field(() => [String], { description: 'Codes of the partner organisations the alert is addressed to.' })
  @Column({ type: 'varchar', array: true, name: 'recipient_orgs', default: () => "'{}'" })
  recipientOrgs: string[];

  @Field(() => [Crime], { description: 'The crimes the alert concerns.' })
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, default: () => "'{}'" })
  crimes: Crime[];

  @Field(() => [Crime], { description: INCITEMENT_DESCRIPTION })
  @Column({ type: 'enum', enum: Crime, enumName: 'crime', array: true, default: () => "'{}'" })
  incitement: Crime[];

  @Field(() => [String], { description: 'Risk-factor codes of the framework the alert cites, e.g. "RF1".' })
  @Column({ type: 'varchar', array: true, name: 'cited_risk_factors', default: () => "'{}'" })
  citedRiskFactors: string[];

  @Field({ description: 'Version of the Framework of Analysis the cited risk factors belong to, e.g. "2014".' })
  @Column({ type: 'varchar', length: 20, name: 'framework_version', default: '2014' })
  frameworkVersion: string;

  // Not for clients: Alert.situation is resolved by the situations subgraph from it, under that
  // subgraph's policy, so an alert never reveals the id of a situation its reader may not read.
  @Directive('@inaccessible')
  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', name: 'situation_id', nullable: true })
  situationId: string | null;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country the alert concerns.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field(() => Date, { nullable: true, description: 'When the alert was first issued; null while it is a draft.' })
  @Column({ type: 'timestamptz', name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  @Column({ type: 'uuid', name: 'supersedes_id', nullable: true })
  supersedesId: string | null;

  @Field({ description: 'True for the illustrative seed data: not a real alert about a real country.' })
  @Column({ type: 'boolean', default: false })
  illustrative: boolean;
}

// An alert follows the situation it cites (no write-down), and a draft stays inside its organisation
// until it is issued, whatever its classification will let others read then.
policyOf(Alert, { derived: true, ownerOnlyWhile: (alias) => `${alias}.status = 'DRAFT'` });
