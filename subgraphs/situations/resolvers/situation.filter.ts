// The filter every situation list and aggregate accepts, applied in SQL. "Current level" and
// "risk factors present" read the latest assessment the viewer may see, in a subquery that
// carries the access policy itself.
import { Field, InputType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { visibleTo } from '../../kernel/read/policed-query';
import type { SubgraphContext } from '../../kernel/service/context';
import { badInput } from '../../../platform/errors';
import { askPeer } from '../../kernel/service/peer';
import { countriesInRegions, countriesInSubRegions, intersect } from '../../kernel/reference/regions';
import { LocalDate, today } from '../../kernel/schema/scalars';
import { countryCodes, isoDate, partnerCode } from '../../kernel/write/validation';
import { Crime, RISK_LEVELS, RiskLevel } from '../../kernel/schema/vocabulary';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation, SituationStatus } from '../entities/situation.entity';

@InputType({ description: 'Narrows situations; all given conditions must hold.' })
export class SituationFilter {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes.' })
  countries?: string[];

  @Field(() => [String], { nullable: true, description: 'UN M49 regions, by name or code ("Africa", "002").' })
  regions?: string[];

  @Field(() => [String], { nullable: true, description: 'UN M49 sub-regions, by name or code ("Eastern Africa", "014").' })
  subRegions?: string[];

  @Field(() => String, { nullable: true, description: 'Only situations in member states of this partner on `memberOn`.' })
  partner?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date for `partner` membership (default today).' })
  memberOn?: string;

  @Field(() => [SituationStatus], { nullable: true })
  statuses?: SituationStatus[];

  @Field(() => [Crime], { nullable: true, description: 'Situations monitored for any of these crimes.' })
  crimes?: Crime[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: situations whose latest assessment states atrocity crimes are being committed (a current crisis); false: those whose latest assessment states none, or that have no assessment. Apart from minLevel and maxLevel.',
  })
  crimesOccurring?: boolean | null;

  @Field(() => RiskLevel, { nullable: true, description: 'Current level (latest assessment) at least this.' })
  minLevel?: RiskLevel;

  @Field(() => RiskLevel, { nullable: true, description: 'Current level (latest assessment) at most this.' })
  maxLevel?: RiskLevel;

  @Field(() => LocalDate, { nullable: true, description: 'Assessed on or after this date.' })
  assessedSince?: string;

  @Field(() => [String], { nullable: true, description: 'Risk factor codes (e.g. "RF9") scored in the latest assessment; any of them.' })
  riskFactors?: string[];
}

/** SQL for a column of the latest assessment of situation `s` that the viewer may read. */
export function latestAssessment(
  ctx: SubgraphContext,
  query: SelectQueryBuilder<ObjectLiteral>,
  column: 'overall_level' | 'factors' | 'crimes_occurring',
): string {
  return query
    .subQuery()
    .select(`la.${column}`)
    .from(RiskAssessment, 'la')
    .where('la.situation_id = s.id')
    .andWhere(visibleTo(ctx, RiskAssessment, 'la'))
    .orderBy('la.assessed_on', 'DESC')
    .addOrderBy('la.created_at', 'DESC')
    .addOrderBy('la.id', 'DESC')
    .limit(1)
    .getQuery();
}

/**
 * The latest assessment the viewer may read of each situation, as a subquery with columns
 * situation_id, overall_level and crimes_occurring (whether it states crimes occurring) to join on: one ordered pass over the assessments (DISTINCT ON,
 * over the index on situation_id, assessed_on, created_at, id) instead of a lookup per situation.
 * It picks, per situation, the same row as latestAssessment: the same policy, the same order.
 */
export function latestAssessments(ctx: SubgraphContext, subQuery: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
  return subQuery
    .select('la.situation_id', 'situation_id')
    .addSelect('la.overall_level', 'overall_level')
    .addSelect('cardinality(la.crimes_occurring) > 0', 'crimes_occurring')
    .from(RiskAssessment, 'la')
    .where(visibleTo(ctx, RiskAssessment, 'la'))
    .distinctOn(['la.situation_id'])
    .orderBy('la.situation_id', 'DESC')
    .addOrderBy('la.assessed_on', 'DESC')
    .addOrderBy('la.created_at', 'DESC')
    .addOrderBy('la.id', 'DESC');
}

async function memberStates(ctx: SubgraphContext, code: string, on: string): Promise<string[]> {
  const data = await askPeer<{ countries: { iso3: string }[] }>(
    ctx,
    'partners',
    'query($partner: String!, $on: LocalDate) { countries(filter: { partner: $partner, on: $on }) { iso3 } }',
    { partner: code, on },
  );
  return data.countries.map((c) => c.iso3);
}

/** Adds the filter's conditions to a query over situations aliased `s`; false when nothing can match. */
export async function applySituationFilter(
  ctx: SubgraphContext,
  query: SelectQueryBuilder<Situation>,
  filter: SituationFilter | undefined,
): Promise<boolean> {
  if (!filter) return true;
  const countries = intersect(
    filter.countries ? countryCodes(filter.countries, 'filter.countries') : undefined,
    filter.regions ? countriesInRegions(filter.regions, 'filter.regions') : undefined,
    filter.subRegions ? countriesInSubRegions(filter.subRegions, 'filter.subRegions') : undefined,
    filter.partner
      ? await memberStates(
          ctx,
          partnerCode(filter.partner, 'filter.partner'),
          filter.memberOn ? isoDate(filter.memberOn, 'filter.memberOn') : today(),
        )
      : undefined,
  );
  if (countries !== undefined) {
    if (countries.length === 0) return false;
    query.andWhere('s.country_iso3 IN (:...filterCountries)', { filterCountries: countries });
  }
  if (filter.statuses?.length) query.andWhere('s.status IN (:...filterStatuses)', { filterStatuses: filter.statuses });
  if (filter.crimes?.length) query.andWhere('s.crimes && CAST(:filterCrimes AS situations.crime[])', { filterCrimes: filter.crimes });
  if (filter.minLevel && filter.maxLevel && RISK_LEVELS.indexOf(filter.minLevel) > RISK_LEVELS.indexOf(filter.maxLevel)) {
    throw badInput('filter.minLevel is above filter.maxLevel', 'filter.minLevel');
  }
  if (filter.minLevel || filter.maxLevel) {
    const level = latestAssessment(ctx, query, 'overall_level');
    if (filter.minLevel) query.andWhere(`${level} >= :filterMinLevel`, { filterMinLevel: filter.minLevel });
    if (filter.maxLevel) query.andWhere(`${level} <= :filterMaxLevel`, { filterMaxLevel: filter.maxLevel });
  }
  if (filter.crimesOccurring != null) {
    const occurring = `coalesce(cardinality(${latestAssessment(ctx, query, 'crimes_occurring')}), 0) > 0`;
    query.andWhere(filter.crimesOccurring ? occurring : `NOT ${occurring}`);
  }
  if (filter.assessedSince) {
    const since = query
      .subQuery()
      .select('1')
      .from(RiskAssessment, 'sa')
      .where('sa.situation_id = s.id')
      .andWhere('sa.assessed_on >= :filterSince', { filterSince: isoDate(filter.assessedSince, 'filter.assessedSince') })
      .andWhere(visibleTo(ctx, RiskAssessment, 'sa'))
      .getQuery();
    query.andWhere(`EXISTS ${since}`);
  }
  if (filter.riskFactors?.length) {
    for (const code of filter.riskFactors) {
      if (!/^[A-Z]{1,3}\d{1,2}$/.test(code))
        throw badInput(`filter.riskFactors: ${JSON.stringify(code)} is not a risk factor code such as "RF9"`, 'filter.riskFactors');
    }
    const factors = latestAssessment(ctx, query, 'factors');
    query.andWhere(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(${factors}, '[]'::jsonb)) AS factor WHERE factor->>'riskFactor' = ANY(CAST(:filterFactors AS text[])))`,
      {
        filterFactors: filter.riskFactors,
      },
    );
  }
  return true;
}
