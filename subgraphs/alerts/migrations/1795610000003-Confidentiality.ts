// Confidentiality on every path: aggregates are audited (AGGREGATE), and derived records carry their floors (record_floor).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Confidentiality1795610000003 implements MigrationInterface {
  name = 'Confidentiality1795610000003';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "alerts"."audit_action" ADD VALUE IF NOT EXISTS 'AGGREGATE' AFTER 'READ'`);
    await queryRunner.query(
      `CREATE TABLE "alerts"."record_floor" ("record_id" uuid NOT NULL, "source_id" character varying(100) NOT NULL, "source_type" character varying(60) NOT NULL, "owner_org" character varying(16) NOT NULL, "classification" "alerts"."classification" NOT NULL, "shared_with" character varying array NOT NULL DEFAULT '{}', "shared_with_users" character varying array NOT NULL DEFAULT '{}', CONSTRAINT "PK_record_floor" PRIMARY KEY ("record_id", "source_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_record_floor_source" ON "alerts"."record_floor" ("source_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "alerts"."IDX_record_floor_source"`);
    await queryRunner.query(`DROP TABLE "alerts"."record_floor"`);
    // PostgreSQL cannot drop one value of an enum: AGGREGATE stays in audit_action (no row of an older version uses it).
  }
}
