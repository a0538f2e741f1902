// Domain vocabulary more than one subgraph speaks: the crimes the Office's mandate covers and
// the hub's own ordinal risk level. Composition requires a shared enum to be identical in every
// subgraph that uses it, so it is defined once, here.
import { registerEnumType } from 'type-graphql';

export enum Crime {
  GENOCIDE = 'GENOCIDE',
  WAR_CRIMES = 'WAR_CRIMES',
  ETHNIC_CLEANSING = 'ETHNIC_CLEANSING',
  CRIMES_AGAINST_HUMANITY = 'CRIMES_AGAINST_HUMANITY',
}
registerEnumType(Crime, {
  name: 'Crime',
  description:
    'The four atrocity crimes a situation, assessment or alert concerns. Incitement is not a fifth crime: it is of a crime (incitement to genocide), recorded in the `incitement` list beside `crimes`.',
});

/** The field description every record with an `incitement` list shares (situations, assessments, alerts). */
export const INCITEMENT_DESCRIPTION =
  'The crimes whose incitement the record concerns (e.g. GENOCIDE for incitement to genocide); each is also in `crimes`.';

/** Ordered from lowest to highest; PostgreSQL enums keep this order, so ranges compare in SQL. */
export enum RiskLevel {
  LOW = 'LOW',
  MODERATE = 'MODERATE',
  HIGH = 'HIGH',
  VERY_HIGH = 'VERY_HIGH',
}
registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description:
    "The hub's own ordinal risk level. The UN Framework of Analysis has no numeric scale: a partner's own rating is kept beside it (scheme and value).",
});

export const RISK_LEVELS: readonly RiskLevel[] = [RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.VERY_HIGH];

/**
 * What is wrong with a record's crime lists, keyed by field: incitement is of a crime the record
 * concerns, and so are the crimes it states are occurring. One rule for situations, assessments
 * and alerts.
 */
export function crimeListProblems(lists: { crimes: Crime[]; incitement?: Crime[]; crimesOccurring?: Crime[] }): [string, string][] {
  const problems: [string, string][] = [];
  for (const field of ['incitement', 'crimesOccurring'] as const) {
    const outside = (lists[field] ?? []).filter((crime) => !lists.crimes.includes(crime));
    if (outside.length > 0) problems.push([field, `${field}: ${outside.join(', ')} must also be among the crimes the record concerns (crimes)`]);
  }
  return problems;
}
