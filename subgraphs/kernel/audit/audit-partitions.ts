// Keeps the audit trail's monthly partitions (audit-layout.ts): the current month's and the next
// two exist before rows arrive, and a month whose every event is older than the retention
// (AUDIT_RETENTION_MONTHS) is dropped, partition by partition. Dropping a partition is the one
// removal the append-only trail allows. Run at start-up and then daily (startAuditMaintenance).
import type { DataSource } from 'typeorm';
import { logger } from '../../../platform/logger';

/** How long audit events are kept unless AUDIT_RETENTION_MONTHS says otherwise. */
export const DEFAULT_AUDIT_RETENTION_MONTHS = 24;
const MONTHS_AHEAD = 2;
const DAY_MS = 24 * 60 * 60 * 1000;
const PARTITION = /^audit_(?:event|read)_y(\d{4})m(\d{2})$/;

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Creates the partitions ahead and drops those past retention; replicas doing it at once take turns. */
export async function maintainAuditPartitions(
  db: DataSource,
  schema: string,
  retentionMonths: number,
  now: Date = new Date(),
): Promise<{ dropped: string[] }> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - retentionMonths);
  return db.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit partitions ${schema}`]);
    for (let ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
      await manager.query(`SELECT "${schema}".audit_partition($1::date)`, [isoDay(monthStart(now.getUTCFullYear(), now.getUTCMonth() + ahead))]);
    }
    const partitions: { name: string }[] = await manager.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent IN (to_regclass($1), to_regclass($2))`,
      [`"${schema}"."audit_event"`, `"${schema}"."audit_read"`],
    );
    const dropped: string[] = [];
    for (const { name } of partitions) {
      const match = PARTITION.exec(name);
      // A month ends, and all of its events are older than the retention, at the start of the next.
      if (!match || monthStart(Number(match[1]), Number(match[2])) > cutoff) continue;
      await manager.query(`DROP TABLE "${schema}"."${name}"`);
      dropped.push(name);
    }
    if (dropped.length) logger.info('audit partitions past retention dropped', { schema, retentionMonths, dropped });
    return { dropped };
  });
}

/** Maintains the partitions now, then once a day until the returned stop is called; the timer keeps no process alive. */
export async function startAuditMaintenance(db: DataSource, schema: string, retentionMonths: number): Promise<() => void> {
  await maintainAuditPartitions(db, schema, retentionMonths);
  const timer = setInterval(() => {
    maintainAuditPartitions(db, schema, retentionMonths).catch((error) => logger.error('audit partition maintenance failed', { schema, error }));
  }, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
