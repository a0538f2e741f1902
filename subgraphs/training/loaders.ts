// The training subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import { visibleTo } from '../kernel/read/policed-query';
import type { SubgraphContext } from '../kernel/service/context';
import { batchLoader, manyByKey, oneByKey } from '../kernel/read/loaders';
import { findVisible } from '../kernel/read/reading';
import { TrainingModule } from './entities/training-module.entity';
import { SessionModule } from './entities/session-module.entity';
import { TrainingSession } from './entities/training-session.entity';
import { creditedOrganisers } from './rules/organiser-credit.rules';

function trainingSessionLoader(ctx: SubgraphContext) {
  return batchLoader<string, TrainingSession | null>(async (ids) =>
    oneByKey(ids, await findVisible(ctx, TrainingSession, 's', (q) => q.andWhere('s.id IN (:...ids)', { ids })), (s) => s.id),
  );
}

/** A session's modules, by code; the join and the modules come back in one statement. */
function modulesBySessionLoader(ctx: SubgraphContext) {
  return batchLoader<string, TrainingModule[]>(async (sessionIds) => {
    // The joined module is a record of its own: the policy applies to it as to the link.
    const links = await findVisible(ctx, SessionModule, 'l', (q) =>
      q
        .innerJoinAndSelect('l.module', 'm')
        .andWhere('l.session_id IN (:...sessionIds)', { sessionIds })
        .andWhere(visibleTo(ctx, TrainingModule, 'm'))
        .orderBy('m.code', 'ASC'),
    );
    return manyByKey(sessionIds, links, (link) => link.sessionId).map((group) => group.map((link) => link.module));
  });
}

/** Sessions held in each country, most recent first. */
function sessionsByCountryLoader(ctx: SubgraphContext) {
  return batchLoader<string, TrainingSession[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, TrainingSession, 's', (q) =>
        q.andWhere('s.country_iso3 IN (:...codes)', { codes }).orderBy('s.start_date', 'DESC').addOrderBy('s.id', 'ASC'),
      ),
      (s) => s.countryIso3 ?? '',
    ),
  );
}

/**
 * Sessions each partner organised, most recent first. A session has several organisers, so one
 * overlap query (&&) fetches every session any asked-for partner organised, and each row is
 * then filed under every organiser credited with it (organiser-credit.ts).
 */
function sessionsByOrganiserLoader(ctx: SubgraphContext) {
  return batchLoader<string, TrainingSession[]>(async (codes) => {
    const sessions = await findVisible(ctx, TrainingSession, 's', (q) =>
      q
        .andWhere('s.organiser_orgs && CAST(:codes AS varchar[])', { codes: [...codes] })
        .orderBy('s.start_date', 'DESC')
        .addOrderBy('s.id', 'ASC'),
    );
    const byOrganiser = sessions.flatMap((session) => creditedOrganisers(session).map((code) => ({ code, session })));
    return manyByKey(codes, byOrganiser, (entry) => entry.code).map((group) => group.map((entry) => entry.session));
  });
}

/**
 * The request's loaders, one typed object built by the context factory for every request (the
 * dataloader README's "new DataLoader per request"): a loader's cache holds rows one viewer may
 * read, so it must never outlive the request or serve another viewer.
 */
export function createLoaders(ctx: SubgraphContext) {
  return {
    trainingSession: trainingSessionLoader(ctx),
    modulesBySession: modulesBySessionLoader(ctx),
    sessionsByCountry: sessionsByCountryLoader(ctx),
    sessionsByOrganiser: sessionsByOrganiserLoader(ctx),
  };
}

/** What the training subgraph's resolvers receive: the kernel's context with this subgraph's loaders. */
export type TrainingContext = SubgraphContext<ReturnType<typeof createLoaders>>;
