// Issue 16 item 8: framework text that can be cited. Every factor and indicator carries how far its
// wording was checked against the source (wording_status, wording_note), every framework version
// its source document and whether its codes are the hub's own; CrimeScope's ALL is renamed COMMON
// (the value renamed in place, so stored factors keep theirs). The Office's seeded rows already in a
// database are corrected here, as data/framework.ts now seeds them (the seed inserts only missing
// rows): the wording of each 2014 factor (7, 8, 9 and 13 checked against partial copies, the others
// paraphrased or reconstructed), the 2009 category 4 title without "Political", and the 2009 trigger
// 8.3 split as the UN lists it (hostilities becomes 8.6, listed fourth; codes never move, so stored
// assessments citing 8.4 and 8.5 keep their meaning). Hand-written; the values are frozen here, not
// read from data/framework.ts, so a later correction there is a migration of its own.
import type { MigrationInterface, QueryRunner } from 'typeorm';

type Wording = 'VERIFIED' | 'PARAPHRASED' | 'RECONSTRUCTED';

const TITLE_ONLY = 'Title as the official list names it; the description and the indicators were not checked against the 2014 text.';
const CHECKED = 'Checked against a partial copy of the 2014 text.';
const FROM_MEMORY = 'The end of the sentence is from memory, not checked against the 2014 text.';

// 2014: [factor code, factor wording, its indicators' wording, note]
const FACTORS_2014: [string, Wording, Wording, string][] = [
  ['RF1', 'PARAPHRASED', 'PARAPHRASED', TITLE_ONLY],
  ['RF2', 'PARAPHRASED', 'PARAPHRASED', TITLE_ONLY],
  ['RF3', 'PARAPHRASED', 'PARAPHRASED', TITLE_ONLY],
  ['RF4', 'PARAPHRASED', 'PARAPHRASED', TITLE_ONLY],
  ['RF5', 'PARAPHRASED', 'PARAPHRASED', TITLE_ONLY],
  ['RF6', 'PARAPHRASED', 'PARAPHRASED', `${TITLE_ONLY} The end of 6.1 is from memory.`],
  ['RF7', 'VERIFIED', 'VERIFIED', CHECKED],
  ['RF8', 'VERIFIED', 'VERIFIED', CHECKED],
  ['RF9', 'VERIFIED', 'VERIFIED', CHECKED],
  [
    'RF10',
    'PARAPHRASED',
    'RECONSTRUCTED',
    'Title as the official list names it; the indicators are from memory, not checked against the 2014 text, and the official list may be longer.',
  ],
  [
    'RF11',
    'PARAPHRASED',
    'RECONSTRUCTED',
    'Title as the official list names it; the indicators are from memory, not checked against the 2014 text, and the official list is likely longer.',
  ],
  [
    'RF12',
    'PARAPHRASED',
    'RECONSTRUCTED',
    'Title as the official list names it; the indicators are from memory, not checked against the 2014 text (12.4 is paraphrased), and the official list is longer.',
  ],
  [
    'RF13',
    'VERIFIED',
    'VERIFIED',
    '13.1 to 13.9 checked against a partial copy of the 2014 text; the end of 13.10 is from memory, and the official list continues beyond it.',
  ],
  [
    'RF14',
    'PARAPHRASED',
    'RECONSTRUCTED',
    "Title as the official list names it; the indicators paraphrase from memory the framework's themes, not its wording or numbering: replace them from the 2014 text.",
  ],
];
// 2014 indicators whose wording differs from their factor's.
const INDICATORS_2014: [string, Wording, string][] = [
  ['6.1', 'RECONSTRUCTED', FROM_MEMORY],
  ['13.10', 'RECONSTRUCTED', FROM_MEMORY],
];

const SOURCE_2014 = 'United Nations, Framework of Analysis for Atrocity Crimes: A Tool for Prevention, 2014';
const NOTE_2014 =
  "The hub holds the 2014 text only in part: risk factors 7, 8, 9 and 13 were checked against partial copies of the official text; the other factors' titles follow the official list, but their descriptions and indicators are paraphrased or reconstructed (see each one's wordingStatus) and must not be quoted as the official wording.";
const SOURCE_2009 =
  'Office of the Special Adviser on the Prevention of Genocide, Analysis Framework (2009), as summarized in United Nations document A/69/266';
const NOTE_2009 =
  "Category titles as United Nations document A/69/266 lists them; the indicators paraphrase the framework's questions. The indicator numbering (1.1 ... 8.6) is the hub's own, not the Office's: cite an indicator by its text outside the hub.";

const C4_BEFORE =
  'Political motivation of leading actors in the State/region; acts which serve to encourage divisions between national, racial, ethnic and religious groups';
const C4_AFTER = 'Motivation of key actors and acts that encourage division';
const TRIGGER_BEFORE = 'Internal deployment of the military to act against civilians, or the commencement of armed hostilities.';
const TRIGGER_AFTER = 'Internal deployment of the military to act against civilians.';
const HOSTILITIES = 'Commencement of armed hostilities.';
// stableId('indicator', '2009', '8.6') and stableId('risk-factor', '2009', 'C8'), as the seed derives them.
const HOSTILITIES_ID = '01d926f5-393d-556f-b5ba-5bd1e24ab7f5';
const C8_ID = '94c6154e-1f7a-5426-957d-0c3c8b1771f7';
// The 2009 triggers in the order the UN lists them.
const TRIGGER_POSITIONS: [string, number][] = [
  ['8.3', 3],
  ['8.6', 4],
  ['8.4', 5],
  ['8.5', 6],
];

export class FrameworkWording1796340000000 implements MigrationInterface {
  name = 'FrameworkWording1796340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "situations"."crime_scope" RENAME VALUE 'ALL' TO 'COMMON'`);
    await queryRunner.query(`CREATE TYPE "situations"."wording_status" AS ENUM('VERIFIED', 'PARAPHRASED', 'RECONSTRUCTED')`);
    // Until a row is corrected below it claims nothing: RECONSTRUCTED is the column's default.
    await queryRunner.query(
      `ALTER TABLE "situations"."risk_factor" ADD "wording_status" "situations"."wording_status" NOT NULL DEFAULT 'RECONSTRUCTED'`,
    );
    await queryRunner.query(`ALTER TABLE "situations"."risk_factor" ADD "wording_note" text`);
    await queryRunner.query(
      `ALTER TABLE "situations"."indicator" ADD "wording_status" "situations"."wording_status" NOT NULL DEFAULT 'RECONSTRUCTED'`,
    );
    await queryRunner.query(`ALTER TABLE "situations"."indicator" ADD "wording_note" text`);
    await queryRunner.query(`ALTER TABLE "situations"."framework" ADD "source" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "situations"."framework" ADD "source_note" text`);
    await queryRunner.query(`ALTER TABLE "situations"."framework" ADD "hub_numbering" boolean NOT NULL DEFAULT false`);

    await queryRunner.query(`UPDATE "situations"."framework" SET "source" = $1, "source_note" = $2 WHERE "id" = '2014'`, [SOURCE_2014, NOTE_2014]);
    await queryRunner.query(`UPDATE "situations"."framework" SET "source" = $1, "source_note" = $2, "hub_numbering" = true WHERE "id" = '2009'`, [
      SOURCE_2009,
      NOTE_2009,
    ]);
    // No other version could be loaded before this migration; any hand-made one names its title as its source.
    await queryRunner.query(`UPDATE "situations"."framework" SET "source" = "title" WHERE "source" = ''`);
    await queryRunner.query(`ALTER TABLE "situations"."framework" ALTER COLUMN "source" DROP DEFAULT`);

    for (const [code, wording, indicatorWording, note] of FACTORS_2014) {
      await queryRunner.query(
        `UPDATE "situations"."risk_factor" SET "wording_status" = $2, "wording_note" = $3 WHERE "framework_version" = '2014' AND "code" = $1`,
        [code, wording, note],
      );
      await queryRunner.query(
        `UPDATE "situations"."indicator" i SET "wording_status" = $2 FROM "situations"."risk_factor" f
         WHERE f."id" = i."risk_factor_id" AND f."framework_version" = '2014' AND f."code" = $1`,
        [code, indicatorWording],
      );
    }
    for (const [code, wording, note] of INDICATORS_2014)
      await queryRunner.query(
        `UPDATE "situations"."indicator" SET "wording_status" = $2, "wording_note" = $3 WHERE "framework_version" = '2014' AND "code" = $1`,
        [code, wording, note],
      );

    await queryRunner.query(`UPDATE "situations"."risk_factor" SET "wording_status" = 'PARAPHRASED' WHERE "framework_version" = '2009'`);
    await queryRunner.query(`UPDATE "situations"."indicator" SET "wording_status" = 'PARAPHRASED' WHERE "framework_version" = '2009'`);
    await queryRunner.query(
      `UPDATE "situations"."risk_factor" SET "title" = $1, "version" = "version" + 1, "updated_at" = now()
       WHERE "framework_version" = '2009' AND "code" = 'C4' AND "title" = $2`,
      [C4_AFTER, C4_BEFORE],
    );
    await queryRunner.query(
      `UPDATE "situations"."indicator" SET "text" = $1, "version" = "version" + 1, "updated_at" = now()
       WHERE "framework_version" = '2009' AND "code" = '8.3' AND "text" = $2`,
      [TRIGGER_AFTER, TRIGGER_BEFORE],
    );
    // Only where the 2009 framework is seeded already: a fresh database gets 8.6 from the seed.
    await queryRunner.query(
      `INSERT INTO "situations"."indicator"
         ("owner_org", "created_by_org", "classification", "shared_with", "shared_with_users", "version",
          "id", "risk_factor_id", "framework_version", "code", "position", "text", "wording_status")
       SELECT f."owner_org", f."created_by_org", f."classification", f."shared_with", f."shared_with_users", 1,
              $1, f."id", '2009', '8.6', 4, $2, 'PARAPHRASED'
         FROM "situations"."risk_factor" f
        WHERE f."id" = $3 AND NOT EXISTS (SELECT 1 FROM "situations"."indicator" WHERE "risk_factor_id" = $3 AND "code" = '8.6')`,
      [HOSTILITIES_ID, HOSTILITIES, C8_ID],
    );
    for (const [code, position] of TRIGGER_POSITIONS)
      await queryRunner.query(`UPDATE "situations"."indicator" SET "position" = $2 WHERE "risk_factor_id" = $1 AND "code" = $3`, [
        C8_ID,
        position,
        code,
      ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [code, position] of [
      ['8.3', 3],
      ['8.4', 4],
      ['8.5', 5],
    ] as const)
      await queryRunner.query(`UPDATE "situations"."indicator" SET "position" = $2 WHERE "risk_factor_id" = $1 AND "code" = $3`, [
        C8_ID,
        position,
        code,
      ]);
    await queryRunner.query(`DELETE FROM "situations"."indicator" WHERE "id" = $1`, [HOSTILITIES_ID]);
    await queryRunner.query(`UPDATE "situations"."indicator" SET "text" = $1 WHERE "framework_version" = '2009' AND "code" = '8.3' AND "text" = $2`, [
      TRIGGER_BEFORE,
      TRIGGER_AFTER,
    ]);
    await queryRunner.query(
      `UPDATE "situations"."risk_factor" SET "title" = $1 WHERE "framework_version" = '2009' AND "code" = 'C4' AND "title" = $2`,
      [C4_BEFORE, C4_AFTER],
    );
    await queryRunner.query(`ALTER TABLE "situations"."framework" DROP COLUMN "hub_numbering"`);
    await queryRunner.query(`ALTER TABLE "situations"."framework" DROP COLUMN "source_note"`);
    await queryRunner.query(`ALTER TABLE "situations"."framework" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "situations"."indicator" DROP COLUMN "wording_note"`);
    await queryRunner.query(`ALTER TABLE "situations"."indicator" DROP COLUMN "wording_status"`);
    await queryRunner.query(`ALTER TABLE "situations"."risk_factor" DROP COLUMN "wording_note"`);
    await queryRunner.query(`ALTER TABLE "situations"."risk_factor" DROP COLUMN "wording_status"`);
    await queryRunner.query(`DROP TYPE "situations"."wording_status"`);
    await queryRunner.query(`ALTER TYPE "situations"."crime_scope" RENAME VALUE 'COMMON' TO 'ALL'`);
  }
}
