// The situations subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import { In } from 'typeorm';
import type { SubgraphContext } from '../kernel/context';
import { manyByKey, oneByKey } from '../kernel/loaders';
import { Indicator, RiskFactor } from './entities/framework.entity';
import { Incident } from './entities/incident.entity';
import { RiskAssessment } from './entities/risk-assessment.entity';
import { Situation } from './entities/situation.entity';
import { Source } from './entities/source.entity';

export function situationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Situation | null>('situation', async (ids) =>
    oneByKey(ids, await ctx.db.getRepository(Situation).findBy({ id: In([...ids]) }), (s) => s.id),
  );
}

export function situationsByCountryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Situation[]>('situations-by-country', async (codes) =>
    manyByKey(
      codes,
      await ctx.db.getRepository(Situation).find({ where: { countryIso3: In([...codes]) }, order: { openedOn: 'DESC', id: 'ASC' } }),
      (s) => s.countryIso3,
    ),
  );
}

/** A situation's assessments, oldest first. */
export function assessmentsBySituationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment[]>('assessments-by-situation', async (ids) =>
    manyByKey(
      ids,
      await ctx.db.getRepository(RiskAssessment).find({ where: { situationId: In([...ids]) }, order: { assessedOn: 'ASC', createdAt: 'ASC', id: 'ASC' } }),
      (a) => a.situationId,
    ),
  );
}

export function assessmentsByOrgLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment[]>('assessments-by-org', async (codes) =>
    manyByKey(
      codes,
      await ctx.db.getRepository(RiskAssessment).find({ where: { assessedByOrg: In([...codes]) }, order: { assessedOn: 'DESC', id: 'ASC' } }),
      (a) => a.assessedByOrg,
    ),
  );
}

export function incidentsBySituationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Incident[]>('incidents-by-situation', async (ids) =>
    manyByKey(
      ids,
      await ctx.db.getRepository(Incident).find({ where: { situationId: In([...ids]) }, order: { occurredOn: 'DESC', id: 'ASC' } }),
      (i) => i.situationId ?? '',
    ),
  );
}

export function sourceLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Source | null>('source', async (ids) =>
    oneByKey(ids, await ctx.db.getRepository(Source).findBy({ id: In([...ids]) }), (s) => s.id),
  );
}

export function riskFactorsByFrameworkLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskFactor[]>('risk-factors', async (versions) =>
    manyByKey(
      versions,
      await ctx.db.getRepository(RiskFactor).find({ where: { frameworkVersion: In([...versions]) }, order: { number: 'ASC' } }),
      (f) => f.frameworkVersion,
    ),
  );
}

export function indicatorsByRiskFactorLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Indicator[]>('indicators', async (ids) =>
    manyByKey(
      ids,
      await ctx.db.getRepository(Indicator).find({ where: { riskFactorId: In([...ids]) }, order: { position: 'ASC' } }),
      (i) => i.riskFactorId,
    ),
  );
}
