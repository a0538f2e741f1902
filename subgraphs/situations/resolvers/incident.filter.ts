// The filter every incident list and aggregate accepts, applied in SQL.
import { Field, ID, InputType, Int } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { visibleTo } from '../../kernel/read/policed-query';
import type { SubgraphContext } from '../../kernel/service/context';
import { badInput } from '../../../platform/errors';
import { countriesInRegions, intersect } from '../../kernel/reference/regions';
import { LocalDate } from '../../kernel/schema/scalars';
import { countryCodes, dateRange, isoDate, uuid } from '../../kernel/write/validation';
import { IncidentEventType, IncidentSubEventType, type Incident } from '../entities/incident.entity';
import { Source, SourceType } from '../entities/source.entity';
import { ProtectedGroupKind } from '../entities/protected-group';
import { concernsGroupKinds } from './protected-group.filter';

@InputType({ description: 'Narrows incidents; all given conditions must hold.' })
export class IncidentFilter {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes.' })
  countries?: string[];

  @Field(() => [String], { nullable: true, description: 'UN M49 regions, by name or code.' })
  regions?: string[];

  @Field(() => ID, { nullable: true })
  situation?: string;

  @Field(() => LocalDate, { nullable: true, description: 'On or after this date.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'On or before this date.' })
  to?: string;

  @Field(() => String, { nullable: true, description: 'First- or second-level administrative area, by name (case-insensitive).' })
  adminArea?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Event types as the reporters wrote them, exactly; to count or compare, use eventTypeCodes.',
  })
  eventTypes?: string[];

  @Field(() => [IncidentEventType], { nullable: true, description: 'Of one of these event types of the typology.' })
  eventTypeCodes?: string[];

  @Field(() => [IncidentSubEventType], { nullable: true, description: 'Of one of these sub-event types of the typology.' })
  subEventTypeCodes?: string[];

  @Field(() => Int, { nullable: true, description: 'Best fatality estimate at least this.' })
  minFatalities?: number;

  @Field(() => [SourceType], { nullable: true, description: 'Reported by a source of one of these types.' })
  sourceTypes?: SourceType[];

  @Field(() => [ProtectedGroupKind], { nullable: true, description: 'Concerning a protected group of any of these kinds.' })
  groupKinds?: ProtectedGroupKind[];

  @Field(() => Int, { nullable: true, description: 'Best estimate of people displaced at least this.' })
  minDisplaced?: number;
}

/** Adds the filter's conditions to a query over incidents aliased `i`; false when nothing can match. */
export function applyIncidentFilter(ctx: SubgraphContext, query: SelectQueryBuilder<Incident>, filter: IncidentFilter | undefined): boolean {
  if (!filter) return true;
  const countries = intersect(
    filter.countries ? countryCodes(filter.countries, 'filter.countries') : undefined,
    filter.regions ? countriesInRegions(filter.regions, 'filter.regions') : undefined,
  );
  if (countries !== undefined) {
    if (countries.length === 0) return false;
    query.andWhere('i.country_iso3 IN (:...filterCountries)', { filterCountries: countries });
  }
  if (filter.situation) query.andWhere('i.situation_id = :filterSituation', { filterSituation: uuid(filter.situation, 'filter.situation') });
  if (filter.from) query.andWhere('i.occurred_on >= :filterFrom', { filterFrom: isoDate(filter.from, 'filter.from') });
  if (filter.to) query.andWhere('i.occurred_on <= :filterTo', { filterTo: isoDate(filter.to, 'filter.to') });
  dateRange(filter.from, filter.to, 'filter.from');
  if (filter.adminArea)
    query.andWhere('(lower(i.adm1) = lower(:filterArea) OR lower(i.adm2) = lower(:filterArea))', { filterArea: filter.adminArea.trim() });
  if (filter.eventTypes?.length) query.andWhere('i.event_type IN (:...filterEventTypes)', { filterEventTypes: filter.eventTypes });
  if (filter.eventTypeCodes?.length)
    query.andWhere('i.event_type_code IN (:...filterEventTypeCodes)', { filterEventTypeCodes: filter.eventTypeCodes });
  if (filter.subEventTypeCodes?.length)
    query.andWhere('i.sub_event_type_code IN (:...filterSubEventTypeCodes)', { filterSubEventTypeCodes: filter.subEventTypeCodes });
  if (filter.minFatalities !== undefined && filter.minFatalities !== null) {
    if (filter.minFatalities < 0) throw badInput('filter.minFatalities must not be negative', 'filter.minFatalities');
    query.andWhere('i.fatalities_best >= :filterMinFatalities', { filterMinFatalities: filter.minFatalities });
  }
  if (filter.groupKinds?.length) query.andWhere(concernsGroupKinds('i'), { filterGroupKinds: filter.groupKinds });
  if (filter.minDisplaced !== undefined && filter.minDisplaced !== null) {
    if (filter.minDisplaced < 0) throw badInput('filter.minDisplaced must not be negative', 'filter.minDisplaced');
    query.andWhere('i.displaced_best >= :filterMinDisplaced', { filterMinDisplaced: filter.minDisplaced });
  }
  if (filter.sourceTypes?.length) {
    const source = query
      .subQuery()
      .select('1')
      .from(Source, 'fs')
      .where('fs.id = i.source_id')
      .andWhere('fs.type IN (:...filterSourceTypes)', { filterSourceTypes: filter.sourceTypes })
      .andWhere(visibleTo(ctx, Source, 'fs'))
      .getQuery();
    query.andWhere(`EXISTS ${source}`);
  }
  return true;
}
