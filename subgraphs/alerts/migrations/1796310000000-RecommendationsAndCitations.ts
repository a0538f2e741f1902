// Issue 16: alerts recommend preventive action (recommendations, by pillar of the Responsibility to Protect)
// and cite the assessments and incidents they rest on; AlertType gains REPORT, AlertRecipient the
// General Assembly and the Human Rights Council. Existing alerts keep every value: they recommend and cite nothing yet.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecommendationsAndCitations1796310000000 implements MigrationInterface {
  name = 'RecommendationsAndCitations1796310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alerts"."alert" ADD "recommendations" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "alerts"."alert" ADD "cited_assessment_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "alerts"."alert" ADD "cited_incident_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TYPE "alerts"."alert_type" ADD VALUE 'REPORT'`);
    await queryRunner.query(`ALTER TYPE "alerts"."alert_recipient" ADD VALUE 'GENERAL_ASSEMBLY'`);
    await queryRunner.query(`ALTER TYPE "alerts"."alert_recipient" ADD VALUE 'HUMAN_RIGHTS_COUNCIL'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "alerts"."alert_recipient_old" AS ENUM('SECRETARY_GENERAL', 'SECURITY_COUNCIL', 'PARTNER_ORGANISATIONS', 'PUBLIC')`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts"."alert" ALTER COLUMN "recipients" TYPE "alerts"."alert_recipient_old"[] USING "recipients"::"text"::"alerts"."alert_recipient_old"[]`,
    );
    await queryRunner.query(`DROP TYPE "alerts"."alert_recipient"`);
    await queryRunner.query(`ALTER TYPE "alerts"."alert_recipient_old" RENAME TO "alert_recipient"`);
    await queryRunner.query(`CREATE TYPE "alerts"."alert_type_old" AS ENUM('EARLY_WARNING', 'ADVISORY_NOTE', 'PUBLIC_STATEMENT', 'BRIEFING')`);
    await queryRunner.query(
      `ALTER TABLE "alerts"."alert" ALTER COLUMN "type" TYPE "alerts"."alert_type_old" USING "type"::"text"::"alerts"."alert_type_old"`,
    );
    await queryRunner.query(`DROP TYPE "alerts"."alert_type"`);
    await queryRunner.query(`ALTER TYPE "alerts"."alert_type_old" RENAME TO "alert_type"`);
    await queryRunner.query(`ALTER TABLE "alerts"."alert" DROP COLUMN "cited_incident_ids"`);
    await queryRunner.query(`ALTER TABLE "alerts"."alert" DROP COLUMN "cited_assessment_ids"`);
    await queryRunner.query(`ALTER TABLE "alerts"."alert" DROP COLUMN "recommendations"`);
  }
}
