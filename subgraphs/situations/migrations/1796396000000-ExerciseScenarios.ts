// Issue 16 item 11, second pass: the illustrative situations closest to real events (Darfur, and the
// OSCE's Moldova scenario with its incitement to genocide) read as hypothetical scenarios, the Moldova
// scenario concerns no incitement, and every illustrative assessment carries the exercise notice that
// its situation and incidents carry. The seed only inserts missing rows, so the rows seeded before are
// rewritten here, each only while it still holds the seeded value (an edited row is left alone).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const NOTICE = 'An exercise for trying the hub: its actors and events are invented; not an assessment of a real situation, group or government.';

/** [old title, new title] of every seeded situation (data/illustrative.ts); most keep theirs. */
const SEEDED_TITLES: [string, string][] = [
  ['[Exercise] Scenario A: invented armed groups and hate speech', '[Exercise] Scenario A: invented armed groups and hate speech'],
  ['[Exercise] Scenario B: political tension ahead of invented elections', '[Exercise] Scenario B: political tension ahead of invented elections'],
  ['[Exercise] Scenario C: violence between two invented communities', '[Exercise] Scenario C: violence between two invented communities'],
  ['[Exercise] Scenario D: an invented armed group attacks civilians', '[Exercise] Scenario D: an invented armed group attacks civilians'],
  [
    '[Exercise] Scenario E: targeted violence against an invented community',
    '[Exercise] Scenario E (hypothetical): a fictional armed group targets an invented community',
  ],
  ['[Exercise] Scenario F: localised violence and humanitarian access', '[Exercise] Scenario F: localised violence and humanitarian access'],
  [
    '[Exercise] Scenario G: a minority-rights dispute (HCNM confidential)',
    "[Exercise] Scenario G (hypothetical): a dispute over an invented minority's rights (HCNM confidential)",
  ],
  ['[Exercise] Scenario H: discrimination against an invented minority', '[Exercise] Scenario H: discrimination against an invented minority'],
  ['[Exercise] Scenario I: invented gangs and attacks on civilians', '[Exercise] Scenario I: invented gangs and attacks on civilians'],
  ['[Exercise] Scenario J: communal violence between invented groups', '[Exercise] Scenario J: communal violence between invented groups'],
];

// The Moldova scenario (illustrativeSituationId('europe-minorities')) and its one seeded assessment
// (illustrativeAssessmentId('europe-minorities', '2026-03-03')): they concerned incitement to genocide.
const MOLDOVA_SITUATION = '61a53139-498b-5407-9d31-5bc5941e6bcc';
const MOLDOVA_ASSESSMENT = 'a2d8765a-79d4-5249-b4ec-dbe3215d19dc';

const OF_ILLUSTRATIVE = `"situation_id" IN (SELECT "id" FROM "situations"."situation" WHERE "illustrative")`;

/** Seeded assessment summaries, `${before} N of "title".${after}`, rewritten to the other form. */
interface SummaryForm {
  before: string;
  after: string;
}
const OLD_SUMMARY: SummaryForm = { before: 'Illustrative assessment', after: '' };
const NEW_SUMMARY: SummaryForm = { before: 'Exercise assessment', after: ` ${NOTICE}` };

async function rewrite(queryRunner: QueryRunner, titles: [string, string][], from: SummaryForm, to: SummaryForm): Promise<void> {
  for (const [oldTitle, newTitle] of titles) {
    if (oldTitle !== newTitle)
      await queryRunner.query(
        `UPDATE "situations"."situation" SET "title" = $2, "summary" = CASE WHEN "summary" = $3 THEN $4 ELSE "summary" END WHERE "illustrative" AND "title" = $1`,
        [oldTitle, newTitle, `${oldTitle}. ${NOTICE}`, `${newTitle}. ${NOTICE}`],
      );
    // The number N is the third word of the old summary; the rest must be exactly the seeded text.
    await queryRunner.query(
      `UPDATE "situations"."risk_assessment"
          SET "summary" = $4::text || ' ' || split_part("summary", ' ', 3) || ' of "' || $5::text || '".' || $6::text
        WHERE ${OF_ILLUSTRATIVE}
          AND split_part("summary", ' ', 3) ~ '^[0-9]+$'
          AND "summary" = $1::text || ' ' || split_part("summary", ' ', 3) || ' of "' || $2::text || '".' || $3::text`,
      [from.before, oldTitle, from.after, to.before, newTitle, to.after],
    );
  }
}

export class ExerciseScenarios1796396000000 implements MigrationInterface {
  name = 'ExerciseScenarios1796396000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rewrite(queryRunner, SEEDED_TITLES, OLD_SUMMARY, NEW_SUMMARY);
    await queryRunner.query(
      `UPDATE "situations"."situation" SET "incitement" = '{}' WHERE "id" = $1 AND "illustrative" AND "incitement"::text[] = ARRAY['GENOCIDE']`,
      [MOLDOVA_SITUATION],
    );
    await queryRunner.query(
      `UPDATE "situations"."risk_assessment" SET "incitement" = '{}' WHERE "id" = $1 AND "situation_id" = $2 AND "incitement"::text[] = ARRAY['GENOCIDE']`,
      [MOLDOVA_ASSESSMENT, MOLDOVA_SITUATION],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "situations"."risk_assessment" SET "incitement" = '{GENOCIDE}' WHERE "id" = $1 AND "situation_id" = $2 AND "incitement" = '{}'`,
      [MOLDOVA_ASSESSMENT, MOLDOVA_SITUATION],
    );
    await queryRunner.query(
      `UPDATE "situations"."situation" SET "incitement" = '{GENOCIDE}' WHERE "id" = $1 AND "illustrative" AND "incitement" = '{}'`,
      [MOLDOVA_SITUATION],
    );
    const back = SEEDED_TITLES.map(([oldTitle, newTitle]) => [newTitle, oldTitle] as [string, string]);
    await rewrite(queryRunner, back, NEW_SUMMARY, OLD_SUMMARY);
  }
}
