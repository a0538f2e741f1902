// The audit trail in its partitioned, bigint-keyed layout, reads one row per request and record type (kernel/audit/audit-layout.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLayoutDown, auditLayoutUp } from '../../kernel/audit/audit-layout';

export class AuditLayout1796200000000 implements MigrationInterface {
  name = 'AuditLayout1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await auditLayoutUp(queryRunner, 'partners');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await auditLayoutDown(queryRunner, 'partners');
  }
}
