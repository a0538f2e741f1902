// Decides what one batch of imported rows does, without touching the database: for each row,
// created, updated, unchanged or rejected (and why), the incidents to insert and update, the
// sources to create and the floors to raise. What the decision needs from the database is looked
// up first (import-lookups.ts) and passed in; what it decides is written afterwards (import-write.ts).
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { checkNoWriteDown } from '../../kernel/policy/no-write-down';
import { citedRecord, type CitedRecord } from '../../kernel/policy/record-floor';
import { Classification, ownership } from '../../kernel/policy/ownership';
import { regionOfCountry } from '../../kernel/reference/regions';
import { DatePrecision, GeoPrecision, type Incident } from '../entities/incident.entity';
import type { Situation } from '../entities/situation.entity';
import { SourceType } from '../entities/source.entity';
import { INCIDENT_VALUE_FIELDS } from '../rules/incident.content';
import { incidentValueProblems } from '../rules/incident.rules';
import { countriesOf } from '../rules/situation.rules';
import type { RowOutcome, Settings } from './import-options';
import type { FieldProblem, IncidentDraft } from './incident-row';

/** Columns compared to decide between updated and unchanged. */
export const COMPARED = [...INCIDENT_VALUE_FIELDS, 'sourceId', 'classification', 'sharedWith'] as const;
type Compared = (typeof COMPARED)[number];
export type StoredValues = Pick<Incident, Compared>;

/** One of the organisation's incidents as stored. */
export type StoredIncident = StoredValues & Pick<Incident, 'id' | 'version' | 'sharedWithUsers'>;

/** What the rules for an incident's situation need to know of it. */
export type SituationFacts = Pick<
  Situation,
  'id' | 'countryIso3' | 'countryCodes' | 'ownerOrg' | 'classification' | 'sharedWith' | 'sharedWithUsers'
>;

/** A row read from the file: either a draft to store or the reasons it cannot be. */
export interface Pending {
  line: number;
  externalId: string | null;
  draft?: IncidentDraft;
  problems?: FieldProblem[];
}

/** What the database says about a batch, looked up before it is planned. */
export interface Known {
  /** The organisation's stored incidents, by the external ids the batch names. */
  existing: ReadonlyMap<string, StoredIncident>;
  /** What each stored incident was derived from before (its no-write-down floor), by id. */
  floors: ReadonlyMap<string, CitedRecord[]>;
  /** Stored incidents (by id) the caller may not read, which the import leaves alone. */
  hidden: ReadonlySet<string>;
  /** A situation a row may name: found, and inside the caller's scope. */
  nameable(id: string): boolean;
  /** The facts of a situation the batch's incidents belong to (inside the caller's scope). */
  situation(id: string): SituationFacts | undefined;
  /** The id of the organisation's source of that name, if it has one. */
  source(name: string): string | undefined;
  /** The line of an earlier batch that stored or confirmed this external id, if one did. */
  seenOn(externalId: string): number | undefined;
}

/** A created incident, with every column it is inserted with. */
export type NewIncident = StoredValues & Pick<Incident, 'ownerOrg' | 'createdByOrg' | 'sharedWithUsers'> & { id: string; externalId: string };
export interface IncidentUpdate {
  id: string;
  /** The version read; the write refuses the update if it has moved on. */
  version: number;
  changes: Partial<StoredValues>;
  classification: Classification;
  /** It changes who may read the incident, or its situation: what cites it elsewhere must follow. */
  readershipChanged: boolean;
}
export interface NewSource {
  id: string;
  name: string;
  type: SourceType;
  /** The region it covers: that of the first row's country. */
  region: string;
  /** Where it is based, when the row says (#meta+source+country). */
  baseCountryIso3: string | null;
}

export interface BatchPlan {
  /** One per row, in file order. */
  outcomes: RowOutcome[];
  /** External ids this batch stores or confirms, with their line. */
  seen: Map<string, number>;
  creates: NewIncident[];
  updates: IncidentUpdate[];
  /** Sources a stored row cites that the organisation does not have yet. */
  sources: NewSource[];
  /** Each stored incident keeps the situation it was imported against as its floor (no write-down). */
  floors: { recordId: string; cited: CitedRecord[] }[];
}

const unknownSituation = (id: string | null | undefined): FieldProblem => ({
  field: 'situationId',
  message: `situationId: no situation${id ? ` ${id}` : ''} (it must be the id of a situation in the hub)`,
});

/** The values of an incident the row creates, before the row's own. */
function defaults(
  settings: Settings,
): Omit<StoredValues, 'countryIso3' | 'occurredOn' | 'eventType'> & Pick<Incident, 'ownerOrg' | 'createdByOrg' | 'sharedWithUsers'> {
  return {
    situationId: null,
    datePrecision: DatePrecision.DAY,
    adm1: null,
    adm2: null,
    place: null,
    latitude: null,
    longitude: null,
    geoPrecision: GeoPrecision.EXACT,
    subEventType: null,
    eventTypeCode: null,
    subEventTypeCode: null,
    actors: [],
    fatalitiesLow: null,
    fatalitiesBest: null,
    fatalitiesHigh: null,
    notes: null,
    displacedLow: null,
    displacedBest: null,
    displacedHigh: null,
    groups: [],
    sourceId: null,
    ...ownership({ ownerOrg: settings.org, ...settings.created }),
  };
}

/**
 * The rules the mutations apply to an incident's situation, applied to the incident as it will be
 * stored: it lies in one of the situation's countries, and it reaches no reader the situation, or anything
 * the stored incident was derived from before (`floors`), does not (kernel/policy/no-write-down.ts).
 * A situation outside the caller's scope is not known, so no message can quote it.
 */
function citationProblems(
  settings: Settings,
  incident: StoredValues & Pick<Incident, 'sharedWithUsers'>,
  situation: SituationFacts | undefined,
  floors: CitedRecord[] = [],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (situation && !situation.countryCodes.includes(incident.countryIso3)) {
    problems.push({ field: 'countryIso3', message: `countryIso3 must be ${countriesOf(situation)} of situation ${situation.id}` });
  }
  const derived = {
    ownerOrg: settings.org,
    classification: incident.classification,
    sharedWith: incident.sharedWith,
    sharedWithUsers: incident.sharedWithUsers,
  };
  checkNoWriteDown({ add: (field, message) => problems.push({ field: field as FieldProblem['field'], message }) }, derived, [
    ...floors,
    ...(situation ? [citedRecord('Situation', situation)] : []),
  ]);
  return problems;
}

/** What a stored incident's readers depend on: its own sharing, and the situation it is derived from. */
const READERSHIP = ['classification', 'sharedWith', 'situationId'] as const;

/** Plans every row of `batch`, in order: a later row repeating an external id sees what an earlier one will store. */
export function planBatch(settings: Settings, known: Known, batch: readonly Pending[], newId: () => string = randomUUID): BatchPlan {
  const plan: BatchPlan = { outcomes: [], seen: new Map(), creates: [], updates: [], sources: [], floors: [] };
  const reject = (pending: Pending, errors: FieldProblem[]) =>
    plan.outcomes.push({ line: pending.line, externalId: pending.externalId, status: 'rejected', errors });
  const situationOf = (id: string | null | undefined) => (id ? known.situation(id) : undefined);
  // Sources the rows name that do not exist yet, with the id each will get. Only those a stored
  // row ends up citing are created, so a rejected row leaves nothing behind.
  const newSources = new Map<string, NewSource & { used: boolean }>();
  // The state each external id will have once this batch is written, for rows repeating an id.
  const planned = new Map<string, StoredValues & Pick<Incident, 'id' | 'sharedWithUsers'>>();
  const floorOf = (id: string, situationId: string | null | undefined) => {
    const situation = situationOf(situationId);
    if (situation) plan.floors.push({ recordId: id, cited: [citedRecord('Situation', situation)] });
  };

  for (const pending of batch) {
    if (!pending.draft) {
      reject(pending, pending.problems ?? []);
      continue;
    }
    const { draft, line } = pending;
    const { externalId } = draft;
    // What the row kept as written but the hub could not read is reported with its outcome.
    const warned = draft.warnings ? { warnings: draft.warnings } : {};
    if (draft.values.situationId && !known.nameable(draft.values.situationId)) {
      reject(pending, [unknownSituation(draft.values.situationId)]);
      continue;
    }
    const proposed: Partial<StoredValues> = { ...draft.values };
    let newSource: (NewSource & { used: boolean }) | undefined;
    if (draft.source) {
      const { name } = draft.source;
      const found = known.source(name);
      if (found === undefined && !newSources.has(name)) {
        newSources.set(name, {
          id: newId(),
          name,
          type: draft.source.type ?? SourceType.OTHER,
          region: regionOfCountry(draft.values.countryIso3 ?? '') ?? 'Global',
          baseCountryIso3: draft.source.baseCountryIso3 ?? null,
          used: false,
        });
      }
      newSource = found === undefined ? newSources.get(name) : undefined;
      proposed.sourceId = found ?? newSource!.id;
    } else if (draft.source === null) {
      proposed.sourceId = null;
    }
    if (settings.classification !== undefined) proposed.classification = settings.classification;
    if (settings.sharedWith !== undefined) proposed.sharedWith = settings.sharedWith;

    const stored = known.existing.get(externalId);
    if (stored && known.hidden.has(stored.id)) {
      // Its situation, or one it was derived from, is out of the caller's reach: say no more than for an unknown one.
      // Only an id the row itself sent is quoted back.
      reject(pending, [unknownSituation(draft.values.situationId)]);
      continue;
    }
    const current = planned.get(externalId) ?? stored;
    if (!current) {
      const created = { ...defaults(settings), ...proposed } as Omit<NewIncident, 'id' | 'externalId'>;
      const cited = citationProblems(settings, created, situationOf(created.situationId));
      if (cited.length > 0) {
        reject(pending, cited);
        continue;
      }
      const record: NewIncident = { ...created, externalId, id: newId() };
      if (newSource) newSource.used = true;
      plan.creates.push(record);
      floorOf(record.id, record.situationId);
      planned.set(externalId, record);
      plan.seen.set(externalId, line);
      plan.outcomes.push({ line, externalId, status: 'created', id: record.id, ...warned });
      continue;
    }
    const changes: Partial<StoredValues> = {};
    for (const key of COMPARED) {
      if (key in proposed && !isDeepStrictEqual(current[key] ?? null, proposed[key] ?? null))
        (changes as Record<string, unknown>)[key] = proposed[key];
    }
    const firstLine = plan.seen.get(externalId) ?? known.seenOn(externalId);
    if (Object.keys(changes).length === 0) {
      if (firstLine === undefined) plan.seen.set(externalId, line);
      plan.outcomes.push({ line, externalId, status: 'unchanged', id: current.id, ...warned });
      continue;
    }
    if (firstLine !== undefined) {
      reject(pending, [
        {
          field: 'externalId',
          message: `externalId ${JSON.stringify(externalId)} is also on line ${firstLine}, with other values; that row is kept. Give each incident its own id.`,
        },
      ]);
      continue;
    }
    const readership = READERSHIP.filter((key) => key in changes);
    if (readership.length > 0 && !settings.followsReadership) {
      reject(pending, [
        {
          field: readership[0],
          message: `${readership.join(' and ')} of a stored incident changed: alerts may cite it, and only an import through the hub (the importIncidents mutation) or correctIncident tells them to follow; this import cannot, so the row is left as stored`,
        },
      ]);
      continue;
    }
    // A change is held to the rules as the incident will be stored, with the values the row leaves alone.
    const merged = { ...current, ...proposed };
    const problems = [
      ...incidentValueProblems(merged).map((problem) => ({ ...problem, message: `${problem.message} (with the values already stored)` })),
      ...citationProblems(settings, merged, situationOf(merged.situationId), known.floors.get(current.id)),
    ];
    if (problems.length > 0) {
      reject(pending, problems);
      continue;
    }
    if (newSource) newSource.used = true;
    plan.updates.push({
      id: stored!.id,
      version: stored!.version,
      changes,
      classification: merged.classification,
      readershipChanged: readership.length > 0,
    });
    floorOf(stored!.id, merged.situationId);
    planned.set(externalId, merged);
    plan.seen.set(externalId, line);
    plan.outcomes.push({ line, externalId, status: 'updated', id: stored!.id, ...warned });
  }
  plan.sources = [...newSources.values()].filter((source) => source.used).map(({ used: _used, ...source }) => source);
  return plan;
}
