// The situations subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import type { SubgraphContext } from '../kernel/context';
import { manyByKey, oneByKey } from '../kernel/loaders';
import { findVisible } from '../kernel/reading';
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
