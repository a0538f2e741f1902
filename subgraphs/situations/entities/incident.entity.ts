// A dated event, recorded as event datasets (ACLED, UCDP) do: place, type, actors, fatalities
// as low / best / high with the precision of its date and coordinates, and its source; the people
// it displaced, counted the same way; and the protected groups it concerns.
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { policyOf } from '../../kernel/policy/access-policy';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { LocalDate } from '../../kernel/schema/scalars';
import { ListSize } from '../../kernel/schema/list-size';
import { ProtectedGroup, PROTECTED_GROUP_LIMITS } from './protected-group';
import { EVENT_TYPES, EVENT_TYPOLOGY_SOURCE } from '../data/event-types';

export enum DatePrecision {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(DatePrecision, { name: 'DatePrecision' });

export enum GeoPrecision {
  EXACT = 'EXACT',
  NEAR = 'NEAR',
  ADMIN_AREA = 'ADMIN_AREA',
  COUNTRY = 'COUNTRY',
}
registerEnumType(GeoPrecision, { name: 'GeoPrecision' });

// The GraphQL enums of the event typology, made from its data (data/event-types.ts): a revised
// typology is a change to that file (and a migration mapping stored incidents), not to the code.
export const IncidentEventType: Record<string, string> = Object.fromEntries(EVENT_TYPES.map((type) => [type.code, type.code]));
registerEnumType(IncidentEventType, {
  name: 'IncidentEventType',
  description: `The event types incidents are counted by (${EVENT_TYPOLOGY_SOURCE}).`,
  valuesConfig: Object.fromEntries(EVENT_TYPES.map((type) => [type.code, { description: type.label }])),
});
export const IncidentSubEventType: Record<string, string> = Object.fromEntries(
  EVENT_TYPES.flatMap((type) => type.subTypes.map((sub) => [sub.code, sub.code])),
);
registerEnumType(IncidentSubEventType, {
  name: 'IncidentSubEventType',
  description: `The sub-event types of the event types, each of one type only (${EVENT_TYPOLOGY_SOURCE}).`,
  valuesConfig: Object.fromEntries(
    EVENT_TYPES.flatMap((type) => type.subTypes.map((sub) => [sub.code, { description: `${type.label}: ${sub.label}` }])),
  ),
});

// An entity, so that the alerts subgraph can ask, under this subgraph's policy, for the readership
// of an incident an alert cites (kernel/policy/citations.ts).
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An incident report.' })
@Entity({ name: 'incident' })
@Index(['situationId', 'occurredOn'])
@Index(['countryIso3', 'occurredOn'])
@Index(['eventTypeCode', 'occurredOn'])
@Index(['ownerOrg', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
export class Incident extends OwnedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'situation_id', nullable: true })
  situationId: string | null;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country where it happened.' })
  @Column({ type: 'char', length: 3, name: 'country_iso3' })
  countryIso3: string;

  @Field(() => LocalDate)
  @Column({ type: 'date', name: 'occurred_on' })
  occurredOn: string;

  @Field(() => DatePrecision)
  @Column({ type: 'enum', enum: DatePrecision, enumName: 'date_precision', name: 'date_precision', default: DatePrecision.DAY })
  datePrecision: DatePrecision;

  @Field(() => String, { nullable: true, description: 'First-level administrative area.' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  adm1: string | null;

  @Field(() => String, { nullable: true, description: 'Second-level administrative area.' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  adm2: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Field(() => GeoPrecision)
  @Column({ type: 'enum', enum: GeoPrecision, enumName: 'geo_precision', name: 'geo_precision', default: GeoPrecision.EXACT })
  geoPrecision: GeoPrecision;

  @Field({ description: 'The event type as the reporter wrote it, e.g. "Violence against civilians" (kept beside eventTypeCode).' })
  @Column({ type: 'varchar', length: 100, name: 'event_type' })
  eventType: string;

  @Field(() => IncidentEventType, {
    nullable: true,
    description: "The event type in the typology incidents are counted by; null when the reporter's text names none of its types.",
  })
  @Column({ type: 'varchar', length: 60, name: 'event_type_code', nullable: true })
  eventTypeCode: string | null;

  @Field(() => String, { nullable: true, description: 'The sub-event type as the reporter wrote it.' })
  @Column({ type: 'varchar', length: 100, name: 'sub_event_type', nullable: true })
  subEventType: string | null;

  @Field(() => IncidentSubEventType, { nullable: true, description: "The sub-event type in the typology, one of eventTypeCode's." })
  @Column({ type: 'varchar', length: 60, name: 'sub_event_type_code', nullable: true })
  subEventTypeCode: string | null;

  @Field(() => [String])
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  actors: string[];

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', name: 'fatalities_low', nullable: true })
  fatalitiesLow: number | null;

  @Field(() => Int, { nullable: true, description: 'Best estimate of fatalities.' })
  @Column({ type: 'int', name: 'fatalities_best', nullable: true })
  fatalitiesBest: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', name: 'fatalities_high', nullable: true })
  fatalitiesHigh: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'uuid', name: 'source_id', nullable: true })
  sourceId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The owner's own id for the incident, which imports match on; an incident reported in the hub gets its hub id.",
  })
  @Column({ type: 'varchar', length: 100, name: 'external_id', nullable: true })
  externalId: string | null;

  @ListSize(PROTECTED_GROUP_LIMITS.groups)
  @Field(() => [ProtectedGroup], { description: 'The protected groups the incident concerns (who is at risk).' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  groups: ProtectedGroup[];

  @Field(() => Int, { nullable: true, description: 'People displaced, low estimate; low <= best <= high.' })
  @Column({ type: 'int', name: 'displaced_low', nullable: true })
  displacedLow: number | null;

  @Field(() => Int, { nullable: true, description: 'Best estimate of the people the incident displaced.' })
  @Column({ type: 'int', name: 'displaced_best', nullable: true })
  displacedBest: number | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, high estimate.' })
  @Column({ type: 'int', name: 'displaced_high', nullable: true })
  displacedHigh: number | null;
}

// An incident follows the situation and the source it cites (no write-down).
policyOf(Incident, { derived: true });
