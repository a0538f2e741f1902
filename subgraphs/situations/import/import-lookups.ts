// What the database knows that planning a batch needs: the organisation's stored incidents the
// rows name (with their floors, and which of them the caller may not read), the situations the
// rows may name, and the organisation's sources by name. Read inside the batch's transaction;
// what an earlier batch already found is remembered by the run and not read again.
import { In, type EntityManager } from 'typeorm';
import { floorsOfMany, type CitedRecord } from '../../kernel/policy/record-floor';
import { Incident } from '../entities/incident.entity';
import { Situation } from '../entities/situation.entity';
import { Source } from '../entities/source.entity';
import type { ImportOptions, Settings } from './import-options';
import type { Pending, SituationFacts } from './import-plan';
import type { IncidentDraft } from './incident-row';

export type LiveRow = Pending & { draft: IncidentDraft };

/** What earlier batches of the run found (and committed). */
export interface Remembered {
  sources: ReadonlyMap<string, string>;
  situations: ReadonlyMap<string, SituationFacts>;
  nameable: ReadonlySet<string>;
}

/** What this batch's lookups found. */
export interface Found {
  existing: Map<string, Incident>;
  floors: Map<string, CitedRecord[]>;
  hidden: Set<string>;
  /** Source ids by name. */
  sources: Map<string, string>;
  situations: Map<string, SituationFacts>;
  /** Situations a row may name (found, and inside situationScope). */
  nameable: Set<string>;
}

export function nothingFound(): Found {
  return { existing: new Map(), floors: new Map(), hidden: new Set(), sources: new Map(), situations: new Map(), nameable: new Set() };
}

export async function lookUp(
  manager: EntityManager,
  settings: Settings,
  options: Pick<ImportOptions, 'situationScope' | 'incidentScope'>,
  remembered: Remembered,
  live: LiveRow[],
): Promise<Found> {
  const found = nothingFound();
  if (live.length === 0) return found;
  found.existing = await findIncidents(manager, settings.org, live);
  const stored = [...found.existing.values()];
  found.floors = await floorsOfMany(
    manager,
    stored.map((incident) => incident.id),
  );
  found.hidden = await outOfScope(manager, options, stored);
  await findSituations(manager, options, remembered, live, found);
  await findSources(manager, settings.org, remembered, live, found);
  return found;
}

async function findIncidents(manager: EntityManager, org: string, live: LiveRow[]): Promise<Map<string, Incident>> {
  const ids = [...new Set(live.map((p) => p.draft.externalId))];
  const found = await manager.getRepository(Incident).find({ where: { ownerOrg: org, externalId: In(ids) } });
  return new Map(found.map((incident) => [incident.externalId!, incident]));
}

/** The stored incidents the caller may not read (incidentScope), which the import leaves alone. */
async function outOfScope(manager: EntityManager, options: Pick<ImportOptions, 'incidentScope'>, stored: Incident[]): Promise<Set<string>> {
  if (!options.incidentScope || stored.length === 0) return new Set();
  const ids = stored.map((incident) => incident.id);
  const query = options.incidentScope(
    manager.getRepository(Incident).createQueryBuilder('incident').select('incident.id', 'id').where('incident.id IN (:...ids)', { ids }),
    'incident',
  );
  const readable = new Set((await query.getRawMany<{ id: string }>()).map((row) => row.id));
  return new Set(ids.filter((id) => !readable.has(id)));
}

/**
 * Loads the situations the batch's incidents will belong to: those the rows name, which must be
 * inside situationScope, and those stored incidents keep when their row does not name one, whose
 * rules still apply to the changed incident.
 */
async function findSituations(
  manager: EntityManager,
  options: Pick<ImportOptions, 'situationScope'>,
  remembered: Remembered,
  live: LiveRow[],
  found: Found,
): Promise<void> {
  const named = new Set<string>();
  const kept = new Set<string>();
  for (const { draft } of live) {
    if ('situationId' in draft.values) {
      if (draft.values.situationId && !remembered.nameable.has(draft.values.situationId)) named.add(draft.values.situationId);
    } else {
      const id = found.existing.get(draft.externalId)?.situationId;
      if (id && !remembered.situations.has(id)) kept.add(id);
    }
  }
  if (named.size > 0) {
    let query = manager
      .getRepository(Situation)
      .createQueryBuilder('situation')
      .select('situation.id', 'id')
      .where('situation.id IN (:...situationIds)', { situationIds: [...named] });
    if (options.situationScope) query = options.situationScope(query, 'situation');
    for (const { id } of await query.getRawMany<{ id: string }>()) found.nameable.add(id);
  }
  const wanted = [...found.nameable, ...kept].filter((id) => !remembered.situations.has(id));
  if (wanted.length === 0) return;
  // Read inside situationScope too: a situation a stored incident keeps but the importer may no
  // longer read is not loaded, so nothing about it can reach a message.
  let factsQuery = manager.getRepository(Situation).createQueryBuilder('situation').where('situation.id IN (:...wanted)', { wanted });
  if (options.situationScope) factsQuery = options.situationScope(factsQuery, 'situation');
  for (const situation of await factsQuery.getMany()) found.situations.set(situation.id, situation);
}

/** The organisation's sources the batch's rows name, found by name. */
async function findSources(manager: EntityManager, org: string, remembered: Remembered, live: LiveRow[], found: Found): Promise<void> {
  const names = [...new Set(live.flatMap(({ draft }) => (draft.source && !remembered.sources.has(draft.source.name) ? [draft.source.name] : [])))];
  if (names.length === 0) return;
  const sources = await manager.getRepository(Source).find({ select: { id: true, name: true }, where: { ownerOrg: org, name: In(names) } });
  for (const source of sources) found.sources.set(source.name, source.id);
}
