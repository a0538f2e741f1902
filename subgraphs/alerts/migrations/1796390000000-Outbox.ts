// Issue 17: the alerts subgraph's transactional outbox (kernel/events/outbox.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1796390000000 implements MigrationInterface {
  name = 'Outbox1796390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alerts"."outbox_event" ("id" uuid NOT NULL, "seq" bigint, "topic" character varying(60) NOT NULL, "subject_id" uuid NOT NULL, "org" character varying(16), "payload" jsonb NOT NULL DEFAULT '{}', "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_outbox_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_outbox_event_seq" ON "alerts"."outbox_event" ("seq") `);
    await queryRunner.query(`CREATE INDEX "IDX_outbox_event_unpublished" ON "alerts"."outbox_event" ("recorded_at") WHERE seq IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alerts"."outbox_event"`);
  }
}
