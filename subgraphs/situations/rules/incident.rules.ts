// The rules an incident report must meet before it is stored, beyond its fields' shapes: its place,
// date, fatality and displacement estimates make sense together, its protected groups are named
// once each, and the situation and source it cites are ones the author may read and does not
// re-share wider than they allow.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import type { Viewer } from '../../../platform/identity';
import { ownership } from '../../kernel/policy/ownership';
import { COUNTRIES } from '../../kernel/reference/countries';
import { countryCode, notInFuture, uuid } from '../../kernel/write/validation';
import { checkNoWriteDown, checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { citedRecord, floorsOf, type CitedRecord } from '../../kernel/policy/record-floor';
import { visibleRecord, type InputProblems, type MutationScope } from '../../kernel/write/writing';
import type { Incident } from '../entities/incident.entity';
import { INCIDENT_VALUE_FIELDS, type IncidentValues } from './incident.content';
import { Source, type SourceType } from '../entities/source.entity';
import { citedSituation, countriesOf } from './situation.rules';
import { checkGroups } from './protected-group.rules';
import { eventTypeLabel, eventTypeOf, subEventTypeOf, typeOfSubEventType } from '../data/event-types';

/** Everything an author writes in an incident: what reportIncident takes and correctIncident changes. */
export interface IncidentContent extends IncidentValues, Sharing {
  sourceId: string | null;
}

export const INCIDENT_FIELDS: readonly (keyof IncidentContent)[] = [...INCIDENT_VALUE_FIELDS, 'sourceId'];

/** The fields a correction may clear with null. */
export const CLEARABLE_INCIDENT_FIELDS: readonly (keyof IncidentContent)[] = [
  'situationId',
  'adm1',
  'adm2',
  'place',
  'latitude',
  'longitude',
  'eventTypeCode',
  'subEventType',
  'subEventTypeCode',
  'fatalitiesLow',
  'fatalitiesBest',
  'fatalitiesHigh',
  'notes',
  'sourceId',
  'displacedLow',
  'displacedBest',
  'displacedHigh',
];

export function incidentContentOf(incident: Incident): IncidentContent {
  const fields = [...INCIDENT_FIELDS, 'classification', 'sharedWith', 'sharedWithUsers'] as const;
  return Object.fromEntries(fields.map((field) => [field, incident[field]])) as unknown as IncidentContent;
}

type Estimate = 'fatalities' | 'displaced';
type EstimateField = `${Estimate}${'Low' | 'Best' | 'High'}`;

/** A rule an incident's values break, and the field to blame. */
export interface IncidentValueProblem {
  field: 'latitude' | 'longitude' | EstimateField;
  message: string;
}

type CheckedValues = Partial<Pick<IncidentValues, 'latitude' | 'longitude' | EstimateField>>;

/**
 * The rules an incident's place, fatality and displacement estimates are held to together, pure,
 * the same for reportIncident, correctIncident and every imported row (import/incident-row.ts), so
 * each mistake is blamed on the same field with the same words whichever way the incident arrives.
 * A value not given (null or undefined) breaks none of them, except that a coordinate needs its partner.
 */
export function incidentValueProblems(values: CheckedValues): IncidentValueProblem[] {
  const problems: IncidentValueProblem[] = [];
  const { latitude, longitude } = values;
  if ((latitude == null) !== (longitude == null))
    problems.push({ field: latitude == null ? 'latitude' : 'longitude', message: 'latitude and longitude are given together or not at all' });
  if (latitude != null && !(latitude >= -90 && latitude <= 90))
    problems.push({ field: 'latitude', message: `latitude must be between -90 and 90, got ${latitude}` });
  if (longitude != null && !(longitude >= -180 && longitude <= 180))
    problems.push({ field: 'longitude', message: `longitude must be between -180 and 180, got ${longitude}` });
  for (const counted of ['fatalities', 'displaced'] as const) problems.push(...estimateProblems(values, counted));
  return problems;
}

/** Low / best / high estimates (as UCDP counts fatalities): none negative, low <= best <= high. */
function estimateProblems(values: CheckedValues, counted: Estimate): IncidentValueProblem[] {
  const problems: IncidentValueProblem[] = [];
  const [lowField, bestField, highField] = [`${counted}Low`, `${counted}Best`, `${counted}High`] as const;
  for (const field of [lowField, bestField, highField]) {
    const value = values[field];
    if (value != null && value < 0) problems.push({ field, message: `${field} may not be negative` });
  }
  // A negative estimate is wrong by itself: it is blamed alone, not also the estimates beside it.
  const estimate = (value: number | null | undefined) => (value != null && value >= 0 ? value : null);
  const [low, best, high] = [estimate(values[lowField]), estimate(values[bestField]), estimate(values[highField])];
  if (low !== null && best !== null && low > best)
    problems.push({ field: lowField, message: `${lowField} (${low}) may not exceed ${bestField} (${best})` });
  if (best !== null && high !== null && best > high)
    problems.push({ field: highField, message: `${highField} (${high}) may not be below ${bestField} (${best})` });
  if (low !== null && high !== null && low > high && best === null)
    problems.push({ field: lowField, message: `${lowField} (${low}) may not exceed ${highField} (${high})` });
  return problems;
}

/** An incident's event type as written and as codes of the typology (data/event-types.ts). */
export type EventTypeValues = Pick<IncidentValues, 'eventType' | 'eventTypeCode' | 'subEventType' | 'subEventTypeCode'>;

export interface EventTypeReading {
  values: EventTypeValues;
  /** What makes the event type unusable: an unknown code, a sub-type of another type, nothing given. */
  problems: { field: keyof EventTypeValues; message: string }[];
  /** Text the typology has no code for: kept as written, counted under no event type. */
  unmapped: { field: 'eventType' | 'subEventType'; message: string }[];
}

/**
 * Reads an incident's event type the same way for reportIncident, correctIncident and every
 * imported row: a code given is checked (a sub-type must be one of its type's); text given without
 * a code is mapped to one where the typology knows it ("protests", "Armed clash"); an event type code
 * given without text gets the typology's label as its text, so every incident says its type in words.
 */
export function readEventType(given: Partial<Record<keyof EventTypeValues, string | null>>): EventTypeReading {
  const problems: EventTypeReading['problems'] = [];
  const unmapped: EventTypeReading['unmapped'] = [];
  const text = given.eventType?.trim() || null;
  const subText = given.subEventType?.trim() || null;
  let code = given.eventTypeCode ?? null;
  let subCode = given.subEventTypeCode ?? null;
  if (code !== null && !eventTypeLabel(code)) {
    problems.push({ field: 'eventTypeCode', message: `eventTypeCode ${JSON.stringify(code)} is not an event type of the typology` });
    code = null;
  }
  if (code === null && text !== null && problems.length === 0) {
    const match = eventTypeOf(text);
    if (match) {
      code = match.type;
      // "Armed clash" written as the event type names the sub-type too.
      if (subCode === null && subText === null) subCode = match.subType;
    } else
      unmapped.push({
        field: 'eventType',
        message: `event type ${JSON.stringify(text)} not mapped to an ACLED event type: kept as written, counted under no event type`,
      });
  }
  if (text === null && code === null && problems.length === 0)
    problems.push({ field: 'eventType', message: 'eventType is required (the event type as written, or eventTypeCode)' });
  if (subCode !== null) {
    const owner = typeOfSubEventType(subCode);
    if (!owner)
      problems.push({ field: 'subEventTypeCode', message: `subEventTypeCode ${JSON.stringify(subCode)} is not a sub-event type of the typology` });
    else if (code === null)
      problems.push({ field: 'subEventTypeCode', message: `subEventTypeCode ${subCode} needs its event type, ${owner}, as eventTypeCode` });
    else if (owner !== code)
      problems.push({ field: 'subEventTypeCode', message: `subEventTypeCode ${subCode} is a sub-event type of ${owner}, not of ${code}` });
  } else if (subText !== null) {
    subCode = subEventTypeOf(subText, code);
    if (subCode === null)
      unmapped.push({
        field: 'subEventType',
        message: `sub-event type ${JSON.stringify(subText)} not mapped to an ACLED sub-event type${code ? ` of ${eventTypeLabel(code)}` : ''}: kept as written`,
      });
  }
  return {
    values: {
      eventType: text ?? (code ? eventTypeLabel(code)! : ''),
      eventTypeCode: code,
      // The sub-type's text stays what the reporter wrote (the column may be empty), so an export
      // imports back unchanged; its code says it in the typology's words.
      subEventType: subText,
      subEventTypeCode: problems.length === 0 ? subCode : null,
    },
    problems,
    unmapped,
  };
}

/**
 * The event type a correction leaves for readEventType: a code it does not give is read again from
 * text it changes, and text the typology filled in (its label) follows a code the correction changes.
 */
export function correctedEventType<T extends EventTypeValues>(
  current: EventTypeValues,
  input: Partial<Record<keyof EventTypeValues, string | null>>,
  changed: T,
): T {
  const next = { ...changed };
  const labelled = (text: string | null, label: string | undefined) => label !== undefined && text === label;
  if (input.eventTypeCode === undefined && input.eventType !== undefined) next.eventTypeCode = null;
  if (input.eventTypeCode != null && input.eventType === undefined && labelled(current.eventType, eventTypeLabel(current.eventTypeCode ?? '')))
    next.eventType = '';
  const typeMoved = next.eventTypeCode !== current.eventTypeCode || input.eventType !== undefined;
  if (input.subEventTypeCode === undefined && (input.subEventType !== undefined || typeMoved)) next.subEventTypeCode = null;
  return next;
}

/** Normalises `content` and notes what is wrong with it that needs no database. */
export function checkIncident(problems: InputProblems, content: IncidentContent): IncidentContent {
  const countryIso3 = problems.check(() => countryCode(content.countryIso3, 'countryIso3')) ?? content.countryIso3;
  const situationId = content.situationId === null ? null : (problems.check(() => uuid(content.situationId!, 'situationId')) ?? content.situationId);
  const sourceId = content.sourceId === null ? null : (problems.check(() => uuid(content.sourceId!, 'sourceId')) ?? content.sourceId);
  problems.check(() => notInFuture(content.occurredOn, 'occurredOn'));
  for (const problem of incidentValueProblems(content)) problems.add(problem.field, problem.message);
  const { groups, problems: groupProblems } = checkGroups(content.groups ?? []);
  for (const problem of groupProblems) problems.add(problem.path, problem.message);
  const eventType = readEventType(content);
  for (const problem of eventType.problems) problems.add(problem.field, problem.message);
  checkSharing(problems, content);
  return { ...content, ...eventType.values, countryIso3, situationId, sourceId, groups };
}

/**
 * Checks what the incident cites: its situation is one the author may read, in the incident's
 * country; its source is one the author may read; and the incident reaches no reader that they,
 * or anything the incident `recordId` was derived from before, do not (no write-down). Returns
 * what it cites, to be kept as the incident's floors. Read through `manager`; inside the
 * transaction, `lock` keeps them from changing under it.
 */
export async function checkIncidentCitations(
  manager: EntityManager,
  viewer: Viewer,
  problems: InputProblems,
  content: IncidentContent,
  ownerOrg: string,
  options: { lock?: 'pessimistic_read'; recordId?: string } = {},
): Promise<CitedRecord[]> {
  const cited: CitedRecord[] = [];
  if (content.situationId) {
    const situation = await citedSituation(manager, viewer, problems, content.situationId, options.lock);
    if (situation) {
      if (!situation.countryCodes.includes(content.countryIso3))
        problems.add('countryIso3', `countryIso3 must be ${countriesOf(situation)} of the situation`);
      cited.push(citedRecord('Situation', situation));
    }
  }
  if (content.sourceId) {
    const source = await visibleRecord(manager, viewer, Source, 'source', content.sourceId, options.lock).catch(
      (error: { extensions?: { code?: string } }) => {
        if (error.extensions?.code !== 'NOT_FOUND') throw error;
        problems.add('sourceId', `sourceId: unknown source ${JSON.stringify(content.sourceId)}`);
        return null;
      },
    );
    if (source) cited.push(citedRecord('Source', source));
  }
  const floors = options.recordId ? await floorsOf(manager, options.recordId) : [];
  checkNoWriteDown(problems, { ownerOrg, ...content }, [...floors, ...cited]);
  return cited;
}

const REGIONS = new Map([...new Set(COUNTRIES.map((c) => c.region)), 'Global'].map((r) => [r.toLowerCase(), r]));

export interface NewSource {
  name: string;
  type: SourceType;
  /** The UN M49 region it covers, or "Global". */
  region: string;
  /** The country it is based in; null when not known. */
  baseCountryIso3: string | null;
  url: string | null;
}

/** Normalises a new source and notes what is wrong with it. */
export function checkNewSource(problems: InputProblems, source: NewSource): NewSource {
  const name = source.name.trim();
  if (!name) problems.add('source.name', 'source.name may not be blank');
  const region = REGIONS.get(source.region.trim().toLowerCase());
  if (!region)
    problems.add(
      'source.region',
      `source.region must be a UN M49 region (${[...REGIONS.values()].join(', ')}), got ${JSON.stringify(source.region)}`,
    );
  const baseCountryIso3 = source.baseCountryIso3
    ? (problems.check(() => countryCode(source.baseCountryIso3!, 'source.baseCountryIso3')) ?? source.baseCountryIso3)
    : null;
  return { ...source, name, region: region ?? source.region, baseCountryIso3 };
}

/**
 * The owner's source named `source.name`: recorded now, shared as the incident citing it, or the
 * one recorded before (a source's name is unique per owner; ON CONFLICT makes two concurrent
 * reports of one new source record it once). An existing source keeps its type, region and base.
 */
export async function sourceFor(
  tx: MutationScope,
  ownerOrg: string,
  source: NewSource,
  sharing: Sharing,
): Promise<{ source: Source; created: boolean }> {
  const inserted = await tx.manager
    .createQueryBuilder()
    .insert()
    .into(Source)
    .values({
      id: randomUUID(),
      name: source.name,
      type: source.type,
      region: source.region,
      baseCountryIso3: source.baseCountryIso3,
      url: source.url,
      ...ownership({ ownerOrg, ...sharing }),
    })
    .orIgnore()
    .returning('id')
    .execute();
  const stored = await tx.manager.findOneByOrFail(Source, { ownerOrg, name: source.name });
  const created = (inserted.raw as unknown[]).length === 1;
  if (created) await tx.ctx.audit.change(tx.manager, AuditAction.CREATE, 'Source', stored.id, stored);
  return { source: stored, created };
}
