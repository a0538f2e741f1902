// The situations subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import type { SubgraphContext } from '../kernel/service/context';
import { manyByKey, oneByKey } from '../kernel/read/loaders';
import { aggregateVisible, findVisible, queryOf } from '../kernel/read/reading';
import { Indicator, RiskFactor } from './entities/framework.entity';
import { Incident } from './entities/incident.entity';
import { RiskAssessment } from './entities/risk-assessment.entity';
import { Situation } from './entities/situation.entity';
import { Source } from './entities/source.entity';

export function situationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Situation | null>('situation', async (ids) =>
    oneByKey(ids, await findVisible(ctx, Situation, 's', (q) => q.andWhere('s.id IN (:...ids)', { ids })), (s) => s.id),
  );
}

export function situationsByCountryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Situation[]>('situations-by-country', async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, Situation, 's', (q) => q.andWhere('s.country_iso3 IN (:...codes)', { codes }).orderBy('s.opened_on', 'DESC').addOrderBy('s.id', 'ASC')),
      (s) => s.countryIso3,
    ),
  );
}

/** A situation's assessments, oldest first. */
export function assessmentsBySituationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment[]>('assessments-by-situation', async (ids) =>
    manyByKey(
      ids,
      await findVisible(ctx, RiskAssessment, 'a', (q) =>
        q.andWhere('a.situation_id IN (:...ids)', { ids }).orderBy('a.assessed_on', 'ASC').addOrderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC'),
      ),
      (a) => a.situationId,
    ),
  );
}

/**
 * Each assessment's position among the assessments of its situation by its organisation that the
 * viewer may read: numbered over visible rows only, so a hidden assessment leaves no gap.
 */
export function assessmentNumberLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, number>('assessment-number', async (keys) => {
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

export function assessmentsByOrgLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment[]>('assessments-by-org', async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, RiskAssessment, 'a', (q) => q.andWhere('a.assessed_by_org IN (:...codes)', { codes }).orderBy('a.assessed_on', 'DESC').addOrderBy('a.id', 'ASC')),
      (a) => a.assessedByOrg,
    ),
  );
}

export function incidentsBySituationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Incident[]>('incidents-by-situation', async (ids) =>
    manyByKey(
      ids,
      await findVisible(ctx, Incident, 'i', (q) => q.andWhere('i.situation_id IN (:...ids)', { ids }).orderBy('i.occurred_on', 'DESC').addOrderBy('i.id', 'ASC')),
      (i) => i.situationId ?? '',
    ),
  );
}

export function sourceLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Source | null>('source', async (ids) =>
    oneByKey(ids, await findVisible(ctx, Source, 's', (q) => q.andWhere('s.id IN (:...ids)', { ids })), (s) => s.id),
  );
}

export function riskFactorsByFrameworkLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskFactor[]>('risk-factors', async (versions) =>
    manyByKey(
      versions,
      await findVisible(ctx, RiskFactor, 'f', (q) => q.andWhere('f.framework_version IN (:...versions)', { versions }).orderBy('f.number', 'ASC')),
      (f) => f.frameworkVersion,
    ),
  );
}

export function indicatorsByRiskFactorLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Indicator[]>('indicators', async (ids) =>
    manyByKey(
      ids,
      await findVisible(ctx, Indicator, 'i', (q) => q.andWhere('i.risk_factor_id IN (:...ids)', { ids }).orderBy('i.position', 'ASC')),
      (i) => i.riskFactorId,
    ),
  );
}
