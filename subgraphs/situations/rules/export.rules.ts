// Which incidents a viewer may export, written once for both ways out: the exportIncidents query and
// the streamed download (GET /export/incidents). Owned by the viewer's organisation, readable by
// the viewer under the access policy, matching the filter; every sensitive record read is audited.
import { unauthenticated } from '../../../platform/errors';
import { isAuthenticated } from '../../../platform/identity';
import { restrictToVisible } from '../../kernel/read/policed-query';
import { Incident } from '../entities/incident.entity';
import type { ExportOptions } from '../import/incident-exporter';
import type { SituationsContext } from '../loaders';
import { applyIncidentFilter, type IncidentFilter } from '../resolvers/incident.filter';

/** What an export on a viewer's behalf hands the exporter: the incidents, the sources and the audit of both. */
export type ExportScope = Required<Pick<ExportOptions, 'scope' | 'sourceScope' | 'onPage' | 'onSources'>>;

/**
 * The export scope of `ctx.viewer` under `filter`. Throws UNAUTHENTICATED for an anonymous viewer and
 * BAD_USER_INPUT for a filter the incidents query would refuse, before anything is read. Reads are
 * noted in `ctx.audit`; with `flushEachPage` they are also written before each page is handed on (a
 * stream sends pages as it goes, so it cannot wait for the end of the request as a query does).
 */
export function exportScopeFor(ctx: SituationsContext, filter: IncidentFilter | undefined, options: { flushEachPage?: boolean } = {}): ExportScope {
  const { viewer } = ctx;
  if (!isAuthenticated(viewer) || !viewer.org) throw unauthenticated("Sign in to export your organisation's incidents");
  const org = viewer.org;
  // A RED incident names its readers, so the owner's other members do not all see it: the
  // policy applies to the owner's own members too. The filter's query is the incidents query's
  // own, taken as a subquery.
  const matching = ctx.db.getRepository(Incident).createQueryBuilder('i').select('i.id');
  const possible = applyIncidentFilter(ctx, matching, filter);
  const flush = options.flushEachPage ? () => ctx.audit.flush(ctx.db.manager) : () => undefined;
  return {
    scope: (query, alias) => {
      restrictToVisible(query, viewer, alias).andWhere(`${alias}.ownerOrg = :exportOrg`, { exportOrg: org });
      if (!possible) return query.andWhere('FALSE');
      if (filter) query.andWhere(`${alias}.id IN (${matching.getQuery()})`).setParameters({ ...query.getParameters(), ...matching.getParameters() });
      return query;
    },
    sourceScope: (query, alias) => restrictToVisible(query, viewer, alias),
    onPage: async (incidents) => {
      ctx.audit.reads('Incident', incidents, (incident) => incident.id);
      await flush();
    },
    onSources: async (sources) => {
      ctx.audit.reads('Source', sources, (source) => source.id);
      await flush();
    },
  };
}
