// Issue 17: when each recipient organisation's acknowledgement of an alert is due
// (rules/acknowledgement.deadlines.ts). Alerts already issued get their due rows here, from their
// issue time by the default deadlines of this release (VERY_HIGH 12 hours, HIGH 1 day, MODERATE 3
// days, LOW 7 days). A deadline that passed before the hub kept deadlines counts as overdue if it
// is, but raises no reminder: it is marked reminded at the upgrade, so the first sweep does not
// bury the new reminders under ones about old alerts.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AcknowledgementDeadlines1796392000000 implements MigrationInterface {
  name = 'AcknowledgementDeadlines1796392000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alerts"."acknowledgement_due" ("alert_id" uuid NOT NULL, "org" character varying(16) NOT NULL, "addressed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_acknowledgement_due" PRIMARY KEY ("alert_id", "org"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_acknowledgement_due_unreminded" ON "alerts"."acknowledgement_due" ("due_at") WHERE reminded_at IS NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "alerts"."acknowledgement_due" (alert_id, org, addressed_at, due_at, reminded_at)
       SELECT d.alert_id, d.org, d.issued_at, d.due_at, CASE WHEN d.due_at <= now() THEN now() END
         FROM (SELECT a.id AS alert_id, o.org, a.issued_at,
                      a.issued_at + CASE a.level WHEN 'VERY_HIGH' THEN interval '12 hours' WHEN 'HIGH' THEN interval '1 day'
                                                 WHEN 'MODERATE' THEN interval '3 days' ELSE interval '7 days' END AS due_at
                 FROM "alerts"."alert" a, unnest(a.recipient_orgs) AS o(org)
                WHERE a.status <> 'DRAFT' AND a.issued_at IS NOT NULL) d
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alerts"."acknowledgement_due"`);
  }
}
