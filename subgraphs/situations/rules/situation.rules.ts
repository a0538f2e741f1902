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

/** Everything an author writes in a situation: what openSituation takes and updateSituation changes. */
export interface SituationContent extends Sharing {
  countryIso3: string;
  title: string;
  summary: string;
  status: SituationStatus;
  crimes: Crime[];
  incitement: Crime[];
  openedOn: string;
}

export const SITUATION_FIELDS: readonly (keyof SituationContent)[] = [
  'countryIso3',
  'title',
  'summary',
  'status',
  'crimes',
  'incitement',
  'openedOn',
  'classification',
  'sharedWith',
  'sharedWithUsers',
];

export function situationContentOf(situation: SituationContent): SituationContent {
  return Object.fromEntries(SITUATION_FIELDS.map((field) => [field, situation[field]])) as unknown as SituationContent;
}

/** Normalises `content` and notes what is wrong with it. */
export function checkSituation(problems: InputProblems, content: SituationContent): SituationContent {
  const countryIso3 = problems.check(() => countryCode(content.countryIso3, 'countryIso3')) ?? content.countryIso3;
  problems.check(() => notInFuture(content.openedOn, 'openedOn'));
  if (content.crimes.length === 0) problems.add('crimes', 'crimes must name at least one crime the situation is monitored for');
  for (const [field, message] of crimeListProblems(content)) problems.add(field, message);
  checkSharing(problems, content);
  return { ...content, countryIso3 };
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

/** Where this subgraph's records cite a situation: they follow it when its owner changes who may read it. */
export const CITING_SITUATION: Citing[] = [
  { entity: Incident, column: 'situation_id' },
  { entity: RiskAssessment, column: 'situation_id' },
];

/** Where incidents cite a source. */
export const CITING_SOURCE: Citing[] = [{ entity: Incident, column: 'source_id' }];
