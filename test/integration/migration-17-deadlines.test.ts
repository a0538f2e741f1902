// The acknowledgement deadlines migration on a database already in use: alerts issued before it
// get a due row per recipient organisation, from their issue time by the default deadlines;
// deadlines already past are settled without a reminder, those still ahead are reminded as new
// ones are; drafts get none.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { sweepOverdueAcknowledgements } from '../../subgraphs/alerts/events/overdue-sweep';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAtMigration, upgradeToCurrent } from '../support/upgrade';

const alerts = SUBGRAPHS.find((s) => s.name === 'alerts')!;

/** The last alerts migration before the deadlines (the outbox). */
const BEFORE_DEADLINES = 1796390000000;

const OLD = '00000000-0000-5000-8000-0000000000c1';
const RECENT = '00000000-0000-5000-8000-0000000000c2';
const DRAFT = '00000000-0000-5000-8000-0000000000c3';
const CLOSED = '00000000-0000-5000-8000-0000000000c4';

describe.each(['pglite', 'postgres'] as const)('the acknowledgement deadlines migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('gives every issued alert its due rows, settles the deadlines already past without a reminder, and leaves drafts without', async () => {
    db = await openAtMigration(alerts, database.target, BEFORE_DEADLINES);
    const recentIssue = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await db.query(
      `INSERT INTO alerts.alert (id, owner_org, created_by_org, version, type, level, status, title, body, country_iso3, crimes, recipients, recipient_orgs,
         classification, shared_with, issued_at)
       VALUES ($1, 'UN-JO', 'UN-JO', 2, 'EARLY_WARNING', 'HIGH', 'ISSUED', 'old', 'body', 'COD', '{GENOCIDE}', '{PARTNER_ORGANISATIONS}', '{AU,ICGLR}',
         'AMBER', '{AU,ICGLR}', '2026-09-19T14:00:00Z'),
              ($2, 'UN-JO', 'UN-JO', 3, 'EARLY_WARNING', 'VERY_HIGH', 'ESCALATED_TO_SECRETARY_GENERAL', 'recent', 'body', 'BDI', '{GENOCIDE}',
         '{PARTNER_ORGANISATIONS}', '{AU}', 'GREEN', '{}', $5),
              ($3, 'UN-JO', 'UN-JO', 1, 'ADVISORY_NOTE', 'LOW', 'DRAFT', 'draft', 'body', 'RWA', '{WAR_CRIMES}', '{PARTNER_ORGANISATIONS}', '{AU}',
         'GREEN', '{}', NULL),
              ($4, 'UN-JO', 'UN-JO', 3, 'BRIEFING', 'MODERATE', 'CLOSED', 'closed', 'body', 'UGA', '{WAR_CRIMES}', '{PARTNER_ORGANISATIONS}', '{IGAD}',
         'GREEN', '{}', '2026-10-01T09:00:00Z')`,
      [OLD, RECENT, DRAFT, CLOSED, recentIssue],
    );
    await db.query(
      `INSERT INTO alerts.acknowledgement (alert_id, owner_org, created_by_org, version, org, acknowledged_by, acknowledged_at, classification, shared_with)
       VALUES ($1, 'AU', 'AU', 1, 'AU', 'au-analyst', '2026-09-19T20:00:00Z', 'AMBER', '{UN-JO,ICGLR}')`,
      [OLD],
    );

    db = await upgradeToCurrent(db, alerts, database.target);

    const rows: { alert_id: string; org: string; addressed_at: Date; due_at: Date; reminded_at: Date | null }[] = await db.query(
      `SELECT alert_id, org, addressed_at, due_at, reminded_at FROM alerts.acknowledgement_due ORDER BY alert_id, org`,
    );
    const hours = (from: string, n: number) => new Date(Date.parse(from) + n * 60 * 60 * 1000).toISOString();
    expect(
      rows.map((row) => [
        row.alert_id,
        row.org,
        new Date(row.addressed_at).toISOString(),
        new Date(row.due_at).toISOString(),
        row.reminded_at !== null,
      ]),
    ).toEqual([
      [OLD, 'AU', '2026-09-19T14:00:00.000Z', hours('2026-09-19T14:00:00Z', 24), true],
      [OLD, 'ICGLR', '2026-09-19T14:00:00.000Z', hours('2026-09-19T14:00:00Z', 24), true],
      [RECENT, 'AU', new Date(recentIssue).toISOString(), hours(recentIssue, 12), false],
      [CLOSED, 'IGAD', '2026-10-01T09:00:00.000Z', hours('2026-10-01T09:00:00Z', 72), true],
    ]);

    // ICGLR is late on the old alert and still counts as such; the upgrade raises no reminder for it.
    const [late] = await db.query(
      `SELECT count(*)::int AS n FROM alerts.acknowledgement_due d JOIN alerts.alert a ON a.id = d.alert_id
        WHERE d.due_at <= now() AND a.status = 'ISSUED' AND NOT EXISTS (SELECT 1 FROM alerts.acknowledgement k WHERE k.alert_id = d.alert_id AND k.org = d.org)`,
    );
    expect(late.n).toBe(1);
    expect(await sweepOverdueAcknowledgements(db)).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS n FROM alerts.outbox_event`))[0].n).toBe(0);
  });
});
