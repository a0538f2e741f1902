// When a recipient organisation's acknowledgement of an alert is due: the time it was first
// addressed plus a duration by the alert's level (ALERT_ACK_DEADLINES), and the due rows the issue
// and correct transactions write. What is overdue is decided in SQL (OVERDUE_SQL), never in memory.
import type { EntityManager } from 'typeorm';
import { RISK_LEVELS, RiskLevel } from '../../kernel/schema/vocabulary';
import { Acknowledgement } from '../entities/acknowledgement.entity';
import { AcknowledgementDue } from '../entities/acknowledgement-due.entity';
import { AlertStatus, type Alert } from '../entities/alert.entity';

/** Milliseconds from being addressed to the acknowledgement being due, per level. */
export type AcknowledgementDeadlines = Record<RiskLevel, number>;

const HOUR = 60 * 60 * 1000;

/** The defaults: the higher the risk, the sooner an addressee is expected to say it received the alert. */
export const DEFAULT_ACK_DEADLINES: Readonly<AcknowledgementDeadlines> = {
  [RiskLevel.VERY_HIGH]: 12 * HOUR,
  [RiskLevel.HIGH]: 24 * HOUR,
  [RiskLevel.MODERATE]: 72 * HOUR,
  [RiskLevel.LOW]: 7 * 24 * HOUR,
};

/** Statuses in which an unacknowledged, past-due acknowledgement is overdue: sent, not closed, not replaced. */
export const AWAITING_ACKNOWLEDGEMENT: readonly AlertStatus[] = [
  AlertStatus.ISSUED,
  AlertStatus.ESCALATED_TO_SECRETARY_GENERAL,
  AlertStatus.ESCALATED_TO_SECURITY_COUNCIL,
];

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An ISO 8601 duration (PnW, PnD, PTnH, PTnM, PTnS and their combinations, e.g. P1DT12H) in milliseconds; null if it is not one. */
export function durationMs(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return Math.round(((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
}

/**
 * ALERT_ACK_DEADLINES, e.g. "VERY_HIGH=PT4H,HIGH=PT12H": the levels given replace their defaults,
 * the others keep them. Anything else is refused with what to write instead.
 */
export function parseAckDeadlines(text: string | undefined): AcknowledgementDeadlines {
  const deadlines = { ...DEFAULT_ACK_DEADLINES };
  if (!text?.trim()) return deadlines;
  const seen = new Set<string>();
  for (const entry of text.split(',').map((part) => part.trim())) {
    const [level, duration, ...rest] = entry.split('=').map((part) => part.trim());
    const problem = (why: string) =>
      new Error(
        `ALERT_ACK_DEADLINES: "${entry}" ${why}; write LEVEL=ISO-8601-DURATION pairs separated by commas, e.g. "VERY_HIGH=PT4H,HIGH=P1D" (levels: ${RISK_LEVELS.join(', ')})`,
      );
    if (!level || duration === undefined || rest.length > 0) throw problem('is not LEVEL=DURATION');
    if (!RISK_LEVELS.includes(level as RiskLevel)) throw problem(`names no risk level`);
    if (seen.has(level)) throw problem('sets a level a second time');
    const ms = durationMs(duration);
    if (ms === null) throw problem('has no ISO 8601 duration such as PT4H, P1D or P1DT12H');
    if (ms <= 0) throw problem('gives no time at all');
    seen.add(level);
    deadlines[level as RiskLevel] = ms;
  }
  return deadlines;
}

let configured: AcknowledgementDeadlines | undefined;

/** Reads and checks ALERT_ACK_DEADLINES (the alerts subgraph's start calls it, so bad configuration stops the start). */
export function configureAckDeadlines(env: NodeJS.ProcessEnv = process.env): AcknowledgementDeadlines {
  configured = parseAckDeadlines(env.ALERT_ACK_DEADLINES);
  return configured;
}

/** The deadlines this process applies. */
export function ackDeadlines(): AcknowledgementDeadlines {
  return configured ?? configureAckDeadlines();
}

/**
 * SQL: the due row `d` is overdue now: past due, its organisation has not acknowledged its alert,
 * and the alert `a` (joined by the caller) still awaits acknowledgements.
 */
export function overdueSql(manager: EntityManager, d: string, a: string): string {
  const acknowledgements = manager.connection.getMetadata(Acknowledgement).tablePath;
  return (
    `(${d}.due_at <= now() AND ${a}.status IN (${AWAITING_ACKNOWLEDGEMENT.map((s) => `'${s}'`).join(', ')})` +
    ` AND NOT EXISTS (SELECT 1 FROM ${acknowledgements} ack WHERE ack.alert_id = ${d}.alert_id AND ack.org = ${d}.org))`
  );
}

/**
 * Writes when each recipient organisation of `alert` must acknowledge it, in the transaction that
 * issues it or that corrects `previous` with it. An organisation first addressed now is due from
 * now. An organisation `previous` already addressed that had not acknowledged it keeps the time it
 * was first addressed (its clock does not restart because the text changed) and whether it was
 * reminded, due by the correction's level; one that had acknowledged `previous` is due afresh,
 * since the correction is news to it.
 */
export async function writeAcknowledgementsDue(manager: EntityManager, alert: Alert, previous?: Alert): Promise<void> {
  if (alert.recipientOrgs.length === 0) return;
  const due = manager.connection.getMetadata(AcknowledgementDue).tablePath;
  const acknowledgements = manager.connection.getMetadata(Acknowledgement).tablePath;
  await manager.query(
    `INSERT INTO ${due} (alert_id, org, addressed_at, due_at, reminded_at)
     SELECT $1, o.org, COALESCE(p.addressed_at, now()), COALESCE(p.addressed_at, now()) + make_interval(secs => $3::float8 / 1000), p.reminded_at
       FROM unnest($2::varchar[]) AS o(org)
       LEFT JOIN ${due} p ON p.alert_id = $4::uuid AND p.org = o.org
        AND NOT EXISTS (SELECT 1 FROM ${acknowledgements} ack WHERE ack.alert_id = p.alert_id AND ack.org = p.org)
     ON CONFLICT (alert_id, org) DO NOTHING`,
    [alert.id, [...new Set(alert.recipientOrgs)], ackDeadlines()[alert.level], previous?.id ?? null],
  );
}
