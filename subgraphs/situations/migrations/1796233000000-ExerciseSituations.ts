// Issue 16 item 11: the illustrative situations, their assessments and incidents read as exercises and
// attribute nothing to a real group or government. The seed only inserts missing rows, so the rows seeded
// before are rewritten here, each only while it still has the seeded text (an edited one is left alone).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [old title, new title] of each seeded situation. */
const SEEDED_TITLES: [string, string][] = [
  ['[Illustrative] Armed groups and hate speech in the Kivus', '[Exercise] Scenario A: invented armed groups and hate speech'],
  ['[Illustrative] Political tension ahead of elections', '[Exercise] Scenario B: political tension ahead of invented elections'],
  ['[Illustrative] Farmer-herder violence in the Middle Belt', '[Exercise] Scenario C: violence between two invented communities'],
  ['[Illustrative] Attacks on civilians in the central Sahel', '[Exercise] Scenario D: an invented armed group attacks civilians'],
  ['[Illustrative] Targeted violence against communities in Darfur', '[Exercise] Scenario E: targeted violence against an invented community'],
  ['[Illustrative] Localised violence and humanitarian access', '[Exercise] Scenario F: localised violence and humanitarian access'],
  ['[Illustrative] Minority rights dispute (HCNM confidential)', '[Exercise] Scenario G: a minority-rights dispute (HCNM confidential)'],
  ['[Illustrative] Persecution of a minority group', '[Exercise] Scenario H: discrimination against an invented minority'],
  ['[Illustrative] Gang violence against civilians', '[Exercise] Scenario I: invented gangs and attacks on civilians'],
  ['[Illustrative] Communal violence in central Mali', '[Exercise] Scenario J: communal violence between invented groups'],
];
const OLD_NOT_REAL = 'Illustrative seed data for trying the hub; not an assessment of a real situation.';
const NOT_REAL = 'An exercise for trying the hub: its actors and events are invented; not an assessment of a real situation, group or government.';
const OLD_INCIDENT_NOTES = 'Illustrative incident.';
const INCIDENT_NOTES = `Exercise incident, invented for trying the hub. ${NOT_REAL}`;
const OF_ILLUSTRATIVE = `"situation_id" IN (SELECT "id" FROM "situations"."situation" WHERE "illustrative")`;

async function rewrite(queryRunner: QueryRunner, titles: [string, string][], notReal: [string, string], notes: [string, string]): Promise<void> {
  for (const [from, to] of titles) {
    await queryRunner.query(
      `UPDATE "situations"."situation" SET "title" = $2, "summary" = CASE WHEN "summary" = $3 THEN $4 ELSE "summary" END WHERE "illustrative" AND "title" = $1`,
      [from, to, `${from}. ${notReal[0]}`, `${to}. ${notReal[1]}`],
    );
    await queryRunner.query(
      `UPDATE "situations"."risk_assessment" SET "summary" = replace("summary", $1, $2) WHERE ${OF_ILLUSTRATIVE} AND "summary" LIKE 'Illustrative assessment % of "' || $3 || '".'`,
      [`"${from}"`, `"${to}"`, from],
    );
  }
  await queryRunner.query(`UPDATE "situations"."incident" SET "notes" = $2 WHERE ${OF_ILLUSTRATIVE} AND "notes" = $1`, notes);
}

export class ExerciseSituations1796233000000 implements MigrationInterface {
  name = 'ExerciseSituations1796233000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rewrite(queryRunner, SEEDED_TITLES, [OLD_NOT_REAL, NOT_REAL], [OLD_INCIDENT_NOTES, INCIDENT_NOTES]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const back = SEEDED_TITLES.map(([from, to]) => [to, from] as [string, string]);
    await rewrite(queryRunner, back, [NOT_REAL, OLD_NOT_REAL], [INCIDENT_NOTES, OLD_INCIDENT_NOTES]);
  }
}
