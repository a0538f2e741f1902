// Keys of the illustrative seed situations. The situations subgraph seeds them; the alerts and
// training seeds cite them by these ids (subgraphs meet only through entity keys, never code).
import { stableId } from '../db/seeding';

export const ILLUSTRATIVE_SITUATION_KEYS = [
  'great-lakes-kivu',
  'great-lakes-burundi',
  'west-africa-middle-belt',
  'sahel-central',
  'horn-darfur',
  'horn-south-sudan',
  'europe-minorities',
  'asia-rakhine',
  'americas-haiti',
  'sahel-mali',
] as const;

export type IllustrativeSituationKey = (typeof ILLUSTRATIVE_SITUATION_KEYS)[number];

export function illustrativeSituationId(key: IllustrativeSituationKey): string {
  return stableId('illustrative-situation', key);
}

/** The id the situations seed gives the illustrative situation's assessment dated `on` (YYYY-MM-DD). */
export function illustrativeAssessmentId(key: IllustrativeSituationKey, on: string): string {
  return stableId('assessment', key, on);
}

/** The id the situations seed gives the illustrative situation's `incident`-th incident at its `place`-th place (both from 0). */
export function illustrativeIncidentId(key: IllustrativeSituationKey, place: number, incident: number): string {
  return stableId('incident', key, place, incident);
}
