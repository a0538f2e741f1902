// An alert the Office or a partner raises about a situation: an early warning, advisory note,
// public statement, briefing or report, moving through its workflow from draft to issue and escalation,
// with the preventive action it recommends and the assessments and incidents it rests on.
import { ListSize } from '../../kernel/schema/list-size';
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
  REPORT = 'REPORT',
}
registerEnumType(AlertType, {
  name: 'AlertType',
  valuesConfig: {
    EARLY_WARNING: { description: 'A warning that the risk of atrocity crimes is rising and action is needed.' },
    ADVISORY_NOTE: { description: 'Analysis and advice addressed to those able to act.' },
    PUBLIC_STATEMENT: { description: 'A statement made public by its issuer.' },
    BRIEFING: { description: 'A briefing, e.g. to the Secretary-General or the Security Council.' },
    REPORT: {
      description: "Periodic reporting, such as the Office's report to the General Assembly or the Human Rights Council.",
    },
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
    ESCALATED_TO_SECRETARY_GENERAL: { description: 'The Office has alerted the Secretary-General.' },
    ESCALATED_TO_SECURITY_COUNCIL: {
      description: 'The Office has alerted, through the Secretary-General, the Security Council (the Secretary-General brings the matter to it).',
    },
    CLOSED: { description: 'No further action expected.' },
    SUPERSEDED: { description: 'Replaced by a corrected version (see supersededBy).' },
  },
});

export enum AlertRecipient {
  SECRETARY_GENERAL = 'SECRETARY_GENERAL',
  SECURITY_COUNCIL = 'SECURITY_COUNCIL',
  PARTNER_ORGANISATIONS = 'PARTNER_ORGANISATIONS',
  PUBLIC = 'PUBLIC',
  GENERAL_ASSEMBLY = 'GENERAL_ASSEMBLY',
  HUMAN_RIGHTS_COUNCIL = 'HUMAN_RIGHTS_COUNCIL',
}
registerEnumType(AlertRecipient, {
  name: 'AlertRecipient',
  description: 'Whom an alert is addressed to.',
  valuesConfig: {
    SECRETARY_GENERAL: { description: 'The Secretary-General, whom the Office alerts first.' },
    SECURITY_COUNCIL: { description: 'The Security Council, which the Office alerts through the Secretary-General.' },
    PARTNER_ORGANISATIONS: { description: 'The partner organisations named in recipientOrgs.' },
    PUBLIC: { description: 'The public: a statement made public.' },
    GENERAL_ASSEMBLY: { description: 'The General Assembly (periodic reporting).' },
    HUMAN_RIGHTS_COUNCIL: { description: 'The Human Rights Council (periodic reporting, and other intergovernmental bodies).' },
  },
});

/** The Responsibility to Protect's three pillars (2005 World Summit Outcome, paras 138-139; the Secretary-General's 2009 report). */
export enum ProtectionPillar {
  PILLAR_1 = 'PILLAR_1',
  PILLAR_2 = 'PILLAR_2',
  PILLAR_3 = 'PILLAR_3',
}
registerEnumType(ProtectionPillar, {
  name: 'ProtectionPillar',
  description: 'The pillar of the Responsibility to Protect a recommended preventive action falls under.',
  valuesConfig: {
    PILLAR_1: { description: "Pillar 1: each State's own responsibility to protect its populations from atrocity crimes." },
    PILLAR_2: { description: "Pillar 2: the international community's responsibility to assist States in protecting their populations." },
    PILLAR_3: {
      description:
        "Pillar 3: the international community's responsibility to respond in a timely and decisive manner when a State manifestly fails to protect its populations.",
    },
  },
});

/** Kinds of addressee of a recommendation. A State or a partner organisation is also named by its code. */
export enum AddresseeKind {
  SECRETARY_GENERAL = 'SECRETARY_GENERAL',
  SECURITY_COUNCIL = 'SECURITY_COUNCIL',
  GENERAL_ASSEMBLY = 'GENERAL_ASSEMBLY',
  HUMAN_RIGHTS_COUNCIL = 'HUMAN_RIGHTS_COUNCIL',
  MEMBER_STATE = 'MEMBER_STATE',
  REGIONAL_ORGANISATION = 'REGIONAL_ORGANISATION',
  UN_SYSTEM = 'UN_SYSTEM',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  INTERNATIONAL_COMMUNITY = 'INTERNATIONAL_COMMUNITY',
}
registerEnumType(AddresseeKind, {
  name: 'AddresseeKind',
  description: 'Whom a recommended preventive action is addressed to.',
  valuesConfig: {
    SECRETARY_GENERAL: { description: 'The Secretary-General.' },
    SECURITY_COUNCIL: { description: 'The Security Council.' },
    GENERAL_ASSEMBLY: { description: 'The General Assembly.' },
    HUMAN_RIGHTS_COUNCIL: { description: 'The Human Rights Council.' },
    MEMBER_STATE: { description: 'A Member State, named by its ISO 3166-1 alpha-3 code in addresseeCode.' },
    REGIONAL_ORGANISATION: {
      description: 'A regional or sub-regional organisation; a partner of the hub is named by its code in addresseeCode.',
    },
    UN_SYSTEM: { description: 'Other parts of the United Nations system (agencies, funds, programmes, the inter-agency Framework Team).' },
    CIVIL_SOCIETY: { description: 'Civil society, religious and community leaders.' },
    INTERNATIONAL_COMMUNITY: { description: 'The international community at large.' },
  },
});

/** Addressee kinds that name one State or organisation by code. */
export const CODED_ADDRESSEES: ReadonlySet<AddresseeKind> = new Set([AddresseeKind.MEMBER_STATE, AddresseeKind.REGIONAL_ORGANISATION]);

// Stored inside the alert's row (jsonb), so it is read exactly when the alert is.
@ObjectType({ description: 'A preventive action the alert recommends: what, to whom, under which pillar of the Responsibility to Protect.' })
export class Recommendation {
  @Field({ description: 'The recommended action, in the words of the alert.' })
  text: string;

  @Field(() => AddresseeKind, { description: 'Whom the action is addressed to.' })
  addressee: AddresseeKind;

  @Field(() => String, {
    nullable: true,
    description:
      'For MEMBER_STATE: the ISO 3166-1 alpha-3 code of the State; for REGIONAL_ORGANISATION: the partner code, where it is a partner of the hub.',
  })
  addresseeCode: string | null;

  @Field(() => ProtectionPillar, { description: 'The pillar of the Responsibility to Protect the action falls under.' })
  pillar: ProtectionPillar;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An alert, advisory note, public statement, briefing or report about a situation.' })
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

  @ListSize(30)
  @Field(() => [Recommendation], { description: 'The preventive actions the alert recommends, in the order the alert gives them.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  recommendations: Recommendation[];

  // Not for clients, like situationId: Alert.citedAssessments and Alert.citedIncidents are resolved
  // by the situations subgraph from them, so a reader sees only the cited records they may read.
  @Directive('@inaccessible')
  @Field(() => [ID])
  @Column({ type: 'uuid', array: true, name: 'cited_assessment_ids', default: () => "'{}'" })
  citedAssessmentIds: string[];

  @Directive('@inaccessible')
  @Field(() => [ID])
  @Column({ type: 'uuid', array: true, name: 'cited_incident_ids', default: () => "'{}'" })
  citedIncidentIds: string[];

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

// An alert follows the situation, assessments and incidents it cites (no write-down), and a draft stays inside its organisation
// until it is issued, whatever its classification will let others read then.
policyOf(Alert, { derived: true, ownerOnlyWhile: (alias) => `${alias}.status = 'DRAFT'` });
