// Validates one imported row and turns it into the incident values to store. Pure: no database,
// so every rule here is checked before anything is written; what needs the database (does the
// situation exist?) is checked by the importer.
import { GraphQLError } from 'graphql';
import { COUNTRIES } from '../../kernel/reference/countries';
import { countryCode, isoDate, uuid } from '../../kernel/write/validation';
import { DatePrecision, GeoPrecision } from '../entities/incident.entity';
import type { SourceType } from '../entities/source.entity';
import { INCIDENT_LIMITS, type IncidentValues } from '../rules/incident.content';
import { incidentValueProblems, readEventType } from '../rules/incident.rules';
import { checkGroups } from '../rules/protected-group.rules';
import type { ProtectedGroup } from '../entities/protected-group';
import { MAX_LENGTH, type IncidentField, type RawRow } from './incident-fields';
import { sourceTypeOf } from './source-type';

export type { IncidentValues } from '../rules/incident.content';

export interface IncidentDraft {
  externalId: string;
  /** Only the fields the file carries: a column or key it leaves out keeps the stored value. */
  values: Partial<IncidentValues>;
  /** Undefined when the file has no source column; null when the row names no source. */
  source?: { name: string; type: SourceType | null; baseCountryIso3?: string | null } | null;
  /** What the row says that the hub kept as written but could not read (an event type the typology has no code for). */
  warnings?: FieldProblem[];
}

export interface FieldProblem {
  /** The field at fault; `row` for a row that cannot be read or stored at all; `classification` or
   * `sharedWith` when the import's own options do not fit the row's situation. */
  field: IncidentField | 'row' | 'classification' | 'sharedWith' | 'sharedWithUsers';
  /** The HXL hashtag of the column, when the row came from a CSV file. */
  column?: string;
  message: string;
}

export type RowCheck = { ok: true; draft: IncidentDraft } | { ok: false; externalId: string | null; problems: FieldProblem[] };

const ISO3_BY_NUMERIC: ReadonlyMap<string, string> = new Map(COUNTRIES.filter((c) => c.isoNumeric).map((c) => [c.isoNumeric!, c.iso3]));
const MAX_FATALITIES = INCIDENT_LIMITS.fatalities;
const MAX_ACTORS = INCIDENT_LIMITS.actors;

class Problem extends Error {}

function messageOf(error: unknown): string {
  if (error instanceof GraphQLError || error instanceof Problem) return error.message;
  throw error;
}

function text(value: unknown, field: IncidentField): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new Problem(`${field} must be text`);
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const max = MAX_LENGTH[field];
  if (max !== undefined && trimmed.length > max) throw new Problem(`${field} is longer than ${max} characters`);
  return trimmed;
}

function precision<T extends string>(value: unknown, field: IncidentField, allowed: Record<string, T>): T | null {
  const given = text(value, field);
  if (given === null) return null;
  const key = given.toUpperCase().replace(/[\s-]+/g, '_');
  if (!(key in allowed)) throw new Problem(`${field} must be one of ${Object.keys(allowed).join(', ')}, got ${JSON.stringify(given)}`);
  return allowed[key];
}

/** "2025-03-14" (a day), "2025-03" (a month) or "2025" (a year), with the precision it implies. */
function date(value: unknown, today: string): { occurredOn: string; precision: DatePrecision } | null {
  const given = text(value, 'occurredOn');
  if (given === null) return null;
  let occurredOn: string;
  let implied: DatePrecision;
  if (/^\d{4}-\d{2}-\d{2}$/.test(given)) [occurredOn, implied] = [given, DatePrecision.DAY];
  else if (/^\d{4}-\d{2}$/.test(given)) [occurredOn, implied] = [`${given}-01`, DatePrecision.MONTH];
  else if (/^\d{4}$/.test(given)) [occurredOn, implied] = [`${given}-01-01`, DatePrecision.YEAR];
  else throw new Problem(`occurredOn must be a date written YYYY-MM-DD (or YYYY-MM, YYYY), got ${JSON.stringify(given)}`);
  try {
    isoDate(occurredOn, 'occurredOn');
  } catch {
    throw new Problem(`occurredOn: ${JSON.stringify(given)} is not a date that exists`);
  }
  if (occurredOn > today) throw new Problem(`occurredOn ${given} is in the future`);
  return { occurredOn, precision: implied };
}

function country(value: unknown): string | null {
  const given = text(value, 'countryIso3');
  if (given === null) return null;
  // ACLED and other event datasets write the ISO 3166-1 numeric code.
  if (/^\d{1,3}$/.test(given)) {
    const iso3 = ISO3_BY_NUMERIC.get(given.padStart(3, '0'));
    if (!iso3) throw new Problem(`countryIso3: unknown ISO 3166-1 numeric code ${JSON.stringify(given)}`);
    return iso3;
  }
  return countryCode(given, 'countryIso3');
}

function coordinate(value: unknown, field: 'latitude' | 'longitude'): number | null {
  const given = text(value, field);
  if (given === null) return null;
  const limit = field === 'latitude' ? 90 : 180;
  const parsed = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(given) ? Number(given) : NaN;
  if (!Number.isFinite(parsed) || Math.abs(parsed) > limit)
    throw new Problem(`${field} must be a decimal number from -${limit} to ${limit}, got ${JSON.stringify(given)}`);
  return parsed;
}

function count(value: unknown, field: IncidentField, max: number = MAX_FATALITIES): number | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > max) throw new Problem(`${field} must be a whole number of 0 or more, got ${value}`);
    return value;
  }
  const given = text(value, field);
  if (given === null) return null;
  if (!/^\d+(\.0*)?$/.test(given) || Number(given) > max)
    throw new Problem(`${field} must be a whole number of 0 or more, got ${JSON.stringify(given)}`);
  return Number(given);
}

function actors(value: unknown): string[] {
  const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const names = list.map((name) => text(name, 'actors')).filter((name): name is string => name !== null);
  if (names.length > MAX_ACTORS) throw new Problem(`actors: at most ${MAX_ACTORS} per incident`);
  return names;
}

/** JSON lines: a list of { "kind": "ETHNICAL", "name": "..." }, held to the rules reportIncident applies. */
function groups(value: unknown): ProtectedGroup[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((g) => g === null || typeof g !== 'object' || Array.isArray(g)))
    throw new Problem('groups must be a list of objects, each with a kind (NATIONAL, ETHNICAL, RACIAL, RELIGIOUS) and a name');
  const checked = checkGroups(value as { kind: unknown; name: unknown }[]);
  if (checked.problems.length > 0) throw new Problem(checked.problems.map((p) => p.message).join('; '));
  return checked.groups;
}

/** Checks every field of the row and reports all problems at once, so a partner fixes a row in one go. */
export function checkIncidentRow(row: RawRow, today: string): RowCheck {
  const raw = row.values;
  const problems: FieldProblem[] = [];
  const has = (field: IncidentField) => field in raw;
  function read<T>(field: IncidentField, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      problems.push({ field, ...(row.columns?.[field] ? { column: row.columns[field] } : {}), message: messageOf(error) });
      return undefined;
    }
  }
  // `read` returns undefined only after recording why the value is invalid; null means not given.
  function required<T>(field: IncidentField, value: T | null | undefined, what: string): void {
    if (value === null) {
      problems.push({ field, ...(row.columns?.[field] ? { column: row.columns[field] } : {}), message: `${field} is required (${what})` });
    }
  }

  const values: Partial<IncidentValues> = {};
  const externalId = read('externalId', () => text(raw.externalId, 'externalId'));
  required('externalId', externalId, "the partner's own id of the incident, which makes a re-import update it instead of adding it again");

  const when = read('occurredOn', () => date(raw.occurredOn, today));
  required('occurredOn', when, 'the date of the incident');
  const explicitPrecision = read('datePrecision', () => precision(raw.datePrecision, 'datePrecision', DatePrecision));
  if (when) {
    values.occurredOn = when.occurredOn;
    values.datePrecision = explicitPrecision ?? when.precision;
  }

  const iso3 = read('countryIso3', () => country(raw.countryIso3));
  required('countryIso3', iso3, 'the ISO 3166-1 alpha-3 code of the country');
  if (iso3) values.countryIso3 = iso3;

  // The event type as written and as codes (rules/incident.rules.ts readEventType): text the
  // typology does not know is kept and reported as a warning, an unknown code rejects the row.
  const column = (field: IncidentField) => (row.columns?.[field] ? { column: row.columns[field] } : {});
  const warnings: FieldProblem[] = [];
  const eventType = read('eventType', () => text(raw.eventType, 'eventType'));
  const codeOf = (field: 'eventTypeCode' | 'subEventTypeCode') => {
    const given = has(field) ? read(field, () => text(raw[field], field)) : null;
    return given ? given.toUpperCase().replace(/[\s/-]+/g, '_') : given;
  };
  const eventTypeCode = codeOf('eventTypeCode');
  const hasSub = has('subEventType') || has('subEventTypeCode');
  const subEventType = has('subEventType') ? read('subEventType', () => text(raw.subEventType, 'subEventType')) : null;
  const subEventTypeCode = codeOf('subEventTypeCode');
  if (eventType === null && !eventTypeCode) required('eventType', eventType, 'e.g. "Violence against civilians"');
  else if (eventType !== undefined && eventTypeCode !== undefined && subEventType !== undefined && subEventTypeCode !== undefined) {
    const reading = readEventType({ eventType, eventTypeCode, subEventType, subEventTypeCode });
    for (const problem of reading.problems) problems.push({ field: problem.field, ...column(problem.field), message: problem.message });
    for (const note of reading.unmapped) warnings.push({ field: note.field, ...column(note.field), message: note.message });
    values.eventType = reading.values.eventType;
    values.eventTypeCode = reading.values.eventTypeCode;
    // A file without sub-event type columns leaves the stored one alone, unless its event type names one ("Armed clash").
    if (hasSub) values.subEventType = reading.values.subEventType;
    if (hasSub || reading.values.subEventTypeCode !== null) values.subEventTypeCode = reading.values.subEventTypeCode;
  }

  if (has('situationId')) {
    const given = read('situationId', () => text(raw.situationId, 'situationId'));
    if (given !== undefined) {
      const id = given === null ? null : read('situationId', () => uuid(given, 'situationId'));
      if (id !== undefined) values.situationId = id;
    }
  }
  for (const field of ['adm1', 'adm2', 'place', 'notes'] as const) {
    if (!has(field)) continue;
    const value = read(field, () => text(raw[field], field));
    if (value !== undefined) values[field] = value;
  }
  for (const field of ['latitude', 'longitude'] as const) {
    if (!has(field)) continue;
    const value = read(field, () => coordinate(raw[field], field));
    if (value !== undefined) values[field] = value;
  }
  if (has('geoPrecision')) {
    const value = read('geoPrecision', () => precision(raw.geoPrecision, 'geoPrecision', GeoPrecision));
    if (value) values.geoPrecision = value;
  }
  if (has('actors')) {
    const value = read('actors', () => actors(raw.actors));
    if (value !== undefined) values.actors = value;
  }
  for (const field of ['fatalitiesLow', 'fatalitiesBest', 'fatalitiesHigh'] as const) {
    if (!has(field)) continue;
    const value = read(field, () => count(raw[field], field));
    if (value !== undefined) values[field] = value;
  }
  for (const field of ['displacedLow', 'displacedBest', 'displacedHigh'] as const) {
    if (!has(field)) continue;
    const value = read(field, () => count(raw[field], field, INCIDENT_LIMITS.displaced));
    if (value !== undefined) values[field] = value;
  }
  if (has('groups')) {
    const value = read('groups', () => groups(raw.groups));
    if (value !== undefined) values.groups = value;
  }
  // The rules the values are held to together: the same as reportIncident's, on the fields the row
  // could be read for (a field already refused above is not blamed twice).
  // A coordinate refused above was given all the same: its partner is still needed.
  const given = { ...values };
  for (const field of ['latitude', 'longitude'] as const) if (problems.some((p) => p.field === field)) given[field] = 0;
  for (const problem of incidentValueProblems(given)) {
    if (problems.some((p) => p.field === problem.field)) continue;
    problems.push({
      field: problem.field,
      ...(row.columns?.[problem.field] ? { column: row.columns[problem.field] } : {}),
      message: problem.message,
    });
  }

  let source: IncidentDraft['source'];
  if (has('source')) {
    const name = read('source', () => text(raw.source, 'source'));
    const type = read('sourceType', () => text(raw.sourceType, 'sourceType'));
    const base = read('sourceCountry', () => {
      const given = text(raw.sourceCountry, 'sourceCountry');
      return given === null ? null : countryCode(given, 'sourceCountry');
    });
    if (name !== undefined && type !== undefined && base !== undefined)
      source = name === null ? null : { name, type: type === null ? null : sourceTypeOf(type), baseCountryIso3: base };
  }

  if (problems.length > 0) return { ok: false, externalId: externalId ?? null, problems };
  return {
    ok: true,
    draft: { externalId: externalId!, values, ...(source !== undefined ? { source } : {}), ...(warnings.length > 0 ? { warnings } : {}) },
  };
}
