// This subgraph's batched lookups, built afresh for every request (the kernel calls createLoaders
// from the request's context): one SQL statement per batch of keys, through the kernel's policed
// reader, so every row is one the viewer may read and every AMBER, AMBER_STRICT or RED row read is
// noted in the audit trail.
import { batchLoader, findVisible, isUuid, manyByKey, type SubgraphContext } from '@hub/kernel';
import { FieldReport } from './entities/field-report.entity';

/** Reports on each country, most recent first. */
function reportsByCountryLoader(ctx: SubgraphContext) {
  return batchLoader<string, FieldReport[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, FieldReport, 'r', (q) =>
        q.andWhere('r.country_iso3 IN (:...codes)', { codes }).orderBy('r.reported_on', 'DESC').addOrderBy('r.id', 'ASC'),
      ),
      (report) => report.countryIso3,
    ),
  );
}

/** Reports on each situation, most recent first. */
function reportsBySituationLoader(ctx: SubgraphContext) {
  return batchLoader<string, FieldReport[]>(async (keys) => {
    // Situation ids are UUIDs; anything else matches no report (and must not reach a uuid column).
    const ids = keys.filter(isUuid);
    const reports = ids.length
      ? await findVisible(ctx, FieldReport, 'r', (q) =>
          q.andWhere('r.situation_id IN (:...ids)', { ids }).orderBy('r.reported_on', 'DESC').addOrderBy('r.id', 'ASC'),
        )
      : [];
    return manyByKey(keys, reports, (report) => report.situationId ?? '');
  });
}

export function createLoaders(ctx: SubgraphContext) {
  return {
    reportsByCountry: reportsByCountryLoader(ctx),
    reportsBySituation: reportsBySituationLoader(ctx),
  };
}

/** What this subgraph's resolvers receive: the kernel's context with these loaders. */
export type CewarnContext = SubgraphContext<ReturnType<typeof createLoaders>>;
