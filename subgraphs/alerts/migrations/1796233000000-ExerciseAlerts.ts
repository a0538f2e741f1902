// Issue 16 item 11: the illustrative alerts read as exercises and attribute nothing to a real group or
// government. The seed only inserts missing rows, so the alerts seeded before are rewritten here, each only
// while it still has the seeded title and body (an edited one is left as its author left it).
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [old title, old body, new title, new body], as the seed had them and has them now. */
const SEEDED_ALERTS: [string, string, string, string][] = [
  [
    '[Illustrative] Early warning: hate speech and armed group mobilisation in the Kivus',
    'Incitement against a protected group is spreading alongside armed group mobilisation; signs of intent are emerging. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Early warning (scenario A): hate speech and mobilisation by invented armed groups',
    "In this exercise, incitement against an invented group spreads alongside the mobilisation of invented armed groups; the scenario's signs of intent are emerging. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.",
  ],
  [
    '[Illustrative] Advisory note: political tension ahead of elections',
    'Weak State structures and possible triggering events around the electoral calendar call for close monitoring. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Advisory note (scenario B): political tension ahead of elections',
    'In this exercise, weak State structures and possible triggering events around an electoral calendar call for close monitoring. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Draft early warning: youth militia recruitment reported',
    "Draft for the national committee's review; not yet sent. Illustrative seed data for trying the hub; not an alert about a real situation.",
    '[Exercise] Draft early warning (scenario B): recruitment by an invented youth militia',
    "Exercise draft for the national committee's review; not yet sent. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.",
  ],
  [
    '[Illustrative] Early warning: reprisal attacks between farming and herding communities',
    'Field reports show reprisal attacks and inflammatory messaging across two states. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Early warning (scenario C): reprisal attacks between two invented communities',
    'In this exercise, invented field reports show reprisal attacks and inflammatory messaging across two areas. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Briefing: attacks on civilians and humanitarian access in the central Sahel',
    'Situation-room briefing for partner organisations on attacks against civilians and threats to those protected under international humanitarian law. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Briefing (scenario D): attacks on civilians and humanitarian access',
    "Exercise situation-room briefing for partner organisations on an invented armed group's attacks against civilians and threats to those protected under international humanitarian law. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.",
  ],
  [
    '[Illustrative] Early warning: targeted killings of a protected group',
    'Confidential: field monitors report killings targeting members of one community and attacks on humanitarian operations. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Early warning (scenario E): targeted killings of members of an invented community',
    'Confidential exercise: invented field monitors report killings targeting members of an invented community and attacks on humanitarian operations. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Statement on localised violence and humanitarian access',
    'The Office calls on all parties to protect civilians and allow humanitarian access. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Statement (scenario F) on localised violence and humanitarian access',
    'Exercise statement: the Office calls on all parties to protect civilians and allow humanitarian access. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Statement on the persecution of a minority group',
    'The Office is alarmed by continued discrimination and violence against a protected group. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Statement (scenario H) on discrimination against an invented minority',
    'Exercise statement: the Office is alarmed by continued discrimination and violence against an invented minority. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Statement on the persecution of a minority group (corrected)',
    'Corrects the date of the events cited in the earlier statement. The Office is alarmed by continued discrimination and violence against a protected group. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Statement (scenario H) on discrimination against an invented minority (corrected)',
    'Corrects the date of the events cited in the earlier exercise statement. The Office is alarmed by continued discrimination and violence against an invented minority. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Briefing: widespread gang attacks on civilians',
    'Weak State structures and a pattern of attacks on the civilian population; briefing for the Secretary-General. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Briefing (scenario I): widespread attacks on civilians by invented gangs',
    'Exercise briefing for the Secretary-General: weak State structures and a pattern of attacks by invented gangs on the civilian population. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
  [
    '[Illustrative] Advisory note: communal violence in central Mali',
    'Reprisals between communities and the targeting of civilians by armed groups; local mediation under way. Illustrative seed data for trying the hub; not an alert about a real situation.',
    '[Exercise] Advisory note (scenario J): communal violence between invented groups',
    'In this exercise, reprisals between invented communities and the targeting of civilians by invented armed groups; local mediation under way. An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.',
  ],
];

export class ExerciseAlerts1796233000000 implements MigrationInterface {
  name = 'ExerciseAlerts1796233000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [oldTitle, oldBody, title, body] of SEEDED_ALERTS)
      await queryRunner.query(`UPDATE "alerts"."alert" SET "title" = $3, "body" = $4 WHERE "illustrative" AND "title" = $1 AND "body" = $2`, [
        oldTitle,
        oldBody,
        title,
        body,
      ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [oldTitle, oldBody, title, body] of SEEDED_ALERTS)
      await queryRunner.query(`UPDATE "alerts"."alert" SET "title" = $1, "body" = $2 WHERE "illustrative" AND "title" = $3 AND "body" = $4`, [
        oldTitle,
        oldBody,
        title,
        body,
      ]);
  }
}
