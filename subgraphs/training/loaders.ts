// The training subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import { In } from 'typeorm';
import type { SubgraphContext } from '../kernel/context';
import { manyByKey, oneByKey } from '../kernel/loaders';
import { Module } from './entities/module.entity';
import { SessionModule } from './entities/session-module.entity';
import { TrainingSession } from './entities/training-session.entity';

export function trainingSessionLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, TrainingSession | null>('training-session', async (ids) =>
    oneByKey(ids, await ctx.db.getRepository(TrainingSession).findBy({ id: In([...ids]) }), (s) => s.id),
  );
}

/** A session's modules, by code; the join and the modules come back in one statement. */
export function modulesBySessionLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Module[]>('modules-by-session', async (sessionIds) => {
    const links = await ctx.db.getRepository(SessionModule).find({
      where: { sessionId: In([...sessionIds]) },
      relations: { module: true },
      order: { module: { code: 'ASC' } },
    });
    return manyByKey(sessionIds, links, (link) => link.sessionId).map((group) => group.map((link) => link.module));
  });
}

/** Sessions held in each country, most recent first. */
export function sessionsByCountryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, TrainingSession[]>('training-sessions-by-country', async (codes) =>
    manyByKey(
      codes,
      await ctx.db.getRepository(TrainingSession).find({ where: { countryIso3: In([...codes]) }, order: { startDate: 'DESC', id: 'ASC' } }),
      (s) => s.countryIso3 ?? '',
    ),
  );
}

/**
 * Sessions each partner organised, most recent first. A session has several organisers, so one
 * overlap query (&&) fetches every session any asked-for partner organised, and each row is
 * then filed under every organiser it names.
 */
export function sessionsByOrganiserLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, TrainingSession[]>('training-sessions-by-organiser', async (codes) => {
    const sessions = await ctx.db
      .getRepository(TrainingSession)
      .createQueryBuilder('s')
      .where('s.organiser_orgs && CAST(:codes AS varchar[])', { codes: [...codes] })
      .orderBy('s.start_date', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    const byOrganiser = sessions.flatMap((session) => session.organiserOrgs.map((code) => ({ code, session })));
    return manyByKey(codes, byOrganiser, (entry) => entry.code).map((group) => group.map((entry) => entry.session));
  });
}
