// Issue 16: the 2010 Kampala seminar and the February 2012 seminar for the ICGLR Regional Committee
// were held for the ICGLR; the Office's record does not name it as co-organiser, so it is no longer
// credited with them (shared/domain.md, "Corrections and additions"). Updated in place on the rows
// the seed wrote (same ids), and a source only while it still says what the seed gave it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

// stableId('training-session', key) of data/sessions.ts.
const KAMPALA_2010 = '58787ad3-b850-50ae-9735-0b2a7eb32504';
const REGIONAL_COMMITTEE_2012 = '67dc12e3-6266-55d8-8931-717de6e40a38';

const RECORD = "Joint Office's record (shared/domain.md)";
const FOR_ICGLR = 'held for the ICGLR, organised by the Office: the record does not name the ICGLR as co-organiser';
const MONTH_ONLY = 'the record gives the month only: startDate is the 1st of the month, not the day it began';
const MODULES_INFERRED = 'modules inferred from the recorded subject, not from a curriculum';
const KAMPALA_AFTER = `the seminar came before the founding meeting of the ICGLR Regional Committee on 23 September 2010, on a day the record does not give; startDate is that meeting's day, the latest it can have been (approximate); ${MODULES_INFERRED}. One of the 34 sessions of 2009-2011 in the reported totals.`;
const SOURCES: [string, string, string][] = [
  [
    KAMPALA_2010,
    `${RECORD}, "Corrections and additions": ${KAMPALA_AFTER}`,
    `${RECORD}, "Corrections and additions": ${FOR_ICGLR}; ${KAMPALA_AFTER}`,
  ],
  [
    REGIONAL_COMMITTEE_2012,
    `${RECORD}; ${MONTH_ONLY}; the record gives no place; ${MODULES_INFERRED}.`,
    `${RECORD}; ${FOR_ICGLR}; ${MONTH_ONLY}; the record gives no place; ${MODULES_INFERRED}.`,
  ],
];

export class TrainingOrganisers1796370000000 implements MigrationInterface {
  name = 'TrainingOrganisers1796370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [id, before, after] of SOURCES) {
      await queryRunner.query(
        `UPDATE "training"."training_session"
            SET organiser_orgs = array_remove(organiser_orgs, 'ICGLR'), confirmed_organiser_orgs = array_remove(confirmed_organiser_orgs, 'ICGLR'),
                source = CASE WHEN source = $2 THEN $3 ELSE source END, version = version + 1, updated_at = now()
          WHERE id = $1 AND 'ICGLR' = ANY(organiser_orgs)`,
        [id, before, after],
      );
    }
  }

  // The Office's record stays corrected: there is no schema change to take back.
  async down(): Promise<void> {}
}
