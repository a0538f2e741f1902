// The partners subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import { In, type DataSource } from 'typeorm';
import type { SubgraphContext } from '../kernel/context';
import { manyByKey, oneByKey } from '../kernel/loaders';
import { Country } from './entities/country.entity';
import { EarlyWarningMechanism } from './entities/early-warning-mechanism.entity';
import { Engagement } from './entities/engagement.entity';
import { FocalPoint } from './entities/focal-point.entity';
import { Membership, MembershipStatus } from './entities/membership.entity';
import { Partner } from './entities/partner.entity';

export function countryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Country | null>('country', async (codes) =>
    oneByKey(codes, await ctx.db.getRepository(Country).findBy({ iso3: In([...codes]) }), (c) => c.iso3),
  );
}

export function partnerLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Partner | null>('partner', async (codes) =>
    oneByKey(codes, await ctx.db.getRepository(Partner).findBy({ code: In([...codes]) }), (p) => p.code),
  );
}

/** Membership periods in force on a date, for a set of partners or of countries. */
async function membershipsOn(db: DataSource, column: 'partner_code' | 'country_iso3', keys: string[], on: string): Promise<Membership[]> {
  return db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .where(`m.${column} IN (:...keys)`, { keys })
    .andWhere('m.status = :status', { status: MembershipStatus.MEMBER })
    .andWhere('(m.valid_from IS NULL OR m.valid_from <= :on)', { on })
    .andWhere('(m.valid_to IS NULL OR m.valid_to > :on)', { on })
    .orderBy('m.country_iso3')
    .addOrderBy('m.partner_code')
    .getMany();
}

/** Keys are "<key>|<date>"; a request rarely asks for more than one date, so one query per date. */
function membershipsOnLoader(ctx: SubgraphContext, column: 'partner_code' | 'country_iso3') {
  return ctx.loaders.get<string, Membership[]>(`memberships-on:${column}`, async (keys) => {
    const byDate = new Map<string, string[]>();
    for (const key of keys) {
      const [code, on] = key.split('|');
      byDate.set(on, [...(byDate.get(on) ?? []), code]);
    }
    const found = new Map<string, Membership[]>();
    for (const [on, codes] of byDate) {
      const rows = await membershipsOn(ctx.db, column, codes, on);
      const grouped = manyByKey(codes, rows, (m) => (column === 'partner_code' ? m.partnerCode : m.countryIso3));
      codes.forEach((code, i) => found.set(`${code}|${on}`, grouped[i]));
    }
    return keys.map((key) => found.get(key) ?? []);
  });
}

export const membersOnLoader = (ctx: SubgraphContext) => membershipsOnLoader(ctx, 'partner_code');
export const organisationsOnLoader = (ctx: SubgraphContext) => membershipsOnLoader(ctx, 'country_iso3');

export function membershipHistoryLoader(ctx: SubgraphContext, column: 'partnerCode' | 'countryIso3') {
  return ctx.loaders.get<string, Membership[]>(`memberships:${column}`, async (codes) => {
    const rows = await ctx.db.getRepository(Membership).find({
      where: { [column]: In([...codes]) },
      order: { countryIso3: 'ASC', partnerCode: 'ASC', validFrom: { direction: 'ASC', nulls: 'FIRST' } },
    });
    return manyByKey(codes, rows, (m) => m[column]);
  });
}

export function focalPointsLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, FocalPoint[]>('focal-points', async (codes) =>
    manyByKey(codes, await ctx.db.getRepository(FocalPoint).find({ where: { partnerCode: In([...codes]) }, order: { name: 'ASC' } }), (f) => f.partnerCode),
  );
}

export function engagementsLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Engagement[]>('engagements', async (codes) =>
    manyByKey(
      codes,
      await ctx.db.getRepository(Engagement).find({ where: { partnerCode: In([...codes]) }, order: { startDate: 'ASC', id: 'ASC' } }),
      (e) => e.partnerCode,
    ),
  );
}

export function mechanismsLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, EarlyWarningMechanism[]>('mechanisms', async (codes) =>
    manyByKey(
      codes,
      await ctx.db.getRepository(EarlyWarningMechanism).find({ where: { partnerCode: In([...codes]) }, order: { name: 'ASC' } }),
      (m) => m.partnerCode,
    ),
  );
}

