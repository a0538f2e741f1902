// What an incident report says, apart from who owns it and who may read it: the fields that
// reportIncident, correctIncident and the importer all write, named once for all three.
import type { DatePrecision, GeoPrecision } from '../entities/incident.entity';

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
  subEventType: string | null;
  actors: string[];
  fatalitiesLow: number | null;
  fatalitiesBest: number | null;
  fatalitiesHigh: number | null;
  notes: string | null;
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
  'subEventType',
  'actors',
  'fatalitiesLow',
  'fatalitiesBest',
  'fatalitiesHigh',
  'notes',
];
