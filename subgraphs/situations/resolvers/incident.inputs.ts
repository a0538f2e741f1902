// Inputs of reportIncident and correctIncident. class-validator checks each field's shape before
// the resolver runs, with the limits the importer applies too (rules/incident.content.ts);
// rules/incident.rules.ts checks how the fields relate and what they cite.
import { ArrayMaxSize, IsInt, IsUrl, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { NewRecordInput, RecordChangesInput } from '../../kernel/write/record-inputs';
import { LocalDate } from '../../kernel/schema/scalars';
import { DatePrecision, GeoPrecision, IncidentEventType, IncidentSubEventType } from '../entities/incident.entity';
import { SourceType } from '../entities/source.entity';
import { INCIDENT_LIMITS as LIMIT } from '../rules/incident.content';
import { ProtectedGroupInput } from './protected-group.inputs';

@InputType({
  description:
    "A source your organisation has not recorded yet; one of your organisation's sources with the same name is used instead of a second one.",
})
export class NewSourceInput {
  @Field()
  @Length(1, LIMIT.sourceName)
  name: string;

  @Field(() => SourceType)
  type: SourceType;

  @Field({ description: 'UN M49 region the source covers ("Africa", "Americas", "Asia", "Europe", "Oceania"), or "Global".' })
  @Length(1, 60)
  region: string;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-3 code of the country the source is based in, apart from what it covers; leave it out when not known.',
  })
  baseCountryIso3?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  url?: string | null;
}

@InputType({ description: 'A new incident report, owned by your organisation.' })
export class ReportIncidentInput extends NewRecordInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The situation it belongs to, one you may read in the same country; an AMBER_STRICT one limits how the incident is shared.',
  })
  situationId?: string | null;

  @Field({ description: 'ISO 3166-1 alpha-3 code of the country where it happened.' })
  countryIso3: string;

  @Field(() => LocalDate, { description: 'Not in the future.' })
  occurredOn: string;

  @Field(() => DatePrecision, { defaultValue: DatePrecision.DAY })
  datePrecision: DatePrecision;

  @Field(() => String, { nullable: true })
  @Length(1, LIMIT.adm1)
  adm1?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, LIMIT.adm2)
  adm2?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, LIMIT.place)
  place?: string | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, -90 to 90; given with longitude.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84, -180 to 180; given with latitude.' })
  longitude?: number | null;

  @Field(() => GeoPrecision, { defaultValue: GeoPrecision.EXACT })
  geoPrecision: GeoPrecision;

  @Field(() => String, {
    nullable: true,
    description:
      'The event type in your words, e.g. "Violence against civilians"; mapped to eventTypeCode when it names one. Give it, eventTypeCode, or both.',
  })
  @Length(1, LIMIT.eventType)
  eventType?: string | null;

  @Field(() => IncidentEventType, {
    nullable: true,
    description: 'The event type in the typology; omitted, it is read from eventType where it can be.',
  })
  eventTypeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'The sub-event type in your words; mapped to subEventTypeCode when it names one of the type.' })
  @Length(1, LIMIT.subEventType)
  subEventType?: string | null;

  @Field(() => IncidentSubEventType, { nullable: true, description: 'A sub-event type of eventTypeCode.' })
  subEventTypeCode?: string | null;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(LIMIT.actors)
  @Length(1, LIMIT.actorName, { each: true })
  actors: string[];

  @Field(() => Int, { nullable: true, description: 'Fatalities, low estimate; low <= best <= high.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.fatalities)
  fatalitiesLow?: number | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  @Max(LIMIT.fatalities)
  fatalitiesBest?: number | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  @Max(LIMIT.fatalities)
  fatalitiesHigh?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(LIMIT.notes)
  notes?: string | null;

  @Field(() => ID, { nullable: true, description: 'A source you may read; or give `source` to record a new one.' })
  sourceId?: string | null;

  @Field(() => NewSourceInput, { nullable: true })
  @ValidateNested()
  source?: NewSourceInput | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, low estimate; low <= best <= high.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.displaced)
  displacedLow?: number | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, best estimate.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.displaced)
  displacedBest?: number | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, high estimate.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.displaced)
  displacedHigh?: number | null;

  @Field(() => [ProtectedGroupInput], { defaultValue: [], description: 'The protected groups the incident concerns; each once.' })
  groups: ProtectedGroupInput[];
}

@InputType({ description: 'Corrections to an incident report; fields left out stay as they are, null clears an optional one.' })
export class CorrectIncidentInput extends RecordChangesInput {
  @Field(() => ID, { nullable: true, description: 'Null: the incident belongs to no situation.' })
  situationId?: string | null;

  @Field(() => String, { nullable: true })
  countryIso3?: string | null;

  @Field(() => LocalDate, { nullable: true })
  occurredOn?: string | null;

  @Field(() => DatePrecision, { nullable: true })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true })
  @Length(1, LIMIT.adm1)
  adm1?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, LIMIT.adm2)
  adm2?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, LIMIT.place)
  place?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => GeoPrecision, { nullable: true })
  geoPrecision?: GeoPrecision | null;

  @Field(() => String, { nullable: true, description: 'Changed without eventTypeCode: the code is read from it again.' })
  @Length(1, LIMIT.eventType)
  eventType?: string | null;

  @Field(() => IncidentEventType, { nullable: true })
  eventTypeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Changed without subEventTypeCode: the code is read from it again.' })
  @Length(1, LIMIT.subEventType)
  subEventType?: string | null;

  @Field(() => IncidentSubEventType, { nullable: true, description: 'Null clears it.' })
  subEventTypeCode?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(LIMIT.actors)
  @Length(1, LIMIT.actorName, { each: true })
  actors?: string[] | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  @Max(LIMIT.fatalities)
  fatalitiesLow?: number | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  @Max(LIMIT.fatalities)
  fatalitiesBest?: number | null;

  @Field(() => Int, { nullable: true })
  @IsInt()
  @Min(0)
  @Max(LIMIT.fatalities)
  fatalitiesHigh?: number | null;

  @Field(() => String, { nullable: true })
  @MaxLength(LIMIT.notes)
  notes?: string | null;

  @Field(() => ID, { nullable: true, description: 'Null: no source.' })
  sourceId?: string | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, low estimate; low <= best <= high.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.displaced)
  displacedLow?: number | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, best estimate.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.displaced)
  displacedBest?: number | null;

  @Field(() => Int, { nullable: true, description: 'People displaced, high estimate.' })
  @IsInt()
  @Min(0)
  @Max(LIMIT.displaced)
  displacedHigh?: number | null;

  @Field(() => [ProtectedGroupInput], { nullable: true, description: 'The protected groups the incident concerns, all of them; [] names none.' })
  groups?: ProtectedGroupInput[] | null;
}
