// Confidentiality on every path: aggregates are audited (AGGREGATE), and derived records carry their floors (record_floor).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Confidentiality1795610000000 implements MigrationInterface {
  name = 'Confidentiality1795610000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "situations"."audit_action" ADD VALUE IF NOT EXISTS 'AGGREGATE' AFTER 'READ'`);
    await queryRunner.query(
      `CREATE TABLE "situations"."record_floor" ("record_id" uuid NOT NULL, "source_id" character varying(100) NOT NULL, "source_type" character varying(60) NOT NULL, "owner_org" character varying(16) NOT NULL, "classification" "situations"."classification" NOT NULL, "shared_with" character varying array NOT NULL DEFAULT '{}', "shared_with_users" character varying array NOT NULL DEFAULT '{}', CONSTRAINT "PK_record_floor" PRIMARY KEY ("record_id", "source_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_record_floor_source" ON "situations"."record_floor" ("source_id") `);
    // Records written before floors were kept get their current citations as floors (reviewed addition).
    for (const [table, column, sourceTable, sourceType] of [
      ['incident', 'situation_id', 'situation', 'Situation'],
      ['risk_assessment', 'situation_id', 'situation', 'Situation'],
      ['incident', 'source_id', 'source', 'Source'],
    ]) {
      await queryRunner.query(
        `INSERT INTO "situations"."record_floor" (record_id, source_id, source_type, owner_org, classification, shared_with, shared_with_users) SELECT c.id, s.id::text, '${sourceType}', s.owner_org, s.classification, s.shared_with, s.shared_with_users FROM "situations"."${table}" c JOIN "situations"."${sourceTable}" s ON s.id = c.${column} ON CONFLICT DO NOTHING`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "situations"."IDX_record_floor_source"`);
    await queryRunner.query(`DROP TABLE "situations"."record_floor"`);
    // PostgreSQL cannot drop one value of an enum: AGGREGATE stays in audit_action (no row of an older version uses it).
  }
}
