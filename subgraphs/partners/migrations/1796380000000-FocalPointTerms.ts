// A national focal point's term can end (endNationalFocalPointTerm): the last day the office held
// it. Rows stored before hold theirs still (null), as the record gave no end for any of them.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FocalPointTerms1796380000000 implements MigrationInterface {
  name = 'FocalPointTerms1796380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partners"."national_focal_point" ADD "until" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "partners"."national_focal_point" DROP COLUMN "until"`);
  }
}
