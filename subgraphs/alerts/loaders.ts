// The alerts subgraph's batched lookups: one SQL statement per batch, whatever the number of keys.
import type { SelectQueryBuilder } from 'typeorm';
import type { SubgraphContext } from '../kernel/service/context';
import { batchLoader, manyByKey, oneByKey } from '../kernel/read/loaders';
import { rowStatement } from '../kernel/read/prebuilt';
import { findVisible, queryOf, readVisible, readVisibleSql } from '../kernel/read/reading';
import { UUID } from '../kernel/write/validation';
import { Acknowledgement } from './entities/acknowledgement.entity';
import { AcknowledgementDue } from './entities/acknowledgement-due.entity';
import { overdueSql } from './rules/acknowledgement.deadlines';
import { Alert } from './entities/alert.entity';
import { AlertStatusChange } from './entities/alert-status-change.entity';

// Keys reach the loaders from entity references other services send; PostgreSQL rejects a
// malformed uuid and would fail the whole batch with it, so such keys match nothing instead.
function wellFormed(ids: readonly string[]): string[] {
  return ids.filter((id) => UUID.test(id));
}

// The statements the dashboard and entity references run, written once (kernel/read/prebuilt.ts).
const ALERTS_BY_ID = rowStatement(
  'alerts_by_id',
  Alert,
  'a',
  (p) => `SELECT ${p.columns(Alert, 'a')} FROM ${p.table(Alert)} a WHERE a.id = ANY($1::uuid[]) AND ${p.visible(Alert, 'a')}`,
);

const ALERTS_BY_SITUATION = rowStatement(
  'alerts_by_situation',
  Alert,
  'a',
  (p) =>
    `SELECT ${p.columns(Alert, 'a')} FROM ${p.table(Alert)} a WHERE a.situation_id = ANY($1::uuid[]) AND ${p.visible(Alert, 'a')}` +
    ' ORDER BY COALESCE(a.issued_at, a.created_at) DESC, a.id ASC',
);

const ACKNOWLEDGEMENTS_BY_ALERT = rowStatement(
  'acknowledgements_by_alert',
  Acknowledgement,
  'k',
  (p) =>
    `SELECT ${p.columns(Acknowledgement, 'k')} FROM ${p.table(Acknowledgement)} k WHERE k.alert_id = ANY($1::uuid[]) AND ${p.visible(Acknowledgement, 'k')}` +
    ' ORDER BY k.acknowledged_at ASC, k.org ASC',
);

/** Alerts newest first: an issued alert by its issue date, a draft by when it was written. */
export function alertsNewestFirst(ctx: SubgraphContext): SelectQueryBuilder<Alert> {
  return queryOf(ctx, Alert, 'a').orderBy('COALESCE(a.issued_at, a.created_at)', 'DESC').addOrderBy('a.id', 'ASC');
}

async function alertsWhere(ctx: SubgraphContext, column: 'country_iso3' | 'owner_org', keys: string[]): Promise<Alert[]> {
  if (keys.length === 0) return [];
  return readVisible(ctx, alertsNewestFirst(ctx).andWhere(`a.${column} IN (:...keys)`, { keys }));
}

function alertLoader(ctx: SubgraphContext) {
  return batchLoader<string, Alert | null>(async (ids) => {
    const valid = wellFormed(ids);
    return oneByKey(ids, valid.length ? await readVisibleSql(ctx, ALERTS_BY_ID, [valid]) : [], (a) => a.id);
  });
}

/** The alert that corrects each given alert, if any. */
function supersedingAlertLoader(ctx: SubgraphContext) {
  return batchLoader<string, Alert | null>(async (ids) => {
    const valid = wellFormed(ids);
    return oneByKey(
      ids,
      valid.length ? await findVisible(ctx, Alert, 'a', (q) => q.andWhere('a.supersedes_id IN (:...valid)', { valid })) : [],
      (a) => a.supersedesId ?? '',
    );
  });
}

function alertsBySituationLoader(ctx: SubgraphContext) {
  return batchLoader<string, Alert[]>(async (ids) => {
    const valid = wellFormed(ids);
    return manyByKey(ids, valid.length ? await readVisibleSql(ctx, ALERTS_BY_SITUATION, [valid]) : [], (a) => a.situationId ?? '');
  });
}

function alertsByCountryLoader(ctx: SubgraphContext) {
  return batchLoader<string, Alert[]>(async (codes) => manyByKey(codes, await alertsWhere(ctx, 'country_iso3', [...codes]), (a) => a.countryIso3));
}

function alertsByIssuerLoader(ctx: SubgraphContext) {
  return batchLoader<string, Alert[]>(async (codes) => manyByKey(codes, await alertsWhere(ctx, 'owner_org', [...codes]), (a) => a.ownerOrg));
}

function acknowledgementsByAlertLoader(ctx: SubgraphContext) {
  return batchLoader<string, Acknowledgement[]>(async (ids) => {
    const valid = wellFormed(ids);
    const rows = valid.length ? await readVisibleSql(ctx, ACKNOWLEDGEMENTS_BY_ALERT, [valid]) : [];
    return manyByKey(ids, rows, (a) => a.alertId);
  });
}

/**
 * When each alert's recipient organisations must acknowledge it, soonest first, with whether they
 * have and whether they are late. Asked only for alerts the request has already read under the
 * policy (Alert.acknowledgementsDue), so the rows go to whoever may read their alert.
 */
function acknowledgementsDueByAlertLoader(ctx: SubgraphContext) {
  return batchLoader<string, AcknowledgementDue[]>(async (ids) => {
    const valid = wellFormed(ids);
    if (valid.length === 0) return ids.map(() => []);
    const table = (entity: typeof Alert | typeof Acknowledgement | typeof AcknowledgementDue) => ctx.db.getMetadata(entity).tablePath;
    const rows: { alert_id: string; org: string; due_at: Date; acknowledged_at: Date | null; overdue: boolean }[] = await ctx.db.query(
      `SELECT d.alert_id, d.org, d.due_at, k.acknowledged_at, ${overdueSql(ctx.db.manager, 'd', 'a')} AS overdue
         FROM ${table(AcknowledgementDue)} d JOIN ${table(Alert)} a ON a.id = d.alert_id
         LEFT JOIN ${table(Acknowledgement)} k ON k.alert_id = d.alert_id AND k.org = d.org
        WHERE d.alert_id = ANY($1::uuid[]) ORDER BY d.due_at ASC, d.org ASC`,
      [valid],
    );
    const due = rows.map((row) =>
      Object.assign(new AcknowledgementDue(), {
        alertId: row.alert_id,
        org: row.org,
        dueAt: new Date(row.due_at),
        acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at),
        overdue: row.overdue,
      }),
    );
    return manyByKey(ids, due, (d) => d.alertId);
  });
}

/** Each alert's status changes, oldest first. */
function statusHistoryLoader(ctx: SubgraphContext) {
  return batchLoader<string, AlertStatusChange[]>(async (ids) => {
    const valid = wellFormed(ids);
    const rows = valid.length
      ? await findVisible(ctx, AlertStatusChange, 'c', (q) =>
          q.andWhere('c.alert_id IN (:...valid)', { valid }).orderBy('c.changed_at', 'ASC').addOrderBy('c.id', 'ASC'),
        )
      : [];
    return manyByKey(ids, rows, (c) => c.alertId);
  });
}

/**
 * The request's loaders, one typed object built by the context factory for every request (the
 * dataloader README's "new DataLoader per request"): a loader's cache holds rows one viewer may
 * read, so it must never outlive the request or serve another viewer.
 */
export function createLoaders(ctx: SubgraphContext) {
  return {
    alert: alertLoader(ctx),
    supersedingAlert: supersedingAlertLoader(ctx),
    alertsBySituation: alertsBySituationLoader(ctx),
    alertsByCountry: alertsByCountryLoader(ctx),
    alertsByIssuer: alertsByIssuerLoader(ctx),
    acknowledgementsByAlert: acknowledgementsByAlertLoader(ctx),
    acknowledgementsDueByAlert: acknowledgementsDueByAlertLoader(ctx),
    statusHistory: statusHistoryLoader(ctx),
  };
}

/** What the alerts subgraph's resolvers receive: the kernel's context with this subgraph's loaders. */
export type AlertsContext = SubgraphContext<ReturnType<typeof createLoaders>>;
