// The incident fields a bulk import reads and an export writes: their JSON-lines names, their HXL
// hashtags and their column labels, in one table so that the readers and the exporter cannot drift apart.
import { INCIDENT_LIMITS } from '../rules/incident.content';

/** JSON-lines keys; the same names as the Incident type's fields in the GraphQL schema. */
export type IncidentField =
  | 'externalId'
  | 'situationId'
  | 'occurredOn'
  | 'datePrecision'
  | 'countryIso3'
  | 'adm1'
  | 'adm2'
  | 'place'
  | 'latitude'
  | 'longitude'
  | 'geoPrecision'
  | 'eventType'
  | 'eventTypeCode'
  | 'subEventType'
  | 'subEventTypeCode'
  | 'actors'
  | 'fatalitiesLow'
  | 'fatalitiesBest'
  | 'fatalitiesHigh'
  | 'source'
  | 'sourceType'
  | 'sourceCountry'
  | 'notes'
  | 'displacedLow'
  | 'displacedBest'
  | 'displacedHigh'
  | 'groups';

export interface FieldSpec {
  field: IncidentField;
  /** The hashtag an export writes, e.g. "#affected+killed+min". */
  hashtag: string;
  /** A column matches when it has this tag, every attribute of `hashtag` and none of `excludes`. */
  excludes: readonly string[];
  /** The hashtag's attributes that a column may leave out, e.g. "+name" of "#adm1+name". */
  optional: readonly string[];
  /** The human header written above the hashtag row on export. */
  label: string;
  /** Several columns may carry it (actors). */
  repeats?: boolean;
  /** Every row must give it. */
  required?: boolean;
}

function spec(field: IncidentField, hashtag: string, label: string, extra: Partial<Omit<FieldSpec, 'field' | 'hashtag' | 'label'>> = {}): FieldSpec {
  return { field, hashtag, label, excludes: [], optional: [], ...extra };
}

// Order is the export's column order. `excludes` keeps, e.g., "#affected+killed+min" from being
// read as the best estimate, and "#meta+source+type" from being read as the source's name.
export const INCIDENT_FIELDS: readonly FieldSpec[] = [
  spec('externalId', '#meta+id', 'Incident ID', { excludes: ['situation', 'source'], required: true }),
  spec('situationId', '#meta+situation', 'Situation ID'),
  spec('occurredOn', '#date', 'Date', { excludes: ['precision'], required: true }),
  spec('datePrecision', '#date+precision', 'Date precision'),
  spec('countryIso3', '#country+code', 'Country code', { required: true }),
  spec('adm1', '#adm1+name', 'Admin 1', { excludes: ['code'], optional: ['name'] }),
  spec('adm2', '#adm2+name', 'Admin 2', { excludes: ['code'], optional: ['name'] }),
  spec('place', '#loc+name', 'Place', { excludes: ['code'], optional: ['name'] }),
  spec('latitude', '#geo+lat', 'Latitude'),
  spec('longitude', '#geo+lon', 'Longitude'),
  spec('geoPrecision', '#geo+precision', 'Location precision'),
  spec('eventType', '#event+type', 'Event type', { excludes: ['sub', 'code'], required: true }),
  spec('eventTypeCode', '#event+type+code', 'Event type code', { excludes: ['sub'] }),
  spec('subEventType', '#event+type+sub', 'Sub-event type', { excludes: ['code'] }),
  spec('subEventTypeCode', '#event+type+sub+code', 'Sub-event type code'),
  spec('actors', '#actor+name', 'Actor', { excludes: ['code'], optional: ['name'], repeats: true }),
  spec('fatalitiesLow', '#affected+killed+min', 'Fatalities (low)'),
  spec('fatalitiesBest', '#affected+killed', 'Fatalities (best)', { excludes: ['min', 'max'] }),
  spec('fatalitiesHigh', '#affected+killed+max', 'Fatalities (high)'),
  spec('source', '#meta+source', 'Source', { excludes: ['type', 'url', 'id', 'country'] }),
  spec('sourceType', '#meta+source+type', 'Source type'),
  // Where a new source is based (ISO 3166-1 alpha-3), apart from the region it covers.
  spec('sourceCountry', '#meta+source+country', 'Source base country'),
  spec('notes', '#description', 'Notes'),
  // #affected+displaced is HXL's own hashtag for displaced people.
  spec('displacedLow', '#affected+displaced+min', 'Displaced (low)'),
  spec('displacedBest', '#affected+displaced', 'Displaced (best)', { excludes: ['min', 'max'] }),
  spec('displacedHigh', '#affected+displaced+max', 'Displaced (high)'),
];

/**
 * Fields only JSON lines carry. A protected group is a kind and a name, a list per incident, which
 * has no HXL convention: an HXL import leaves an incident's groups as they are, and an HXL export
 * does not write them.
 */
export const JSON_ONLY_FIELDS: readonly IncidentField[] = ['groups'];

/** Field names a JSON-lines record may use. */
export const FIELD_NAMES: ReadonlySet<string> = new Set([...INCIDENT_FIELDS.map((s) => s.field), ...JSON_ONLY_FIELDS]);

/** Longest text each column of the incident and source tables holds (rules/incident.content.ts). */
export const MAX_LENGTH: Partial<Record<IncidentField, number>> = {
  externalId: INCIDENT_LIMITS.externalId,
  adm1: INCIDENT_LIMITS.adm1,
  adm2: INCIDENT_LIMITS.adm2,
  place: INCIDENT_LIMITS.place,
  eventType: INCIDENT_LIMITS.eventType,
  subEventType: INCIDENT_LIMITS.subEventType,
  actors: INCIDENT_LIMITS.actorName,
  source: INCIDENT_LIMITS.sourceName,
  notes: INCIDENT_LIMITS.notes,
};

/** Values an import gets from a reader, before validation: text (CSV) or JSON values. */
export type RawIncident = Partial<Record<IncidentField, unknown>>;

/** One data row of an import file, as a reader hands it over. */
export interface RawRow {
  /** Line of the file where the row ends (1-based), for the report. */
  line: number;
  values: RawIncident;
  /** HXL only: the hashtag of the column each field came from, named in rejection reasons. */
  columns?: Partial<Record<IncidentField, string>>;
  /** Set when the reader could not read the row at all (e.g. a broken quote in CSV). */
  unreadable?: string;
}
