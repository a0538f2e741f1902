// Confidentiality on every path: aggregates are audited (AGGREGATE).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Confidentiality1795610000002 implements MigrationInterface {
  name = 'Confidentiality1795610000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "training"."audit_action" ADD VALUE IF NOT EXISTS 'AGGREGATE' AFTER 'READ'`);
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop one value of an enum: AGGREGATE stays in audit_action (no row of an older version uses it).
  }
}
