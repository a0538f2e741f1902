// Issue 16: the Office's name as it uses it (shared/domain.md, "Corrections and additions"): the seeded
// engagements no longer cite the "Joint Office's record", the one it hosted is hosted by the Office, and
// its illustrative desk officer is the Office's. Updated in place on the rows the seed wrote (same ids),
// each text only while it is still exactly what the seed gave it: a text an editor has since changed is
// the editor's.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_RECORD = "Joint Office's record of engagements (shared/domain.md)";
const RECORD = "The Office's record of engagements (shared/domain.md)";

// stableId('engagement', partnerCode, startDate, title as first seeded) of data/engagements.ts, and what
// follows the record's name in its source.
const ENGAGEMENT_SOURCES: [string, string][] = [
  ['7e446041-fb51-5ff0-bc61-36122af8f9c8', '; month only, day not recorded'],
  ['32619e4e-68a4-5f54-9b82-3297c15073fe', ''],
  ['29a9ff49-1229-5031-a2e9-43f1e16d9288', ''],
  ['c4ab9df1-3416-5a55-b419-82843d568a21', ''],
  ['4c6212db-6ffc-5c03-929c-57dc2e4c9e2e', ''],
  ['53b83f9c-db1a-5892-9a77-b32887001185', '; place assumed to be EEAS headquarters'],
  ['3f0fbb6d-ccc8-5df2-bbe3-a67d2ecec614', ''],
  ['20a4ea80-0851-5f4d-9522-519d20655ad3', ''],
  ['664cbc41-6985-540f-8fec-75502e79c0dc', ''],
  ['3ee3952f-eb52-5e9a-be20-dcc15b8635cd', ''],
  ['d92da6f9-7f2d-5369-a1a6-735f518bd6f0', ''],
  ['2729e4c3-15d9-53ff-bb59-94c82d97e98c', ''],
  ['fa6533c3-af92-5aa2-9fbc-1037c15a0ef8', ''],
  ['dc2c5dc8-f122-5bd2-b0c0-06115396fcdd', ''],
  ['1a69cfa5-62c6-5b4c-9492-b32f42595212', ', "Corrections and additions"; the record gives no city'],
];
const HOSTED = {
  id: 'dc2c5dc8-f122-5bd2-b0c0-06115396fcdd',
  from: 'ICGLR Regional Committee meeting hosted by the Joint Office',
  to: 'ICGLR Regional Committee meeting hosted by the Office',
};
// stableId('focal-point', 'UN-JO', role): an illustrative focal point, seeded only where seeding is on.
const DESK_OFFICER = {
  id: 'dc7e4deb-b399-56b5-8908-0e1684ee1af8',
  from: 'Illustrative Joint Office desk officer',
  to: 'Illustrative desk officer of the Office',
};

export class OfficeName1796394000000 implements MigrationInterface {
  name = 'OfficeName1796394000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Title and source of one engagement change together: one new version for the row, each text only if still as seeded.
    for (const [id, rest] of ENGAGEMENT_SOURCES) {
      const title = id === HOSTED.id ? HOSTED : { from: null, to: null };
      await queryRunner.query(
        `UPDATE "partners"."engagement"
            SET source = CASE WHEN source = $3 THEN $2 ELSE source END, title = CASE WHEN title = $5 THEN $4 ELSE title END,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND (source = $3 OR title = $5)`,
        [id, RECORD + rest, OLD_RECORD + rest, title.to, title.from],
      );
    }
    await queryRunner.query(`UPDATE "partners"."focal_point" SET name = $2, version = version + 1, updated_at = now() WHERE id = $1 AND name = $3`, [
      DESK_OFFICER.id,
      DESK_OFFICER.to,
      DESK_OFFICER.from,
    ]);
  }

  // The Office's name stays as it uses it: there is no schema change to take back.
  async down(): Promise<void> {}
}
