// What dashboards draw from the situations subgraph: situations counted by level, region, status,
// protected group kind; incidents, fatalities and people displaced by month, country, group kind;
// a situation's source diversity, the base of its sources (inside or outside its regions) and its
// risk trend.
// Every figure is computed in SQL over the rows the viewer may read.
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { aggregateByGroups, queryOf } from '../../kernel/read/reading';
import { GEOGRAPHY_TABLE, geographyParameters, regionOf, regionOfCountry } from '../../kernel/reference/regions';
import { LocalDate } from '../../kernel/schema/scalars';
import { RISK_LEVELS, RiskLevel } from '../../kernel/schema/vocabulary';
import { Incident, IncidentEventType } from '../entities/incident.entity';
import { eventTypeLabel } from '../data/event-types';
import { Situation, SituationStatus } from '../entities/situation.entity';
import { SourceType } from '../entities/source.entity';
import { ProtectedGroupKind } from '../entities/protected-group';
import { GROUP_KIND_TABLE, groupKindJoin, groupKindParameters } from './protected-group.filter';
import { applyIncidentFilter, IncidentFilter } from './incident.filter';
import type { SituationsContext, SourceBaseRow } from '../loaders';
import { applySituationFilter, latestAssessments, SituationFilter } from './situation.filter';
import { AGGREGATE_GROUPS, AGGREGATE_WEIGHT, Cost, ListSize } from '../../kernel/schema/list-size';

export enum SituationGrouping {
  LEVEL = 'LEVEL',
  REGION = 'REGION',
  SUB_REGION = 'SUB_REGION',
  COUNTRY = 'COUNTRY',
  STATUS = 'STATUS',
  CRIMES_OCCURRING = 'CRIMES_OCCURRING',
  GROUP_KIND = 'GROUP_KIND',
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
  GROUP_KIND = 'GROUP_KIND',
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

  @Field(() => ProtectedGroupKind, {
    nullable: true,
    description:
      'Kind of protected group concerned; when grouping by GROUP_KIND, null for situations naming none, and a situation naming groups of two kinds counts in both.',
  })
  groupKind: ProtectedGroupKind | null;

  @Field(() => Int)
  situations: number;
}

@ObjectType({ description: 'Incidents, fatalities and people displaced in one group; fields not grouped by are null.' })
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

  @Field(() => ProtectedGroupKind, {
    nullable: true,
    description:
      'Kind of protected group concerned; when grouping by GROUP_KIND, null for incidents naming none, and an incident naming groups of two kinds counts in both.',
  })
  groupKind: ProtectedGroupKind | null;

  @Field(() => IncidentEventType, { nullable: true, description: 'By EVENT_TYPE: the event type code counted.' })
  eventTypeCode: string | null;

  @Field(() => Int)
  incidents: number;

  @Field(() => Int, { description: 'Sum of best estimates (incidents without one count 0).' })
  fatalities: number;

  @Field(() => Int, { description: 'People displaced: sum of best estimates (incidents without one count 0).' })
  displaced: number;
}

@ObjectType({ description: "Share of a situation's incident reports that come from one kind of source in one region." })
class SourceShare {
  @Field(() => SourceType, { nullable: true, description: 'Null for incidents without a (visible) source.' })
  type: SourceType | null;

  @Field(() => String, {
    nullable: true,
    description: 'UN M49 region (or "Global") the sources cover; null for incidents without a (visible) source.',
  })
  region: string | null;

  @Field(() => Int)
  incidents: number;

  @Field(() => Float, { description: "Fraction of the situation's visible incidents, 0 to 1." })
  share: number;
}

@ObjectType({ description: "Share of a situation's incident reports whose sources are based in one UN M49 region." })
class SourceBaseShare {
  @Field(() => String, {
    nullable: true,
    description: 'UN M49 region the sources are based in; null when the base is unknown (not recorded, or the source is not visible to you).',
  })
  baseRegion: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the region is one the situation concerns; null when the base is unknown.' })
  withinSituationRegion: boolean | null;

  @Field(() => Int)
  incidents: number;

  @Field(() => Float, { description: "Fraction of the situation's visible incidents, 0 to 1." })
  share: number;
}

@ObjectType({
  description:
    'Where the sources of a situation\'s incident reports are based, against the regions the situation concerns: the roundtable\'s concern that the Office not become overly dependent on sources based outside the region ("traditional western sources"). The breakdown of sourceDiversity by base, not by coverage.',
})
class SourceOrigin {
  @Field(() => [String], { description: 'UN M49 regions of the countries the situation concerns.' })
  situationRegions: string[];

  @Field(() => Int, { description: 'Incident reports counted (those you may read).' })
  incidents: number;

  @Field(() => Int, { description: 'Reports whose source is based in a region the situation concerns.' })
  withinRegion: number;

  @Field(() => Int, { description: 'Reports whose source is based outside every region the situation concerns.' })
  outsideRegion: number;

  @Field(() => Int, { description: 'Reports without a source, or whose source has no recorded base, or one you may not read.' })
  unknownBase: number;

  @Field(() => Float, { description: 'outsideRegion as a fraction of incidents, 0 to 1 (0 when there are none).' })
  outsideShare: number;

  @Field(() => Float, { description: 'unknownBase as a fraction of incidents, 0 to 1 (0 when there are none).' })
  unknownShare: number;

  @ListSize(10)
  @Field(() => [SourceBaseShare], { description: 'The same reports by the region their source is based in, largest first, unknown last.' })
  byBaseRegion: SourceBaseShare[];
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

const GEOGRAPHIC = [SituationGrouping.REGION, SituationGrouping.SUB_REGION, SituationGrouping.COUNTRY];

/** Each situation's countries as rows (situation_id, iso3), a subquery to join on situation_id. */
function situationCountriesTable(ctx: SituationsContext): string {
  return `(SELECT c.id AS situation_id, CAST(unnest(c.country_codes) AS text) AS iso3 FROM ${ctx.db.getMetadata(Situation).tablePath} c)`;
}

/** Counts by base country folded into regions, each inside or outside the situation's regions. */
export function sourceOriginOf(countryCodes: readonly string[], rows: readonly SourceBaseRow[]): SourceOrigin {
  const situationRegions = [...new Set(countryCodes.flatMap((code) => regionOfCountry(code) ?? []))].sort();
  const incidents = rows.reduce((sum, row) => sum + row.incidents, 0);
  const byRegion = new Map<string | null, number>();
  for (const row of rows) {
    const region = (row.base && regionOfCountry(row.base)) || null;
    byRegion.set(region, (byRegion.get(region) ?? 0) + row.incidents);
  }
  const fraction = (n: number) => (incidents === 0 ? 0 : n / incidents);
  const byBaseRegion = [...byRegion.entries()]
    .map(([baseRegion, n]) => ({
      baseRegion,
      withinSituationRegion: baseRegion === null ? null : situationRegions.includes(baseRegion),
      incidents: n,
      share: fraction(n),
    }))
    .sort(
      (a, b) =>
        Number(a.baseRegion === null) - Number(b.baseRegion === null) ||
        b.incidents - a.incidents ||
        String(a.baseRegion).localeCompare(String(b.baseRegion)),
    );
  const sum = (within: boolean | null) => byBaseRegion.filter((r) => r.withinSituationRegion === within).reduce((total, r) => total + r.incidents, 0);
  const outsideRegion = sum(false);
  const unknownBase = sum(null);
  return {
    situationRegions,
    incidents,
    withinRegion: sum(true),
    outsideRegion,
    unknownBase,
    outsideShare: fraction(outsideRegion),
    unknownShare: fraction(unknownBase),
    byBaseRegion,
  };
}

const rank = (level: RiskLevel | null | undefined) => (level ? RISK_LEVELS.indexOf(level) : null);
const difference = (a: RiskLevel | null, b: RiskLevel | null) => (a && b ? rank(a)! - rank(b)! : null);

@Resolver(() => Situation)
export class SituationDashboardResolver {
  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [SituationCount], {
    nullable: true,
    description:
      'Situations matching the filter, counted by the chosen groupings. A situation concerning several countries counts once in each country, region and sub-region it concerns, and once in every other group (so groups by country or region can add up to more than the total).',
  })
  async situationCounts(
    @Arg('groupBy', () => [SituationGrouping]) groupBy: SituationGrouping[],
    @Arg('filter', () => SituationFilter, { nullable: true }) filter: SituationFilter | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<SituationCount[]> {
    // Distinct situations: a cross-border situation, joined once per country it concerns, counts
    // once in each country and region it concerns and once in any group that is not geographic.
    const query = queryOf(ctx, Situation, 's').select('COUNT(DISTINCT s.id)::int', 'situations').setParameters(geographyParameters());
    if (!(await applySituationFilter(ctx, query, filter))) return [];
    // The latest visible assessment gives each situation at most one row.
    if (groupBy.includes(SituationGrouping.LEVEL) || groupBy.includes(SituationGrouping.CRIMES_OCCURRING))
      query.leftJoin((sub) => latestAssessments(ctx, sub), 'latest', 'latest.situation_id = s.id');
    if (GEOGRAPHIC.some((g) => groupBy.includes(g))) {
      // One row per country of the situation, then its region: joined on s.id, so the policy on s still decides every row.
      query.leftJoin(situationCountriesTable(ctx), 'concerns', 'concerns.situation_id = s.id');
      query.leftJoin(GEOGRAPHY_TABLE, 'geography', 'geography.iso3 = concerns.iso3');
    }
    if (groupBy.includes(SituationGrouping.GROUP_KIND))
      query.leftJoin(GROUP_KIND_TABLE, 'group_kind', groupKindJoin('s')).setParameters(groupKindParameters());
    const rows = await aggregateByGroups<SituationGrouping, Record<string, string | number | boolean | null>>(
      ctx,
      query,
      [
        { grouping: SituationGrouping.LEVEL, sql: 'latest.overall_level', alias: 'level' },
        { grouping: SituationGrouping.REGION, sql: 'geography.region', alias: 'region' },
        { grouping: SituationGrouping.SUB_REGION, sql: 'geography.sub_region', alias: 'sub_region' },
        { grouping: SituationGrouping.COUNTRY, sql: 'concerns.iso3', alias: 'country' },
        { grouping: SituationGrouping.STATUS, sql: 's.status', alias: 'status' },
        { grouping: SituationGrouping.CRIMES_OCCURRING, sql: 'coalesce(latest.crimes_occurring, false)', alias: 'crimes_occurring' },
        { grouping: SituationGrouping.GROUP_KIND, sql: 'group_kind.kind', alias: 'group_kind' },
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
      groupKind: (row.group_kind as ProtectedGroupKind) ?? null,
      situations: row.situations as number,
    }));
  }

  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [IncidentCount], {
    nullable: true,
    description: 'Incidents, fatalities and people displaced matching the filter, by the chosen groupings.',
  })
  async incidentCounts(
    @Arg('groupBy', () => [IncidentGrouping]) groupBy: IncidentGrouping[],
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<IncidentCount[]> {
    const query = queryOf(ctx, Incident, 'i')
      .select('COUNT(*)::int', 'incidents')
      .addSelect('COALESCE(SUM(i.fatalities_best), 0)::int', 'fatalities')
      .addSelect('COALESCE(SUM(i.displaced_best), 0)::int', 'displaced')
      .setParameters(geographyParameters());
    if (!applyIncidentFilter(ctx, query, filter)) return [];
    if (groupBy.includes(IncidentGrouping.GROUP_KIND))
      query.leftJoin(GROUP_KIND_TABLE, 'group_kind', groupKindJoin('i')).setParameters(groupKindParameters());
    const rows = await aggregateByGroups<IncidentGrouping, Record<string, string | number | null>>(
      ctx,
      query,
      [
        { grouping: IncidentGrouping.MONTH, sql: "to_char(i.occurred_on, 'YYYY-MM')", alias: 'month' },
        { grouping: IncidentGrouping.COUNTRY, sql: 'i.country_iso3', alias: 'country' },
        { grouping: IncidentGrouping.REGION, sql: regionOf('i.country_iso3'), alias: 'region' },
        // Codes, not the reporters' words: "protests" and "Protests" are one event type.
        { grouping: IncidentGrouping.EVENT_TYPE, sql: 'i.event_type_code', alias: 'event_type' },
        { grouping: IncidentGrouping.GROUP_KIND, sql: 'group_kind.kind', alias: 'group_kind' },
      ],
      groupBy,
    );
    return rows.map((row) => ({
      month: (row.month as string) ?? null,
      country: (row.country as string) ?? null,
      region: (row.region as string) ?? null,
      eventType: row.event_type ? (eventTypeLabel(row.event_type as string) ?? null) : null,
      eventTypeCode: (row.event_type as string) ?? null,
      groupKind: (row.group_kind as ProtectedGroupKind) ?? null,
      incidents: row.incidents as number,
      fatalities: row.fatalities as number,
      displaced: row.displaced as number,
    }));
  }

  @ListSize(50)
  @FieldResolver(() => [SourceShare], {
    description:
      "Where the situation's incident reports come from, by source type and the region the source covers; sourceOrigin breaks the same reports down by where their sources are based.",
  })
  async sourceDiversity(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<SourceShare[]> {
    return ctx.loaders.sourceDiversity.load(situation.id);
  }

  @FieldResolver(() => SourceOrigin, {
    description:
      "Where the sources of the situation's incident reports are based (not what they cover), inside or outside the regions the situation concerns.",
  })
  async sourceOrigin(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<SourceOrigin> {
    return sourceOriginOf(situation.countryCodes, await ctx.loaders.sourceBases.load(situation.id));
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
