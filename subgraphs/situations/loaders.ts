// The situations subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import type { SubgraphContext } from '../kernel/service/context';
import { batchLoader, manyByKey, oneByKey } from '../kernel/read/loaders';
import { aggregateStatement, rowStatement } from '../kernel/read/prebuilt';
import { aggregateVisible, aggregateVisibleSql, findVisible, queryOf, readVisibleSql } from '../kernel/read/reading';
import { Indicator, RiskFactor } from './entities/framework.entity';
import { Incident } from './entities/incident.entity';
import { RiskAssessment } from './entities/risk-assessment.entity';
import { Situation } from './entities/situation.entity';
import { Source } from './entities/source.entity';
import type { SourceType } from './entities/source.entity';

// The statements the dashboard and entity references run, written once (kernel/read/prebuilt.ts).
const SITUATIONS_BY_ID = rowStatement(
  'situations_by_id',
  Situation,
  's',
  (p) => `SELECT ${p.columns(Situation, 's')} FROM ${p.table(Situation)} s WHERE s.id = ANY($1::uuid[]) AND ${p.visible(Situation, 's')}`,
);

const ASSESSMENTS_BY_SITUATION = rowStatement(
  'assessments_by_situation',
  RiskAssessment,
  'a',
  (p) =>
    `SELECT ${p.columns(RiskAssessment, 'a')} FROM ${p.table(RiskAssessment)} a WHERE a.situation_id = ANY($1::uuid[]) AND ${p.visible(RiskAssessment, 'a')}` +
    ' ORDER BY a.assessed_on ASC, a.created_at ASC, a.id ASC',
);

// A source the viewer may not read counts as no source: its type would say something about it.
const SOURCE_DIVERSITY = aggregateStatement<{
  situation_id: string;
  type: SourceType | null;
  region: string | null;
  incidents: number;
  share: number;
}>(
  'source_diversity',
  Incident,
  'i',
  (p) =>
    'SELECT i.situation_id AS situation_id, src.type AS type, src.region AS region, COUNT(*)::int AS incidents,' +
    ' (COUNT(*)::float8 / SUM(COUNT(*)) OVER (PARTITION BY i.situation_id))::float8 AS share,' +
    ` ${p.contributors('i', 'id')}` +
    ` FROM ${p.table(Incident)} i LEFT JOIN ${p.table(Source)} src ON src.id = i.source_id AND ${p.visible(Source, 'src')}` +
    ` WHERE i.situation_id = ANY($1::uuid[]) AND ${p.visible(Incident, 'i')}` +
    ' GROUP BY i.situation_id, src.type, src.region' +
    ' ORDER BY i.situation_id ASC, COUNT(*) DESC, src.type ASC NULLS LAST, src.region ASC NULLS LAST',
);

// The same incidents by the country their source is based in: a hidden source, or one whose base
// is not recorded, counts as an unknown base.
const SOURCE_BASES = aggregateStatement<{ situation_id: string; base: string | null; incidents: number }>(
  'source_bases',
  Incident,
  'i',
  (p) =>
    'SELECT i.situation_id AS situation_id, CAST(src.base_country_iso3 AS text) AS base, COUNT(*)::int AS incidents,' +
    ` ${p.contributors('i', 'id')}` +
    ` FROM ${p.table(Incident)} i LEFT JOIN ${p.table(Source)} src ON src.id = i.source_id AND ${p.visible(Source, 'src')}` +
    ` WHERE i.situation_id = ANY($1::uuid[]) AND ${p.visible(Incident, 'i')}` +
    ' GROUP BY i.situation_id, src.base_country_iso3' +
    ' ORDER BY i.situation_id ASC, src.base_country_iso3 ASC NULLS LAST',
);

function situationLoader(ctx: SubgraphContext) {
  return batchLoader<string, Situation | null>(async (ids) => oneByKey(ids, await readVisibleSql(ctx, SITUATIONS_BY_ID, [ids]), (s) => s.id));
}

/** Assessments by id, as an alert cites them or the gateway references them. */
function assessmentLoader(ctx: SubgraphContext) {
  return batchLoader<string, RiskAssessment | null>(async (ids) =>
    oneByKey(ids, await findVisible(ctx, RiskAssessment, 'a', (q) => q.andWhere('a.id IN (:...ids)', { ids: [...ids] })), (a) => a.id),
  );
}

/** Incidents by id, as an alert cites them or the gateway references them. */
function incidentLoader(ctx: SubgraphContext) {
  return batchLoader<string, Incident | null>(async (ids) =>
    oneByKey(ids, await findVisible(ctx, Incident, 'i', (q) => q.andWhere('i.id IN (:...ids)', { ids: [...ids] })), (i) => i.id),
  );
}

/** The situations concerning each country: a cross-border situation is listed under each of its countries. */
function situationsByCountryLoader(ctx: SubgraphContext) {
  return batchLoader<string, Situation[]>(async (codes) => {
    const situations = await findVisible(ctx, Situation, 's', (q) =>
      q.andWhere('s.country_codes && CAST(:codes AS char(3)[])', { codes }).orderBy('s.opened_on', 'DESC').addOrderBy('s.id', 'ASC'),
    );
    return codes.map((code) => situations.filter((s) => s.countryCodes.includes(code)));
  });
}

/** A situation's assessments, oldest first. */
function assessmentsBySituationLoader(ctx: SubgraphContext) {
  return batchLoader<string, RiskAssessment[]>(async (ids) =>
    manyByKey(ids, await readVisibleSql(ctx, ASSESSMENTS_BY_SITUATION, [ids]), (a) => a.situationId),
  );
}

/**
 * Each assessment's position among the assessments of its situation by its organisation that the
 * viewer may read: numbered over visible rows only, so a hidden assessment leaves no gap.
 */
function assessmentNumberLoader(ctx: SubgraphContext) {
  return batchLoader<string, number>(async (keys) => {
    const bySituation = keys.map((key) => key.split('/')[0]);
    const rows = await aggregateVisible<{ id: string; situation_id: string; org: string }>(
      ctx,
      queryOf(ctx, RiskAssessment, 'a')
        .select('a.id', 'id')
        .addSelect('a.situation_id', 'situation_id')
        .addSelect('a.assessed_by_org', 'org')
        .andWhere('a.situation_id IN (:...ids)', { ids: [...new Set(bySituation)] })
        .groupBy('a.id')
        .orderBy('a.assessment_number', 'ASC')
        .addOrderBy('a.created_at', 'ASC')
        .addOrderBy('a.id', 'ASC'),
    );
    const position = new Map<string, number>();
    const counted = new Map<string, number>();
    for (const row of rows) {
      const group = `${row.situation_id}/${row.org}`;
      counted.set(group, (counted.get(group) ?? 0) + 1);
      position.set(row.id, counted.get(group)!);
    }
    return keys.map((key) => position.get(key.split('/')[1]) ?? 1);
  });
}

function assessmentsByOrgLoader(ctx: SubgraphContext) {
  return batchLoader<string, RiskAssessment[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, RiskAssessment, 'a', (q) =>
        q.andWhere('a.assessed_by_org IN (:...codes)', { codes }).orderBy('a.assessed_on', 'DESC').addOrderBy('a.id', 'ASC'),
      ),
      (a) => a.assessedByOrg,
    ),
  );
}

function incidentsBySituationLoader(ctx: SubgraphContext) {
  return batchLoader<string, Incident[]>(async (ids) =>
    manyByKey(
      ids,
      await findVisible(ctx, Incident, 'i', (q) =>
        q.andWhere('i.situation_id IN (:...ids)', { ids }).orderBy('i.occurred_on', 'DESC').addOrderBy('i.id', 'ASC'),
      ),
      (i) => i.situationId ?? '',
    ),
  );
}

function sourceLoader(ctx: SubgraphContext) {
  return batchLoader<string, Source | null>(async (ids) =>
    oneByKey(ids, await findVisible(ctx, Source, 's', (q) => q.andWhere('s.id IN (:...ids)', { ids })), (s) => s.id),
  );
}

function riskFactorsByFrameworkLoader(ctx: SubgraphContext) {
  return batchLoader<string, RiskFactor[]>(async (versions) =>
    manyByKey(
      versions,
      await findVisible(ctx, RiskFactor, 'f', (q) => q.andWhere('f.framework_version IN (:...versions)', { versions }).orderBy('f.number', 'ASC')),
      (f) => f.frameworkVersion,
    ),
  );
}

function indicatorsByRiskFactorLoader(ctx: SubgraphContext) {
  return batchLoader<string, Indicator[]>(async (ids) =>
    manyByKey(
      ids,
      await findVisible(ctx, Indicator, 'i', (q) => q.andWhere('i.risk_factor_id IN (:...ids)', { ids }).orderBy('i.position', 'ASC')),
      (i) => i.riskFactorId,
    ),
  );
}

/** A situation's incidents by source type and region (Situation.sourceDiversity). */
export interface SourceShareRow {
  type: SourceType | null;
  region: string | null;
  incidents: number;
  share: number;
}

/** Source shares for many situations in one grouped statement. */
function sourceDiversityLoader(ctx: SubgraphContext) {
  return batchLoader<string, SourceShareRow[]>(async (ids) => {
    const rows = await aggregateVisibleSql(ctx, SOURCE_DIVERSITY, [ids]);
    return manyByKey(ids, rows, (r) => r.situation_id).map((group) =>
      group.map(({ type, region, incidents, share }) => ({ type, region, incidents, share })),
    );
  });
}

/** A situation's visible incidents counted by the base country of their source (null: unknown). */
export interface SourceBaseRow {
  base: string | null;
  incidents: number;
}

function sourceBasesLoader(ctx: SubgraphContext) {
  return batchLoader<string, SourceBaseRow[]>(async (ids) => {
    const rows = await aggregateVisibleSql(ctx, SOURCE_BASES, [ids]);
    return manyByKey(ids, rows, (r) => r.situation_id).map((group) => group.map(({ base, incidents }) => ({ base, incidents })));
  });
}

/**
 * The request's loaders, one typed object built by the context factory for every request (the
 * dataloader README's "new DataLoader per request"): a loader's cache holds rows one viewer may
 * read, so it must never outlive the request or serve another viewer.
 */
export function createLoaders(ctx: SubgraphContext) {
  return {
    situation: situationLoader(ctx),
    situationsByCountry: situationsByCountryLoader(ctx),
    assessment: assessmentLoader(ctx),
    incident: incidentLoader(ctx),
    assessmentsBySituation: assessmentsBySituationLoader(ctx),
    assessmentNumber: assessmentNumberLoader(ctx),
    assessmentsByOrg: assessmentsByOrgLoader(ctx),
    incidentsBySituation: incidentsBySituationLoader(ctx),
    source: sourceLoader(ctx),
    riskFactorsByFramework: riskFactorsByFrameworkLoader(ctx),
    indicatorsByRiskFactor: indicatorsByRiskFactorLoader(ctx),
    sourceDiversity: sourceDiversityLoader(ctx),
    sourceBases: sourceBasesLoader(ctx),
  };
}

/** What the situations subgraph's resolvers receive: the kernel's context with this subgraph's loaders. */
export type SituationsContext = SubgraphContext<ReturnType<typeof createLoaders>>;
