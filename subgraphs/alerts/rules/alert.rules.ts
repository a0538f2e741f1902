// The domain rules an alert's content must meet before it is stored, beyond what the input types
// check field by field: its country exists, its recipients agree, its sharing means something, and
// what it cites from the situations subgraph exists and is visible. What the alert may then be
// shared with is the kernel's no-write-down rule (kernel/policy/no-write-down.ts), asked by the mutations.
import { isDeepStrictEqual } from 'node:util';
import type { Classified } from '../../kernel/policy/access-policy';
import type { SubgraphContext } from '../../kernel/service/context';
import type { Classification } from '../../kernel/policy/ownership';
import { askPeer } from '../../kernel/service/peer';
import type { CitedRecord } from '../../kernel/policy/record-floor';
import { citationRepresentations, citationSelection, citedRecords, type CitationRequest } from '../../kernel/policy/citations';
import { countryCode, uuid } from '../../kernel/write/validation';
import { crimeListProblems, type Crime, type RiskLevel } from '../../kernel/schema/vocabulary';
import { InputProblems } from '../../kernel/write/writing';
import { checkSharing } from '../../kernel/policy/no-write-down';
import { AddresseeKind, AlertRecipient, CODED_ADDRESSEES, type AlertType, type Recommendation } from '../entities/alert.entity';

/** Everything an author writes in an alert: what draftAlert takes, editAlert and correctAlert change. */
export interface AlertContent {
  type: AlertType;
  level: RiskLevel;
  title: string;
  body: string;
  recipients: AlertRecipient[];
  recipientOrgs: string[];
  crimes: Crime[];
  incitement: Crime[];
  citedRiskFactors: string[];
  frameworkVersion: string;
  situationId: string | null;
  recommendations: Recommendation[];
  citedAssessmentIds: string[];
  citedIncidentIds: string[];
  countryIso3: string;
  classification: Classification;
  sharedWith: string[];
  sharedWithUsers: string[];
}

export const CONTENT_FIELDS: readonly (keyof AlertContent)[] = [
  'type',
  'level',
  'title',
  'body',
  'recipients',
  'recipientOrgs',
  'crimes',
  'incitement',
  'citedRiskFactors',
  'frameworkVersion',
  'situationId',
  'recommendations',
  'citedAssessmentIds',
  'citedIncidentIds',
  'countryIso3',
  'classification',
  'sharedWith',
  'sharedWithUsers',
];

export function contentOf(alert: AlertContent): AlertContent {
  return Object.fromEntries(CONTENT_FIELDS.map((field) => [field, alert[field]])) as unknown as AlertContent;
}

/**
 * `current` with the fields `changes` sets. Absent leaves a field as it is; null is refused except
 * for situationId, where it means "cites no situation".
 */
export function applyChanges(
  problems: InputProblems,
  current: AlertContent,
  changes: Partial<{ [K in keyof AlertContent]: AlertContent[K] | null }>,
): AlertContent {
  const next = { ...current } as Record<string, unknown>;
  for (const field of CONTENT_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    if (value === null && field !== 'situationId') problems.add(field, `${field} may not be null; leave it out to keep it as it is`);
    else next[field] = value;
  }
  return next as unknown as AlertContent;
}

const CHECKED_WITH_PEER: readonly (keyof AlertContent)[] = [
  'situationId',
  'citedAssessmentIds',
  'citedIncidentIds',
  'countryIso3',
  'classification',
  'sharedWith',
  'recipientOrgs',
  'citedRiskFactors',
  'frameworkVersion',
];

/** Normalises `content` and checks the rules that need no other service. */
export function checkContent(problems: InputProblems, content: AlertContent): AlertContent {
  const countryIso3 = problems.check(() => countryCode(content.countryIso3, 'countryIso3')) ?? content.countryIso3;
  const situationId = content.situationId === null ? null : (problems.check(() => uuid(content.situationId!, 'situationId')) ?? content.situationId);
  if (content.recipients.length === 0) problems.add('recipients', 'recipients must name at least one recipient');
  const toPartners = content.recipients.includes(AlertRecipient.PARTNER_ORGANISATIONS);
  if (toPartners && content.recipientOrgs.length === 0)
    problems.add('recipientOrgs', 'recipientOrgs must name the partner organisations when recipients include PARTNER_ORGANISATIONS');
  if (!toPartners && content.recipientOrgs.length > 0)
    problems.add('recipients', 'recipients must include PARTNER_ORGANISATIONS when recipientOrgs names organisations');
  if (content.crimes.length === 0) problems.add('crimes', 'crimes must name at least one crime the alert concerns');
  for (const [field, message] of crimeListProblems(content)) problems.add(field, message);
  checkSharing(problems, content);
  const citedAssessmentIds = content.citedAssessmentIds.map((id, i) => problems.check(() => uuid(id, `citedAssessmentIds[${i}]`)) ?? id);
  const citedIncidentIds = content.citedIncidentIds.map((id, i) => problems.check(() => uuid(id, `citedIncidentIds[${i}]`)) ?? id);
  const recommendations = content.recommendations.map((r, i) => checkRecommendation(problems, r, i));
  return { ...content, countryIso3, situationId, recommendations, citedAssessmentIds, citedIncidentIds };
}

/**
 * A recommendation names its State by ISO 3166-1 alpha-3 code (MEMBER_STATE, required) or its
 * regional organisation by partner code (REGIONAL_ORGANISATION, where it is a partner); other
 * addressees take no code. Whether the code names a country or partner the hub holds is
 * checked against the partners subgraph (checkRecommendationCodes).
 */
function checkRecommendation(problems: InputProblems, given: Recommendation, index: number): Recommendation {
  const field = `recommendations[${index}].addresseeCode`;
  const text = given.text.trim();
  if (text.length === 0) problems.add(`recommendations[${index}].text`, `recommendations[${index}].text must say what is recommended`);
  let code = given.addresseeCode ?? null;
  if (given.addressee === AddresseeKind.MEMBER_STATE) {
    if (!code) problems.add(field, `${field} must give the ISO 3166-1 alpha-3 code of the Member State`);
    else code = problems.check(() => countryCode(code!, field)) ?? code;
  } else if (code && !CODED_ADDRESSEES.has(given.addressee)) {
    problems.add(field, `${field} applies to MEMBER_STATE and REGIONAL_ORGANISATION addressees only`);
  }
  return { text, addressee: given.addressee, addresseeCode: code, pillar: given.pillar };
}

/** The country and partner codes the recommendations name, for the reference-data check. */
export function recommendationCodes(recommendations: readonly Recommendation[]): { countries: string[]; partners: string[] } {
  const codes = (kind: AddresseeKind) => [
    ...new Set(recommendations.filter((r) => r.addressee === kind && r.addresseeCode).map((r) => r.addresseeCode!)),
  ];
  return { countries: codes(AddresseeKind.MEMBER_STATE), partners: codes(AddresseeKind.REGIONAL_ORGANISATION) };
}

interface CitedSituation extends Classified {
  id: string;
  countryIso3: string;
  /** Every country the situation concerns; an alert about it is about one of them (the alert keeps its own country). */
  countryCodes: string[];
}

/** What the alert cites in the situations subgraph, in the kernel's citation form (kernel/policy/citations.ts). */
function citationRequests(content: AlertContent): CitationRequest[] {
  return [
    { field: 'situationId', type: 'Situation', noun: 'situation', ids: content.situationId ? [content.situationId] : [] },
    { field: 'citedAssessmentIds', type: 'RiskAssessment', noun: 'assessment', ids: content.citedAssessmentIds, withFloors: true },
    { field: 'citedIncidentIds', type: 'Incident', noun: 'incident', ids: content.citedIncidentIds, withFloors: true },
  ];
}

// One request answers every question. `_entities` resolves each cited record under the policy for
// the same viewer, so a record the viewer may not read comes back null, as a missing one does.
function citationsQuery(requests: CitationRequest[]): string {
  const selection = citationSelection(requests, { Situation: 'countryIso3 countryCodes' });
  return `query AlertCitations($cited: [_Any!]!, $framework: String!) {
  _entities(representations: $cited) { __typename ${selection} }
  framework(version: $framework) { riskFactors { code } }
}`;
}

interface CitationsAnswer {
  _entities: Parameters<typeof citedRecords>[2];
  framework: { riskFactors: { code: string }[] } | null;
}

/**
 * Checks what the alert cites against the situations subgraph: the situation, assessments and
 * incidents exist and the viewer may read them (one not readable is unknown, like a missing one),
 * the alert's country is one of the situation's countries; the cited risk factors belong to the framework
 * version. Returns the cited records, and the situations of cited assessments and incidents, as
 * the alert's floors. Call it outside the mutation's transaction (kernel/write/writing.ts
 * runMutation says why). Skipped when nothing changed that these rules look at: the cited records
 * are then among the alert's floors already.
 */
export async function checkCitations(
  ctx: SubgraphContext,
  problems: InputProblems,
  content: AlertContent,
  before?: AlertContent,
): Promise<CitedRecord[]> {
  if (before && CHECKED_WITH_PEER.every((field) => isDeepStrictEqual(before[field], content[field]))) return [];
  const requests = citationRequests(content);
  const cited = citationRepresentations(requests);
  if (cited.length === 0 && content.citedRiskFactors.length === 0) return [];
  const answer = await askPeer<CitationsAnswer>(ctx, 'situations', citationsQuery(requests), { cited, framework: content.frameworkVersion });
  if (content.citedRiskFactors.length > 0) {
    if (!answer.framework)
      problems.add('frameworkVersion', `frameworkVersion: unknown version ${JSON.stringify(content.frameworkVersion)} of the Framework of Analysis`);
    else {
      const known = new Set(answer.framework.riskFactors.map((f) => f.code));
      const unknown = content.citedRiskFactors.filter((code) => !known.has(code));
      if (unknown.length > 0)
        problems.add(
          'citedRiskFactors',
          `citedRiskFactors: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a risk factor' : 'are not risk factors'} of the ${content.frameworkVersion} framework`,
        );
    }
  }
  const { cited: floors, found } = citedRecords(problems, requests, answer._entities);
  const situation = content.situationId ? (found.get(`Situation:${content.situationId}`) as unknown as CitedSituation | undefined) : undefined;
  if (situation && !situation.countryCodes.includes(content.countryIso3))
    problems.add(
      'countryIso3',
      situation.countryCodes.length === 1
        ? `countryIso3 must be ${situation.countryIso3}, the country of the cited situation`
        : `countryIso3 must be one of ${situation.countryCodes.join(', ')}, the countries of the cited situation`,
    );
  return floors;
}
