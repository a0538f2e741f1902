// Domain vocabulary more than one subgraph speaks: the crimes the Office's mandate covers and
// the hub's own ordinal risk level. Composition requires a shared enum to be identical in every
// subgraph that uses it, so it is defined once, here.
import { registerEnumType } from 'type-graphql';

export enum Crime {
  GENOCIDE = 'GENOCIDE',
  WAR_CRIMES = 'WAR_CRIMES',
  ETHNIC_CLEANSING = 'ETHNIC_CLEANSING',
  CRIMES_AGAINST_HUMANITY = 'CRIMES_AGAINST_HUMANITY',
  INCITEMENT = 'INCITEMENT',
}
registerEnumType(Crime, {
  name: 'Crime',
  description: 'Atrocity crimes, and their incitement, that a situation, assessment or alert concerns.',
});

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
