// What dashboards draw from the situations subgraph: situations counted by level, region, status;
// incidents and fatalities by month and country; a situation's source diversity and risk trend.
// Every figure is computed in SQL over the rows the viewer may read.
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { aggregateByGroups, queryOf } from '../../kernel/read/reading';
import { GEOGRAPHY_TABLE, geographyParameters, regionOf } from '../../kernel/reference/regions';
import { LocalDate } from '../../kernel/schema/scalars';
import { RISK_LEVELS, RiskLevel } from '../../kernel/schema/vocabulary';
import { Incident, IncidentEventType } from '../entities/incident.entity';
import { eventTypeLabel } from '../data/event-types';
import { Situation, SituationStatus } from '../entities/situation.entity';
import { SourceType } from '../entities/source.entity';
import { applyIncidentFilter, IncidentFilter } from './incident.filter';
import type { SituationsContext } from '../loaders';
import { applySituationFilter, latestAssessments, SituationFilter } from './situation.filter';
import { AGGREGATE_GROUPS, AGGREGATE_WEIGHT, Cost, ListSize } from '../../kernel/schema/list-size';

export enum SituationGrouping {
  LEVEL = 'LEVEL',
  REGION = 'REGION',
  SUB_REGION = 'SUB_REGION',
  COUNTRY = 'COUNTRY',
  STATUS = 'STATUS',
  CRIMES_OCCURRING = 'CRIMES_OCCURRING',
}
registerEnumType(SituationGrouping, {
  name: 'SituationGrouping',
  valuesConfig: {
    CRIMES_OCCURRING: {
      description: 'Whether the latest assessment states atrocity crimes are being committed (a current crisis), apart from its level.',
    },
  },
});

export enum IncidentGrouping {
  MONTH = 'MONTH',
  COUNTRY = 'COUNTRY',
  REGION = 'REGION',
  EVENT_TYPE = 'EVENT_TYPE',
}
registerEnumType(IncidentGrouping, { name: 'IncidentGrouping' });

@ObjectType({ description: 'Situations counted in one group; fields not grouped by are null.' })
class SituationCount {
  @Field(() => RiskLevel, { nullable: true, description: 'Current level; null also for situations not yet assessed when grouping by LEVEL.' })
  level: RiskLevel | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  subRegion: string | null;

  @Field(() => String, { nullable: true })
  country: string | null;

  @Field(() => SituationStatus, { nullable: true })
  status: SituationStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'When grouping by CRIMES_OCCURRING: whether the latest assessment states crimes are being committed (false also when none is assessed).',
  })
  crimesOccurring: boolean | null;

  @Field(() => Int)
  situations: number;
}

@ObjectType({ description: 'Incidents and fatalities in one group; fields not grouped by are null.' })
class IncidentCount {
  @Field(() => String, { nullable: true, description: 'Month, "YYYY-MM".' })
  month: string | null;

  @Field(() => String, { nullable: true })
  country: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, {
    nullable: true,
    description: "By EVENT_TYPE: the event type's label in the typology (incidents whose type it has no code for are counted together, under null).",
  })
  eventType: string | null;

  @Field(() => IncidentEventType, { nullable: true, description: 'By EVENT_TYPE: the event type code counted.' })
  eventTypeCode: string | null;

  @Field(() => Int)
  incidents: number;

  @Field(() => Int, { description: 'Sum of best estimates (incidents without one count 0).' })
  fatalities: number;
}

@ObjectType({ description: "Share of a situation's incident reports that come from one kind of source in one region." })
class SourceShare {
  @Field(() => SourceType, { nullable: true, description: 'Null for incidents without a (visible) source.' })
  type: SourceType | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => Int)
  incidents: number;

  @Field(() => Float, { description: "Fraction of the situation's visible incidents, 0 to 1." })
  share: number;
}

@ObjectType({ description: "One risk factor's level in an assessment and its change since the previous assessment." })
class RiskFactorChange {
  @Field()
  riskFactor: string;

  @Field(() => RiskLevel, { nullable: true, description: 'Null when this assessment did not score the factor.' })
  level: RiskLevel | null;

  @Field(() => RiskLevel, { nullable: true })
  previousLevel: RiskLevel | null;

  @Field(() => Int, { nullable: true, description: 'Steps up (+) or down (-) on the hub scale; null when either side is missing.' })
  change: number | null;
}

@ObjectType({ description: "An assessment in a situation's risk trend." })
class RiskTrendPoint {
  @Field(() => ID)
  assessmentId: string;

  @Field(() => LocalDate)
  assessedOn: string;

  @Field()
  assessedByOrg: string;

  @Field()
  frameworkVersion: string;

  @Field(() => RiskLevel)
  overallLevel: RiskLevel;

  @Field(() => Int, { nullable: true, description: 'Change of the overall level since the previous assessment.' })
  overallChange: number | null;

  @ListSize(20)
  @Field(() => [RiskFactorChange])
  factors: RiskFactorChange[];
}

const rank = (level: RiskLevel | null | undefined) => (level ? RISK_LEVELS.indexOf(level) : null);
const difference = (a: RiskLevel | null, b: RiskLevel | null) => (a && b ? rank(a)! - rank(b)! : null);

@Resolver(() => Situation)
export class SituationDashboardResolver {
  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [SituationCount], { nullable: true, description: 'Situations matching the filter, counted by the chosen groupings.' })
  async situationCounts(
    @Arg('groupBy', () => [SituationGrouping]) groupBy: SituationGrouping[],
    @Arg('filter', () => SituationFilter, { nullable: true }) filter: SituationFilter | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<SituationCount[]> {
    const query = queryOf(ctx, Situation, 's').select('COUNT(*)::int', 'situations').setParameters(geographyParameters());
    if (!(await applySituationFilter(ctx, query, filter))) return [];
    // Left joins that give each situation at most one row: its latest visible assessment, its region.
    if (groupBy.includes(SituationGrouping.LEVEL) || groupBy.includes(SituationGrouping.CRIMES_OCCURRING))
      query.leftJoin((sub) => latestAssessments(ctx, sub), 'latest', 'latest.situation_id = s.id');
    if (groupBy.includes(SituationGrouping.REGION) || groupBy.includes(SituationGrouping.SUB_REGION)) {
      query.leftJoin(GEOGRAPHY_TABLE, 'geography', 'geography.iso3 = CAST(s.country_iso3 AS text)');
    }
    const rows = await aggregateByGroups<SituationGrouping, Record<string, string | number | boolean | null>>(
      ctx,
      query,
      [
        { grouping: SituationGrouping.LEVEL, sql: 'latest.overall_level', alias: 'level' },
        { grouping: SituationGrouping.REGION, sql: 'geography.region', alias: 'region' },
        { grouping: SituationGrouping.SUB_REGION, sql: 'geography.sub_region', alias: 'sub_region' },
        { grouping: SituationGrouping.COUNTRY, sql: 's.country_iso3', alias: 'country' },
        { grouping: SituationGrouping.STATUS, sql: 's.status', alias: 'status' },
        { grouping: SituationGrouping.CRIMES_OCCURRING, sql: 'coalesce(latest.crimes_occurring, false)', alias: 'crimes_occurring' },
      ],
      groupBy,
    );
    return rows.map((row) => ({
      level: (row.level as RiskLevel) ?? null,
      region: (row.region as string) ?? null,
      subRegion: (row.sub_region as string) ?? null,
      country: (row.country as string) ?? null,
      status: (row.status as SituationStatus) ?? null,
      crimesOccurring: (row.crimes_occurring as boolean) ?? null,
      situations: row.situations as number,
    }));
  }

  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [IncidentCount], { nullable: true, description: 'Incidents and fatalities matching the filter, by the chosen groupings.' })
  async incidentCounts(
    @Arg('groupBy', () => [IncidentGrouping]) groupBy: IncidentGrouping[],
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<IncidentCount[]> {
    const query = queryOf(ctx, Incident, 'i')
      .select('COUNT(*)::int', 'incidents')
      .addSelect('COALESCE(SUM(i.fatalities_best), 0)::int', 'fatalities')
      .setParameters(geographyParameters());
    if (!applyIncidentFilter(ctx, query, filter)) return [];
    const rows = await aggregateByGroups<IncidentGrouping, Record<string, string | number | null>>(
      ctx,
      query,
      [
        { grouping: IncidentGrouping.MONTH, sql: "to_char(i.occurred_on, 'YYYY-MM')", alias: 'month' },
        { grouping: IncidentGrouping.COUNTRY, sql: 'i.country_iso3', alias: 'country' },
        { grouping: IncidentGrouping.REGION, sql: regionOf('i.country_iso3'), alias: 'region' },
        // Codes, not the reporters' words: "protests" and "Protests" are one event type.
        { grouping: IncidentGrouping.EVENT_TYPE, sql: 'i.event_type_code', alias: 'event_type' },
      ],
      groupBy,
    );
    return rows.map((row) => ({
      month: (row.month as string) ?? null,
      country: (row.country as string) ?? null,
      region: (row.region as string) ?? null,
      eventType: row.event_type ? (eventTypeLabel(row.event_type as string) ?? null) : null,
      eventTypeCode: (row.event_type as string) ?? null,
      incidents: row.incidents as number,
      fatalities: row.fatalities as number,
    }));
  }

  @ListSize(50)
  @FieldResolver(() => [SourceShare], { description: "Where the situation's incident reports come from, by source type and region." })
  async sourceDiversity(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<SourceShare[]> {
    return ctx.loaders.sourceDiversity.load(situation.id);
  }

  @ListSize(20)
  @FieldResolver(() => [RiskTrendPoint], {
    description: "The situation's assessments over time, each with its per-factor change since the previous one.",
  })
  async riskTrend(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<RiskTrendPoint[]> {
    const assessments = await ctx.loaders.assessmentsBySituation.load(situation.id);
    return assessments.map((assessment, i) => {
      const previous = assessments[i - 1];
      const before = new Map(previous?.factors.map((f) => [f.riskFactor, f.level]) ?? []);
      const now = new Map(assessment.factors.map((f) => [f.riskFactor, f.level]));
      const codes = [...new Set([...now.keys(), ...before.keys()])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      return {
        assessmentId: assessment.id,
        assessedOn: assessment.assessedOn,
        assessedByOrg: assessment.assessedByOrg,
        frameworkVersion: assessment.frameworkVersion,
        overallLevel: assessment.overallLevel,
        overallChange: previous ? difference(assessment.overallLevel, previous.overallLevel) : null,
        factors: codes.map((riskFactor) => {
          const level = now.get(riskFactor) ?? null;
          const previousLevel = before.get(riskFactor) ?? null;
          return { riskFactor, level, previousLevel, change: difference(level, previousLevel) };
        }),
      };
    });
  }
}
