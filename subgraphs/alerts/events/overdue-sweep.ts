// The reminder of an overdue acknowledgement: a sweep marks each (alert, organisation) past due
// and unacknowledged as reminded and records one ACKNOWLEDGEMENT_OVERDUE event for it, in one
// transaction. Only rows not yet reminded are taken (UPDATE ... WHERE reminded_at IS NULL): a
// replica sweeping at the same moment waits on the row and then finds it reminded, so however
// many sweep, each late organisation is reminded once per alert.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordEvent } from '../../kernel/events/outbox';
import { AcknowledgementDue } from '../entities/acknowledgement-due.entity';
import { Alert, type AlertStatus } from '../entities/alert.entity';
import { overdueSql } from '../rules/acknowledgement.deadlines';
import { AlertEventTopic, eventPayload } from './alert-events';

/** Raises the reminders now due; returns how many. */
export async function sweepOverdueAcknowledgements(db: DataSource, limit = 500): Promise<number> {
  return db.transaction(async (manager) => {
    const due = manager.connection.getMetadata(AcknowledgementDue).tablePath;
    const alerts = manager.connection.getMetadata(Alert).tablePath;
    // A CTE, so the statement answers rows as a SELECT does on every driver.
    const reminded: { alert_id: string; org: string; version: number; status: AlertStatus; level: string; supersedes_id: string | null }[] =
      await manager.query(
        `WITH late AS (
           SELECT d.alert_id, d.org FROM ${due} d JOIN ${alerts} a ON a.id = d.alert_id
            WHERE d.reminded_at IS NULL AND ${overdueSql(manager, 'd', 'a')}
            ORDER BY d.due_at, d.alert_id, d.org LIMIT $1
         ), reminded AS (
           UPDATE ${due} d SET reminded_at = now() FROM late
            WHERE d.alert_id = late.alert_id AND d.org = late.org AND d.reminded_at IS NULL
            RETURNING d.alert_id, d.org
         )
         SELECT r.alert_id, r.org, a.version, a.status, a.level, a.supersedes_id
           FROM reminded r JOIN ${alerts} a ON a.id = r.alert_id ORDER BY r.alert_id, r.org`,
        [limit],
      );
    for (const row of reminded) {
      const alert = { id: row.alert_id, version: row.version, status: row.status, level: row.level, supersedesId: row.supersedes_id } as Alert;
      await recordEvent(manager, {
        id: randomUUID(),
        topic: AlertEventTopic.ACKNOWLEDGEMENT_OVERDUE,
        subjectId: row.alert_id,
        org: row.org,
        payload: eventPayload(alert),
      });
    }
    return reminded.length;
  });
}
