// The alerts subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import type { SelectQueryBuilder } from 'typeorm';
import type { SubgraphContext } from '../kernel/service/context';
import { manyByKey, oneByKey } from '../kernel/read/loaders';
import { findVisible, queryOf, readVisible } from '../kernel/read/reading';
import { Acknowledgement } from './entities/acknowledgement.entity';
import { Alert } from './entities/alert.entity';
import { AlertStatusChange } from './entities/alert-status-change.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Keys reach the loaders from entity references other services send; PostgreSQL rejects a
// malformed uuid and would fail the whole batch with it, so such keys match nothing instead.
function wellFormed(ids: readonly string[]): string[] {
  return ids.filter((id) => UUID.test(id));
}

/** Alerts newest first: an issued alert by its issue date, a draft by when it was written. */
export function alertsNewestFirst(ctx: SubgraphContext): SelectQueryBuilder<Alert> {
  return queryOf(ctx, Alert, 'a').orderBy('COALESCE(a.issued_at, a.created_at)', 'DESC').addOrderBy('a.id', 'ASC');
}

async function alertsWhere(ctx: SubgraphContext, column: 'situation_id' | 'country_iso3' | 'owner_org', keys: string[]): Promise<Alert[]> {
  if (keys.length === 0) return [];
  return readVisible(ctx, alertsNewestFirst(ctx).andWhere(`a.${column} IN (:...keys)`, { keys }));
}

export function alertLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Alert | null>('alert', async (ids) => {
    const valid = wellFormed(ids);
    return oneByKey(ids, valid.length ? await findVisible(ctx, Alert, 'a', (q) => q.andWhere('a.id IN (:...valid)', { valid })) : [], (a) => a.id);
  });
}

/** The alert that corrects each given alert, if any. */
export function supersedingAlertLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Alert | null>('alert-superseding', async (ids) => {
    const valid = wellFormed(ids);
    return oneByKey(ids, valid.length ? await findVisible(ctx, Alert, 'a', (q) => q.andWhere('a.supersedes_id IN (:...valid)', { valid })) : [], (a) => a.supersedesId ?? '');
  });
}

export function alertsBySituationLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Alert[]>('alerts-by-situation', async (ids) =>
    manyByKey(ids, await alertsWhere(ctx, 'situation_id', wellFormed(ids)), (a) => a.situationId ?? ''),
  );
}

export function alertsByCountryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Alert[]>('alerts-by-country', async (codes) =>
    manyByKey(codes, await alertsWhere(ctx, 'country_iso3', [...codes]), (a) => a.countryIso3),
  );
}

export function alertsByIssuerLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Alert[]>('alerts-by-issuer', async (codes) =>
    manyByKey(codes, await alertsWhere(ctx, 'owner_org', [...codes]), (a) => a.ownerOrg),
  );
}

export function acknowledgementsByAlertLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Acknowledgement[]>('acknowledgements-by-alert', async (ids) => {
    const valid = wellFormed(ids);
    const rows = valid.length
      ? await findVisible(ctx, Acknowledgement, 'k', (q) => q.andWhere('k.alert_id IN (:...valid)', { valid }).orderBy('k.acknowledged_at', 'ASC').addOrderBy('k.org', 'ASC'))
      : [];
    return manyByKey(ids, rows, (a) => a.alertId);
  });
}

/** Each alert's status changes, oldest first. */
export function statusHistoryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, AlertStatusChange[]>('alert-status-history', async (ids) => {
    const valid = wellFormed(ids);
    const rows = valid.length
      ? await findVisible(ctx, AlertStatusChange, 'c', (q) => q.andWhere('c.alert_id IN (:...valid)', { valid }).orderBy('c.changed_at', 'ASC').addOrderBy('c.id', 'ASC'))
      : [];
    return manyByKey(ids, rows, (c) => c.alertId);
  });
}
