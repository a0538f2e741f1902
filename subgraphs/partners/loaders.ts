// The partners subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import type { SubgraphContext } from '../kernel/service/context';
import { batchLoader, manyByKey, oneByKey } from '../kernel/read/loaders';
import { rowStatement } from '../kernel/read/prebuilt';
import { findVisible, readVisibleSql } from '../kernel/read/reading';
import { Country } from './entities/country.entity';
import { EarlyWarningMechanism } from './entities/early-warning-mechanism.entity';
import { Engagement } from './entities/engagement.entity';
import { FocalPoint } from './entities/focal-point.entity';
import { Membership, MembershipStatus } from './entities/membership.entity';
import { NationalCommittee } from './entities/national-committee.entity';
import { NationalFocalPoint } from './entities/national-focal-point.entity';
import { Partner } from './entities/partner.entity';

// The statements the dashboard and entity references run, written once (kernel/read/prebuilt.ts).
const COUNTRIES_BY_CODE = rowStatement(
  'countries_by_code',
  Country,
  'c',
  (p) => `SELECT ${p.columns(Country, 'c')} FROM ${p.table(Country)} c WHERE c.iso3 = ANY($1::bpchar[]) AND ${p.visible(Country, 'c')}`,
);

const PARTNERS_BY_CODE = rowStatement(
  'partners_by_code',
  Partner,
  'p',
  (p) => `SELECT ${p.columns(Partner, 'p')} FROM ${p.table(Partner)} p WHERE p.code = ANY($1::text[]) AND ${p.visible(Partner, 'p')}`,
);

function countryLoader(ctx: SubgraphContext) {
  return batchLoader<string, Country | null>(async (codes) => oneByKey(codes, await readVisibleSql(ctx, COUNTRIES_BY_CODE, [codes]), (c) => c.iso3));
}

function partnerLoader(ctx: SubgraphContext) {
  return batchLoader<string, Partner | null>(async (codes) => oneByKey(codes, await readVisibleSql(ctx, PARTNERS_BY_CODE, [codes]), (p) => p.code));
}

/** Membership periods in force on a date, for a set of partners or of countries. */
function membershipsOn(ctx: SubgraphContext, column: 'partner_code' | 'country_iso3', keys: string[], on: string): Promise<Membership[]> {
  return findVisible(ctx, Membership, 'm', (q) =>
    q
      .andWhere(`m.${column} IN (:...keys)`, { keys })
      .andWhere('m.status = :status', { status: MembershipStatus.MEMBER })
      // A period with no recorded start counts from before the hub's records, unless its start is known
      // to be no earlier than start_not_before (South Sudan in the ICGLR): then only from that day.
      .andWhere('(m.valid_from <= :on OR (m.valid_from IS NULL AND (m.start_not_before IS NULL OR m.start_not_before <= :on)))', { on })
      .andWhere('(m.valid_to IS NULL OR m.valid_to > :on)', { on })
      .orderBy('m.country_iso3')
      .addOrderBy('m.partner_code'),
  );
}

/** Keys are "<key>|<date>"; a request rarely asks for more than one date, so one query per date. */
function membershipsOnLoader(ctx: SubgraphContext, column: 'partner_code' | 'country_iso3') {
  return batchLoader<string, Membership[]>(async (keys) => {
    const byDate = new Map<string, string[]>();
    for (const key of keys) {
      const [code, on] = key.split('|');
      byDate.set(on, [...(byDate.get(on) ?? []), code]);
    }
    const found = new Map<string, Membership[]>();
    for (const [on, codes] of byDate) {
      const rows = await membershipsOn(ctx, column, codes, on);
      const grouped = manyByKey(codes, rows, (m) => (column === 'partner_code' ? m.partnerCode : m.countryIso3));
      codes.forEach((code, i) => found.set(`${code}|${on}`, grouped[i]));
    }
    return keys.map((key) => found.get(key) ?? []);
  });
}

const membersOnLoader = (ctx: SubgraphContext) => membershipsOnLoader(ctx, 'partner_code');
const organisationsOnLoader = (ctx: SubgraphContext) => membershipsOnLoader(ctx, 'country_iso3');

function membershipHistoryLoader(ctx: SubgraphContext, column: 'partnerCode' | 'countryIso3') {
  const sqlColumn = column === 'partnerCode' ? 'partner_code' : 'country_iso3';
  return batchLoader<string, Membership[]>(async (codes) => {
    const rows = await findVisible(ctx, Membership, 'm', (q) =>
      q
        .andWhere(`m.${sqlColumn} IN (:...codes)`, { codes })
        .orderBy('m.country_iso3', 'ASC')
        .addOrderBy('m.partner_code', 'ASC')
        .addOrderBy('m.valid_from', 'ASC', 'NULLS FIRST'),
    );
    return manyByKey(codes, rows, (m) => m[column]);
  });
}

function focalPointsLoader(ctx: SubgraphContext) {
  return batchLoader<string, FocalPoint[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, FocalPoint, 'f', (q) =>
        q.andWhere('f.partner_code IN (:...codes)', { codes }).orderBy('f.name', 'ASC').addOrderBy('f.id', 'ASC'),
      ),
      (f) => f.partnerCode,
    ),
  );
}

function engagementsLoader(ctx: SubgraphContext) {
  return batchLoader<string, Engagement[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, Engagement, 'e', (q) =>
        q.andWhere('e.partner_code IN (:...codes)', { codes }).orderBy('e.start_date', 'ASC').addOrderBy('e.id', 'ASC'),
      ),
      (e) => e.partnerCode,
    ),
  );
}

function mechanismsLoader(ctx: SubgraphContext) {
  return batchLoader<string, EarlyWarningMechanism[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, EarlyWarningMechanism, 'w', (q) => q.andWhere('w.partner_code IN (:...codes)', { codes }).orderBy('w.name', 'ASC')),
      (m) => m.partnerCode,
    ),
  );
}

function nationalCommitteesLoader(ctx: SubgraphContext, column: 'partnerCode' | 'countryIso3') {
  const sqlColumn = column === 'partnerCode' ? 'partner_code' : 'country_iso3';
  return batchLoader<string, NationalCommittee[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, NationalCommittee, 'n', (q) =>
        q.andWhere(`n.${sqlColumn} IN (:...codes)`, { codes }).orderBy('n.country_iso3', 'ASC').addOrderBy('n.partner_code', 'ASC'),
      ),
      (n) => n[column],
    ),
  );
}

function nationalFocalPointsLoader(ctx: SubgraphContext, column: 'networkCode' | 'countryIso3') {
  const sqlColumn = column === 'networkCode' ? 'network_code' : 'country_iso3';
  return batchLoader<string, NationalFocalPoint[]>(async (codes) =>
    manyByKey(
      codes,
      await findVisible(ctx, NationalFocalPoint, 'f', (q) =>
        q.andWhere(`f.${sqlColumn} IN (:...codes)`, { codes }).orderBy('f.country_iso3', 'ASC').addOrderBy('f.id', 'ASC'),
      ),
      (f) => f[column] ?? '',
    ),
  );
}

/**
 * The request's loaders, one typed object built by the context factory for every request (the
 * dataloader README's "new DataLoader per request"): a loader's cache holds rows one viewer may
 * read, so it must never outlive the request or serve another viewer.
 */
export function createLoaders(ctx: SubgraphContext) {
  return {
    country: countryLoader(ctx),
    partner: partnerLoader(ctx),
    membersOn: membersOnLoader(ctx),
    organisationsOn: organisationsOnLoader(ctx),
    membershipHistoryByPartner: membershipHistoryLoader(ctx, 'partnerCode'),
    membershipHistoryByCountry: membershipHistoryLoader(ctx, 'countryIso3'),
    focalPoints: focalPointsLoader(ctx),
    engagements: engagementsLoader(ctx),
    mechanisms: mechanismsLoader(ctx),
    nationalCommitteesByPartner: nationalCommitteesLoader(ctx, 'partnerCode'),
    nationalCommitteesByCountry: nationalCommitteesLoader(ctx, 'countryIso3'),
    nationalFocalPointsByNetwork: nationalFocalPointsLoader(ctx, 'networkCode'),
    nationalFocalPointsByCountry: nationalFocalPointsLoader(ctx, 'countryIso3'),
  };
}

/** What the partners subgraph's resolvers receive: the kernel's context with this subgraph's loaders. */
export type PartnersContext = SubgraphContext<ReturnType<typeof createLoaders>>;
