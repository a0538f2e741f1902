// Illustrative alerts for the seed, about the illustrative situations the situations subgraph seeds.
// NOT real alerts about real countries: every title says so and every alert has illustrative=true.
// They cover every type, status and classification level. An alert is classified no lower and
// shared no wider than the situation it draws on (the Middle Belt situation is ECOWAS's
// AMBER_STRICT, shared with UN-JO only; Darfur is IGAD's RED, named to one UN-JO analyst).
import { Classification } from '../../kernel/policy/ownership';
import type { IllustrativeSituationKey } from '../../kernel/reference/illustrative-situations';
import { Crime, RiskLevel } from '../../kernel/schema/vocabulary';
import { AlertRecipient, AlertStatus, AlertType } from '../entities/alert.entity';
import type { AlertContent } from '../rules/alert.rules';

export interface IllustrativeStatusChange {
  to: AlertStatus;
  at: string;
  by: string;
  note?: string;
}

export interface IllustrativeAcknowledgement {
  org: string;
  by: string;
  at: string;
  note?: string;
}

/** A seeded alert: what an author writes (rules/alert.rules.ts) about an illustrative situation, then its ownership and history. */
export interface IllustrativeAlert extends Pick<
  AlertContent,
  'type' | 'level' | 'title' | 'body' | 'recipients' | 'recipientOrgs' | 'crimes' | 'citedRiskFactors'
> {
  /** Natural key of the seed alert; its id derives from it. */
  key: string;
  /** The crimes whose incitement the alert concerns (each also in crimes). */
  incitement?: AlertContent['incitement'];
  situation: IllustrativeSituationKey;
  /** The situation's country, as the situations seed has it (subgraphs share keys, not code). */
  countryIso3: string;
  ownerOrg: string;
  classification: Classification;
  sharedWith?: string[];
  sharedWithUsers?: string[];
  /** Key of the alert this one corrects. */
  supersedes?: string;
  /** Oldest first, starting with DRAFT; the last step is the alert's current status. */
  history: IllustrativeStatusChange[];
  acknowledgements: IllustrativeAcknowledgement[];
}

const I = '[Exercise]';
/** What every illustrative alert says of itself in its body. */
export const EXERCISE_NOTICE =
  'An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.';
/** What every step of an illustrative alert's history and every acknowledgement of it says of itself. */
export const EXERCISE_NOTE_MARK = '(Exercise: invented for trying the hub.)';

/** The note the seed stores for a step or an acknowledgement written with `note` (or none): always marked as an exercise. */
export function exerciseNote(note?: string): string {
  return note ? `${note} ${EXERCISE_NOTE_MARK}` : EXERCISE_NOTE_MARK;
}

export const ILLUSTRATIVE_ALERTS: readonly IllustrativeAlert[] = [
  {
    key: 'kivu-early-warning',
    situation: 'great-lakes-kivu',
    countryIso3: 'COD',
    type: AlertType.EARLY_WARNING,
    level: RiskLevel.VERY_HIGH,
    title: `${I} Early warning (scenario A): hate speech and mobilisation by invented armed groups`,
    body: `In this exercise scenario, incitement against an invented group spreads while fictional armed groups mobilise; the exercise cites risk factor 10 to show how an alert names the indicators it rests on, and attributes no intent to any real group or government. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.SECRETARY_GENERAL, AlertRecipient.SECURITY_COUNCIL, AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['ICGLR', 'AU'],
    crimes: [Crime.GENOCIDE, Crime.CRIMES_AGAINST_HUMANITY],
    incitement: [Crime.GENOCIDE, Crime.CRIMES_AGAINST_HUMANITY],
    citedRiskFactors: ['RF1', 'RF9', 'RF10'],
    ownerOrg: 'UN-JO',
    classification: Classification.AMBER,
    sharedWith: ['ICGLR', 'AU'],
    history: [
      { to: AlertStatus.DRAFT, at: '2026-09-17T08:30:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-09-19T14:00:00Z', by: 'un-jo-editor' },
      { to: AlertStatus.ESCALATED_TO_SECRETARY_GENERAL, at: '2026-09-23T10:15:00Z', by: 'un-jo-editor', note: 'Note to the Secretary-General.' },
      {
        to: AlertStatus.ESCALATED_TO_SECURITY_COUNCIL,
        at: '2026-10-02T16:00:00Z',
        by: 'un-jo-editor',
        note: 'Briefing to the Security Council requested.',
      },
    ],
    acknowledgements: [
      { org: 'ICGLR', by: 'icglr-editor', at: '2026-09-20T09:00:00Z', note: 'Shared with the Regional Committee.' },
      { org: 'AU', by: 'au-analyst', at: '2026-09-21T11:30:00Z' },
    ],
  },
  {
    key: 'burundi-advisory',
    situation: 'great-lakes-burundi',
    countryIso3: 'BDI',
    type: AlertType.ADVISORY_NOTE,
    level: RiskLevel.MODERATE,
    title: `${I} Advisory note (scenario B): political tension ahead of elections`,
    body: `In this exercise, weak State structures and possible triggering events around an electoral calendar call for close monitoring. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['ICGLR', 'AU'],
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    citedRiskFactors: ['RF3', 'RF8'],
    ownerOrg: 'UN-JO',
    classification: Classification.GREEN,
    history: [
      { to: AlertStatus.DRAFT, at: '2026-08-04T09:00:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-08-06T15:30:00Z', by: 'un-jo-editor' },
    ],
    acknowledgements: [{ org: 'ICGLR', by: 'icglr-editor', at: '2026-08-07T08:45:00Z' }],
  },
  {
    key: 'burundi-draft-warning',
    situation: 'great-lakes-burundi',
    countryIso3: 'BDI',
    type: AlertType.EARLY_WARNING,
    level: RiskLevel.HIGH,
    title: `${I} Draft early warning (scenario B): recruitment by an invented youth militia`,
    body: `Exercise draft for the national committee's review; not yet sent. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['UN-JO', 'AU'],
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    citedRiskFactors: ['RF5', 'RF7'],
    // A draft stays inside its organisation until it is issued.
    ownerOrg: 'ICGLR',
    classification: Classification.AMBER,
    sharedWith: [],
    history: [{ to: AlertStatus.DRAFT, at: '2026-11-10T13:20:00Z', by: 'icglr-editor' }],
    acknowledgements: [],
  },
  {
    key: 'middle-belt-early-warning',
    situation: 'west-africa-middle-belt',
    countryIso3: 'NGA',
    type: AlertType.EARLY_WARNING,
    level: RiskLevel.HIGH,
    title: `${I} Early warning (scenario C): reprisal attacks between two invented communities`,
    body: `In this exercise, invented field reports show reprisal attacks and inflammatory messaging across two areas. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['UN-JO'],
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    incitement: [Crime.CRIMES_AGAINST_HUMANITY],
    citedRiskFactors: ['RF1', 'RF9', 'RF11'],
    ownerOrg: 'ECOWAS',
    classification: Classification.AMBER_STRICT,
    sharedWith: ['UN-JO'],
    history: [
      { to: AlertStatus.DRAFT, at: '2026-10-06T07:45:00Z', by: 'ecowas-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-10-08T12:00:00Z', by: 'ecowas-editor' },
    ],
    acknowledgements: [{ org: 'UN-JO', by: 'un-jo-analyst', at: '2026-10-08T17:10:00Z', note: 'Received; kept within the Office.' }],
  },
  {
    key: 'sahel-central-briefing',
    situation: 'sahel-central',
    countryIso3: 'BFA',
    type: AlertType.BRIEFING,
    level: RiskLevel.HIGH,
    title: `${I} Briefing (scenario D): attacks on civilians and humanitarian access`,
    body: `Exercise situation-room briefing for partner organisations on an invented armed group's attacks against civilians and threats to those protected under international humanitarian law. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['ECOWAS', 'UN-JO'],
    crimes: [Crime.WAR_CRIMES, Crime.CRIMES_AGAINST_HUMANITY],
    citedRiskFactors: ['RF1', 'RF13'],
    ownerOrg: 'AU',
    classification: Classification.AMBER,
    sharedWith: ['ECOWAS', 'UN-JO'],
    history: [
      { to: AlertStatus.DRAFT, at: '2026-07-14T10:00:00Z', by: 'au-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-07-15T09:30:00Z', by: 'au-editor' },
    ],
    acknowledgements: [
      { org: 'ECOWAS', by: 'ecowas-analyst', at: '2026-07-15T14:05:00Z' },
      { org: 'UN-JO', by: 'un-jo-analyst', at: '2026-07-16T08:20:00Z' },
    ],
  },
  {
    key: 'darfur-early-warning',
    situation: 'horn-darfur',
    countryIso3: 'SDN',
    type: AlertType.EARLY_WARNING,
    level: RiskLevel.VERY_HIGH,
    title: `${I} Early warning (scenario E, hypothetical): a fictional armed group targets an invented community`,
    body: `Confidential exercise. In this exercise scenario, invented field monitors report that a fictional armed group kills members of an invented community and attacks humanitarian operations. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['UN-JO'],
    crimes: [Crime.GENOCIDE, Crime.WAR_CRIMES, Crime.ETHNIC_CLEANSING],
    citedRiskFactors: ['RF10', 'RF11', 'RF14'],
    ownerOrg: 'IGAD',
    classification: Classification.RED,
    sharedWithUsers: ['un-jo-analyst'],
    history: [
      { to: AlertStatus.DRAFT, at: '2026-06-03T06:50:00Z', by: 'igad-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-06-04T11:00:00Z', by: 'igad-editor' },
    ],
    acknowledgements: [],
  },
  {
    key: 'south-sudan-statement',
    situation: 'horn-south-sudan',
    countryIso3: 'SSD',
    type: AlertType.PUBLIC_STATEMENT,
    level: RiskLevel.MODERATE,
    title: `${I} Statement (scenario F) on localised violence and humanitarian access`,
    body: `Exercise statement: the Office calls on all parties to protect civilians and allow humanitarian access. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PUBLIC],
    recipientOrgs: [],
    crimes: [Crime.WAR_CRIMES],
    citedRiskFactors: ['RF13', 'RF14'],
    ownerOrg: 'UN-JO',
    classification: Classification.CLEAR,
    history: [
      { to: AlertStatus.DRAFT, at: '2026-05-26T09:00:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-05-28T13:00:00Z', by: 'un-jo-editor' },
    ],
    acknowledgements: [],
  },
  {
    // The Office's periodic reporting to intergovernmental bodies (domain.md: "periodic reporting ...
    // and potentially to other intergovernmental bodies"): the one seeded REPORT, public like the
    // situation it draws on, addressed to the Human Rights Council and the General Assembly.
    key: 'south-sudan-report',
    situation: 'horn-south-sudan',
    countryIso3: 'SSD',
    type: AlertType.REPORT,
    level: RiskLevel.MODERATE,
    title: `${I} Report (scenario F) to the Human Rights Council and the General Assembly: localised violence and humanitarian access`,
    body: `Exercise periodic report, never submitted: in this exercise scenario, the Office reports to the Human Rights Council and the General Assembly on localised violence by fictional armed groups and on humanitarian access. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.HUMAN_RIGHTS_COUNCIL, AlertRecipient.GENERAL_ASSEMBLY],
    recipientOrgs: [],
    crimes: [Crime.WAR_CRIMES],
    citedRiskFactors: ['RF13', 'RF14'],
    ownerOrg: 'UN-JO',
    classification: Classification.CLEAR,
    history: [
      { to: AlertStatus.DRAFT, at: '2026-06-08T09:00:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-06-15T11:00:00Z', by: 'un-jo-editor', note: "Submitted for the Council's session." },
    ],
    acknowledgements: [],
  },
  {
    key: 'rakhine-statement',
    situation: 'asia-rakhine',
    countryIso3: 'MMR',
    type: AlertType.PUBLIC_STATEMENT,
    level: RiskLevel.HIGH,
    title: `${I} Statement (scenario H) on discrimination against an invented minority`,
    body: `Exercise statement, never published: in this exercise scenario, the Office expresses concern at discrimination and violence by fictional actors against an invented minority. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PUBLIC],
    recipientOrgs: [],
    crimes: [Crime.GENOCIDE, Crime.ETHNIC_CLEANSING],
    citedRiskFactors: ['RF9', 'RF10'],
    ownerOrg: 'UN-JO',
    classification: Classification.CLEAR,
    history: [
      { to: AlertStatus.DRAFT, at: '2026-02-09T10:00:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-02-10T15:00:00Z', by: 'un-jo-editor' },
      { to: AlertStatus.SUPERSEDED, at: '2026-02-12T09:30:00Z', by: 'un-jo-editor', note: 'Corrected version issued.' },
    ],
    acknowledgements: [],
  },
  {
    key: 'rakhine-statement-corrected',
    situation: 'asia-rakhine',
    countryIso3: 'MMR',
    type: AlertType.PUBLIC_STATEMENT,
    level: RiskLevel.HIGH,
    title: `${I} Statement (scenario H) on discrimination against an invented minority (corrected)`,
    body: `Corrects the date of the events cited in the earlier exercise statement, never published: in this exercise scenario, the Office expresses concern at discrimination and violence by fictional actors against an invented minority. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PUBLIC],
    recipientOrgs: [],
    crimes: [Crime.GENOCIDE, Crime.ETHNIC_CLEANSING],
    citedRiskFactors: ['RF9', 'RF10'],
    ownerOrg: 'UN-JO',
    classification: Classification.CLEAR,
    supersedes: 'rakhine-statement',
    history: [
      { to: AlertStatus.DRAFT, at: '2026-02-11T16:00:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-02-12T09:30:00Z', by: 'un-jo-editor' },
    ],
    acknowledgements: [],
  },
  {
    key: 'haiti-briefing',
    situation: 'americas-haiti',
    countryIso3: 'HTI',
    type: AlertType.BRIEFING,
    level: RiskLevel.HIGH,
    title: `${I} Briefing (scenario I): widespread attacks on civilians by invented gangs`,
    body: `Exercise briefing for the Secretary-General: weak State structures and a pattern of attacks by invented gangs on the civilian population. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.SECRETARY_GENERAL],
    recipientOrgs: [],
    crimes: [Crime.CRIMES_AGAINST_HUMANITY],
    citedRiskFactors: ['RF3', 'RF11'],
    ownerOrg: 'UN-JO',
    classification: Classification.GREEN,
    history: [
      { to: AlertStatus.DRAFT, at: '2026-04-03T09:00:00Z', by: 'un-jo-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-04-06T10:00:00Z', by: 'un-jo-editor' },
      { to: AlertStatus.ESCALATED_TO_SECRETARY_GENERAL, at: '2026-04-09T14:30:00Z', by: 'un-jo-editor' },
    ],
    acknowledgements: [],
  },
  {
    key: 'mali-advisory',
    situation: 'sahel-mali',
    countryIso3: 'MLI',
    type: AlertType.ADVISORY_NOTE,
    level: RiskLevel.HIGH,
    title: `${I} Advisory note (scenario J): communal violence between invented groups`,
    body: `In this exercise, reprisals between invented communities and the targeting of civilians by invented armed groups; local mediation under way. ${EXERCISE_NOTICE}`,
    recipients: [AlertRecipient.PARTNER_ORGANISATIONS],
    recipientOrgs: ['UN-JO', 'AU'],
    crimes: [Crime.WAR_CRIMES, Crime.ETHNIC_CLEANSING],
    citedRiskFactors: ['RF1', 'RF9'],
    ownerOrg: 'ECOWAS',
    classification: Classification.AMBER,
    sharedWith: ['UN-JO', 'AU'],
    history: [
      { to: AlertStatus.DRAFT, at: '2026-01-19T08:00:00Z', by: 'ecowas-analyst' },
      { to: AlertStatus.ISSUED, at: '2026-01-20T12:00:00Z', by: 'ecowas-editor' },
      { to: AlertStatus.CLOSED, at: '2026-08-31T10:00:00Z', by: 'ecowas-editor', note: 'Situation de-escalating; no further action expected.' },
    ],
    acknowledgements: [
      { org: 'UN-JO', by: 'un-jo-analyst', at: '2026-01-21T09:10:00Z' },
      { org: 'AU', by: 'au-analyst', at: '2026-01-22T13:40:00Z' },
    ],
  },
];
