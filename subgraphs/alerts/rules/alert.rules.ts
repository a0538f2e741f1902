// The domain rules an alert's content must meet before it is stored, beyond what the input types
// check field by field: its country exists, its recipients agree, its sharing means something, and
// what it cites from the situations subgraph exists and is visible. What the alert may then be
// shared with is the kernel's no-write-down rule (kernel/policy/no-write-down.ts), asked by the mutations.
import { isDeepStrictEqual } from 'node:util';
import type { Classified } from '../../kernel/policy/access-policy';
import type { SubgraphContext } from '../../kernel/service/context';
import type { Classification } from '../../kernel/policy/ownership';
import { askPeer } from '../../kernel/service/peer';
import { citedRecord, type CitedRecord } from '../../kernel/policy/record-floor';
import { countryCode, uuid } from '../../kernel/write/validation';
import { crimeListProblems, type Crime, type RiskLevel } from '../../kernel/schema/vocabulary';
import { InputProblems } from '../../kernel/write/writing';
import { checkSharing } from '../../kernel/policy/no-write-down';
import { AlertRecipient, type AlertType } from '../entities/alert.entity';

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
  return { ...content, countryIso3, situationId };
}

interface CitedSituation extends Classified {
  id: string;
  countryIso3: string;
}

// One request answers both questions. `_entities` resolves the situation under the policy for
// the same viewer, so a situation the viewer may not read comes back null, as a missing one does.
// Its named users are shown to its owner only: an alert citing a RED situation is the owner's.
const CITATIONS = `query AlertCitations($situations: [_Any!]!, $framework: String!) {
  _entities(representations: $situations) { ... on Situation { id ownerOrg classification sharedWith sharedWithUsers countryIso3 } }
  framework(version: $framework) { riskFactors { code } }
}`;

interface CitationsAnswer {
  _entities: ((Omit<CitedSituation, 'sharedWithUsers'> & { sharedWithUsers: string[] | null }) | null)[];
  framework: { riskFactors: { code: string }[] } | null;
}

/**
 * Checks what the alert cites against the situations subgraph: the situation exists and the
 * viewer may read it and is in the alert's country; the cited risk factors belong to the framework
 * version. Returns the situation as the alert's floor. Call it outside the mutation's transaction
 * (kernel/write/writing.ts runMutation says why). Skipped when nothing changed that these rules look at:
 * the situation is then among the alert's floors already.
 */
export async function checkCitations(
  ctx: SubgraphContext,
  problems: InputProblems,
  content: AlertContent,
  before?: AlertContent,
): Promise<CitedRecord[]> {
  if (before && CHECKED_WITH_PEER.every((field) => isDeepStrictEqual(before[field], content[field]))) return [];
  if (!content.situationId && content.citedRiskFactors.length === 0) return [];
  const answer = await askPeer<CitationsAnswer>(ctx, 'situations', CITATIONS, {
    situations: content.situationId ? [{ __typename: 'Situation', id: content.situationId }] : [],
    framework: content.frameworkVersion,
  });
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
  if (!content.situationId) return [];
  const found = answer._entities[0];
  if (!found) {
    problems.add('situationId', `situationId: unknown situation ${JSON.stringify(content.situationId)}`);
    return [];
  }
  if (found.countryIso3 !== content.countryIso3)
    problems.add('countryIso3', `countryIso3 must be ${found.countryIso3}, the country of the cited situation`);
  return [citedRecord('Situation', { ...found, sharedWithUsers: found.sharedWithUsers ?? [] })];
}
