// What an incident report says, apart from who owns it and who may read it: the fields that
// reportIncident, correctIncident and the importer all write, named once for all three.
import type { DatePrecision, GeoPrecision } from '../entities/incident.entity';
import type { ProtectedGroup } from '../entities/protected-group';

/**
 * How long an incident's texts may be (characters, the columns' own sizes), how many actors it
 * names and how many fatalities or displaced people an estimate may count: the same for reportIncident,
 * correctIncident and the importer.
 */
export const INCIDENT_LIMITS = {
  externalId: 100,
  adm1: 120,
  adm2: 120,
  place: 200,
  eventType: 100,
  subEventType: 100,
  actorName: 300,
  actors: 50,
  notes: 20_000,
  sourceName: 300,
  fatalities: 10_000_000,
  displaced: 100_000_000,
} as const;

/** The incident columns an author sets (ownership comes from the writer: a mutation's viewer, an import's options). */
export interface IncidentValues {
  situationId: string | null;
  countryIso3: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  adm1: string | null;
  adm2: string | null;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  geoPrecision: GeoPrecision;
  eventType: string;
  /** A code of data/event-types.ts, or null when eventType names none. */
  eventTypeCode: string | null;
  subEventType: string | null;
  /** A sub-type code of eventTypeCode, or null. */
  subEventTypeCode: string | null;
  actors: string[];
  fatalitiesLow: number | null;
  fatalitiesBest: number | null;
  fatalitiesHigh: number | null;
  notes: string | null;
  displacedLow: number | null;
  displacedBest: number | null;
  displacedHigh: number | null;
  groups: ProtectedGroup[];
}

export const INCIDENT_VALUE_FIELDS: readonly (keyof IncidentValues)[] = [
  'situationId',
  'countryIso3',
  'occurredOn',
  'datePrecision',
  'adm1',
  'adm2',
  'place',
  'latitude',
  'longitude',
  'geoPrecision',
  'eventType',
  'eventTypeCode',
  'subEventType',
  'subEventTypeCode',
  'actors',
  'fatalitiesLow',
  'fatalitiesBest',
  'fatalitiesHigh',
  'notes',
  'displacedLow',
  'displacedBest',
  'displacedHigh',
  'groups',
];
