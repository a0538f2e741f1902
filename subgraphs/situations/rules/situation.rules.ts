// The domain rules a situation's content must meet before it is stored, and how a record that
// cites a situation (an assessment, an incident) finds it: only as one the author may read. What
// the citing record may then be shared with is the kernel's no-write-down rule.
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../../platform/identity';
import { countryCode, notInFuture, uuid } from '../../kernel/write/validation';
import { crimeListProblems, type Crime } from '../../kernel/schema/vocabulary';
import { InputProblems, visibleRecord } from '../../kernel/write/writing';
import { checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import type { Citing } from '../../kernel/policy/record-floor';
import { Incident } from '../entities/incident.entity';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation, SituationStatus } from '../entities/situation.entity';
import type { ProtectedGroup } from '../entities/protected-group';
import { checkGroups } from './protected-group.rules';

/** Everything an author writes in a situation: what openSituation takes and updateSituation changes. */
export interface SituationContent extends Sharing {
  /** The primary country: always the first of countryCodes. */
  countryIso3: string;
  countryCodes: string[];
  title: string;
  summary: string;
  status: SituationStatus;
  crimes: Crime[];
  incitement: Crime[];
  openedOn: string;
  groups: ProtectedGroup[];
}

export const SITUATION_FIELDS: readonly (keyof SituationContent)[] = [
  'countryIso3',
  'countryCodes',
  'title',
  'summary',
  'status',
  'crimes',
  'incitement',
  'openedOn',
  'groups',
  'classification',
  'sharedWith',
  'sharedWithUsers',
];

export function situationContentOf(situation: SituationContent): SituationContent {
  return Object.fromEntries(SITUATION_FIELDS.map((field) => [field, situation[field]])) as unknown as SituationContent;
}

/** The most countries one situation concerns: a regional situation, not a list of every State. */
export const MAX_SITUATION_COUNTRIES = 20;

/**
 * The countries a new situation concerns, from its input: `countryCodes` (primary first), or the
 * one `countryIso3` of a client written before situations could concern several countries. When
 * both are given, countryIso3 must be the first of countryCodes.
 */
export function situationCountries(
  problems: InputProblems,
  countryIso3: string | null | undefined,
  countryCodes: string[] | null | undefined,
): string[] {
  if (countryCodes?.length) {
    if (countryIso3 && countryIso3.trim().toUpperCase() !== countryCodes[0].trim().toUpperCase())
      problems.add(
        'countryIso3',
        `countryIso3 must be the first of countryCodes (the primary country), ${JSON.stringify(countryCodes[0])}, or be left out`,
      );
    return countryCodes;
  }
  if (countryIso3) return [countryIso3];
  problems.add('countryCodes', 'countryCodes must name at least one country (or give countryIso3 for a situation in one country)');
  return [];
}

/**
 * Normalises `content` and notes what is wrong with it. An unknown country is named under the
 * input field the caller gave it in: countryCodes, or countryIso3 for a client that gave only that.
 */
export function checkSituation(
  problems: InputProblems,
  content: SituationContent,
  countryField: 'countryCodes' | 'countryIso3' = 'countryCodes',
): SituationContent {
  // Each unknown code is named: the message says which of the countries to fix.
  const countryCodes = content.countryCodes.map((code) => problems.check(() => countryCode(code, countryField)) ?? code);
  if (new Set(countryCodes).size !== countryCodes.length) problems.add('countryCodes', 'countryCodes names a country more than once');
  if (countryCodes.length > MAX_SITUATION_COUNTRIES)
    problems.add('countryCodes', `countryCodes names at most ${MAX_SITUATION_COUNTRIES} countries, got ${countryCodes.length}`);
  problems.check(() => notInFuture(content.openedOn, 'openedOn'));
  if (content.crimes.length === 0) problems.add('crimes', 'crimes must name at least one crime the situation is monitored for');
  for (const [field, message] of crimeListProblems(content)) problems.add(field, message);
  const { groups, problems: groupProblems } = checkGroups(content.groups);
  for (const problem of groupProblems) problems.add(problem.path, problem.message);
  checkSharing(problems, content);
  return { ...content, countryCodes, countryIso3: countryCodes[0] ?? content.countryIso3, groups };
}

/**
 * An update may add countries to a situation, not take any away: its incidents and alerts lie in
 * the countries it concerned, some of them records the editor may not read (so a refusal naming
 * them would reveal them). The primary country stays first.
 */
export function checkCountriesKept(problems: InputProblems, before: readonly string[], after: readonly string[]): void {
  const normalised = after.map((code) => code.trim().toUpperCase());
  const dropped = before.filter((code) => !normalised.includes(code));
  if (dropped.length > 0)
    problems.add('countryCodes', `countryCodes must keep every country the situation concerns (${before.join(', ')}); it may only add countries`);
  else if (normalised[0] !== before[0]) problems.add('countryCodes', `countryCodes must keep the primary country ${before[0]} first`);
}

/**
 * The situation `rawId` names, when the viewer may read it; otherwise a problem with `situationId`
 * that reads the same whether it is hidden or does not exist. Read through `manager`, locked with
 * `lock` inside a mutation's transaction.
 */
export async function citedSituation(
  manager: EntityManager,
  viewer: Viewer,
  problems: InputProblems,
  rawId: string,
  lock?: 'pessimistic_write' | 'pessimistic_read',
): Promise<Situation | null> {
  const id = problems.check(() => uuid(rawId, 'situationId'));
  if (!id) return null;
  try {
    return await visibleRecord(manager, viewer, Situation, 'situation', id, lock);
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code !== 'NOT_FOUND') throw error;
    problems.add('situationId', `situationId: unknown situation ${JSON.stringify(rawId)}`);
    return null;
  }
}

/** The situation's countries as a refusal names them: "COD, the country" or "one of COD, RWA, the countries". */
export function countriesOf(situation: Pick<Situation, 'countryCodes'>): string {
  return situation.countryCodes.length === 1
    ? `${situation.countryCodes[0]}, the country`
    : `one of ${situation.countryCodes.join(', ')}, the countries`;
}

/** Where this subgraph's records cite a situation: they follow it when its owner changes who may read it. */
export const CITING_SITUATION: Citing[] = [
  { entity: Incident, column: 'situation_id' },
  { entity: RiskAssessment, column: 'situation_id' },
];

/** Where incidents cite a source. */
export const CITING_SOURCE: Citing[] = [{ entity: Incident, column: 'source_id' }];
