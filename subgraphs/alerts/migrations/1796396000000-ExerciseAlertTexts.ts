// Issue 16 item 11, second pass: the illustrative alerts closest to real events (the Kivu warning's
// "signs of intent", the Darfur warning, the Office's public statement on Rakhine) read as hypothetical
// exercise scenarios; the seeded recommendations say what naming a real State means in an exercise;
// and every step of a seeded alert's history and every seeded acknowledgement carries the exercise
// mark in its note. The seed only inserts missing rows, so the rows seeded before are rewritten here,
// each only while it still holds the seeded text (an edited one is left as its author left it).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const NOTICE = 'An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.';
const MARK = '(Exercise: invented for trying the hub.)';
const marked = (note: string | null) => (note ? `${note} ${MARK}` : MARK);

/** [old title, old body, new title, new body] of the rewritten seed alerts (data/alerts.ts). */
const SEEDED_ALERTS: [string, string, string, string][] = [
  [
    '[Exercise] Early warning (scenario A): hate speech and mobilisation by invented armed groups',
    `In this exercise, incitement against an invented group spreads alongside the mobilisation of invented armed groups; the scenario's signs of intent are emerging. ${NOTICE}`,
    '[Exercise] Early warning (scenario A): hate speech and mobilisation by invented armed groups',
    `In this exercise scenario, incitement against an invented group spreads while fictional armed groups mobilise; the exercise cites risk factor 10 to show how an alert names the indicators it rests on, and attributes no intent to any real group or government. ${NOTICE}`,
  ],
  [
    '[Exercise] Early warning (scenario E): targeted killings of members of an invented community',
    `Confidential exercise: invented field monitors report killings targeting members of an invented community and attacks on humanitarian operations. ${NOTICE}`,
    '[Exercise] Early warning (scenario E, hypothetical): a fictional armed group targets an invented community',
    `Confidential exercise. In this exercise scenario, invented field monitors report that a fictional armed group kills members of an invented community and attacks humanitarian operations. ${NOTICE}`,
  ],
  [
    '[Exercise] Statement (scenario H) on discrimination against an invented minority',
    `Exercise statement: the Office is alarmed by continued discrimination and violence against an invented minority. ${NOTICE}`,
    '[Exercise] Statement (scenario H) on discrimination against an invented minority',
    `Exercise statement, never published: in this exercise scenario, the Office expresses concern at discrimination and violence by fictional actors against an invented minority. ${NOTICE}`,
  ],
  [
    '[Exercise] Statement (scenario H) on discrimination against an invented minority (corrected)',
    `Corrects the date of the events cited in the earlier exercise statement. The Office is alarmed by continued discrimination and violence against an invented minority. ${NOTICE}`,
    '[Exercise] Statement (scenario H) on discrimination against an invented minority (corrected)',
    `Corrects the date of the events cited in the earlier exercise statement, never published: in this exercise scenario, the Office expresses concern at discrimination and violence by fictional actors against an invented minority. ${NOTICE}`,
  ],
];

const OLD_RECOMMENDATION_MARK = '(Exercise recommendation: not addressed to a real State or body.)';
const RECOMMENDATION_MARK =
  "(Exercise recommendation, invented for trying the hub: where it names a State, it does so only to show how a recommendation is addressed, and says nothing of that State's conduct.)";

/** The seeded recommendations (data/recommendations.ts) as the seed stored them: [text without mark, addressee, code, pillar]. */
const SEEDED_RECOMMENDATIONS: [string, string, string | null, string][][] = [
  [
    ['Strengthen the protection of the populations at risk and counter hate speech and incitement.', 'MEMBER_STATE', 'COD', 'PILLAR_1'],
    [
      "Support the national committee's early-warning and early-response work in the affected provinces.",
      'REGIONAL_ORGANISATION',
      'ICGLR',
      'PILLAR_2',
    ],
    ['Stand ready to take timely and decisive action, should preventive measures fail.', 'SECURITY_COUNCIL', null, 'PILLAR_3'],
  ],
  [
    ['Ensure the electoral calendar is accompanied by measures that protect all communities.', 'MEMBER_STATE', 'BDI', 'PILLAR_1'],
    ['Offer mediation and monitoring support around the elections.', 'REGIONAL_ORGANISATION', 'AU', 'PILLAR_2'],
  ],
  [
    ['Assist the authorities in protecting civilians and in restoring the rule of law.', 'INTERNATIONAL_COMMUNITY', null, 'PILLAR_2'],
    ['Consider the situation promptly and act collectively to protect the populations.', 'SECURITY_COUNCIL', null, 'PILLAR_3'],
  ],
];
const recommendationsJson = (list: [string, string, string | null, string][], mark: string) =>
  JSON.stringify(list.map(([text, addressee, addresseeCode, pillar]) => ({ text: `${text} ${mark}`, addressee, addresseeCode, pillar })));

/** Ids of the seeded status changes (stableId('illustrative-alert-status', key, step)) and the note the seed gave each. */
const SEEDED_STEPS: [string, string | null][] = [
  ['0c7fed8c-8730-5a07-9be5-81fb0003b4d4', null],
  ['612363df-3bfe-5ae1-9d05-f4dbdbd2d714', null],
  ['398c96e7-6a68-5235-a43b-9c96e953e647', 'Note to the Secretary-General.'],
  ['8e31f996-8d96-514b-a99b-4472ed4baaf9', 'Briefing to the Security Council requested.'],
  ['009bef5c-ef6d-5d27-bdd5-1ffacdc9b76d', null],
  ['9db18c98-4bcd-5eb4-a580-da5873b6c761', null],
  ['5851a6e2-3645-53dd-be67-290978d277fe', null],
  ['cdb92a75-c470-5a68-acfd-84793f6722fd', null],
  ['80391cff-5042-58d2-a072-186ba835b52e', null],
  ['edfc152c-35b2-5758-9649-e7eab7bee818', null],
  ['d063d4ef-9a64-5fd2-be43-424b9f6c2b39', null],
  ['cea72e9d-6d44-5d99-a7a6-0e56f342d8f9', null],
  ['81a7910c-9c87-5318-9e9b-deae2507c180', null],
  ['989b7800-f488-5808-9ffe-3f62f6dfb5f6', null],
  ['6e0ba839-a2fd-5a16-8ce1-216c7a4d612e', null],
  ['4af64cdf-11b6-576c-9997-d8aa92d18fc8', null],
  ['617ba432-0375-5425-8295-d756bc326273', null],
  ['4a066ebd-2bfd-5c48-a16e-b71b0bc852df', 'Corrected version issued.'],
  ['32aca065-3480-50ed-8d89-5cae9ca2798b', null],
  ['19e2c6b7-a552-5644-9c6e-8917cd9254c7', null],
  ['b750b2ef-b6cb-5c61-86e8-1d3ffc143f5a', null],
  ['1dfb15dc-e7f8-5d1b-a73d-f623d6976e48', null],
  ['db07e35e-9245-5c85-afd9-b572ad285b43', null],
  ['d61bdc73-0a63-5b7b-a0dd-9e907b1d02e9', null],
  ['8f398254-3b8e-594b-bc38-f1785a26dfad', null],
  ['c4bf700b-3f52-5111-8fac-0b5546b9956c', 'Situation de-escalating; no further action expected.'],
];

/** Ids of the seeded acknowledgements (stableId('illustrative-acknowledgement', key, org)) and their seeded notes. */
const SEEDED_ACKNOWLEDGEMENTS: [string, string | null][] = [
  ['b8df8d40-fd16-54ce-9570-53287949fe37', 'Shared with the Regional Committee.'],
  ['134ae49d-5f36-5657-9e8a-efd2d11353ab', null],
  ['9ec828d6-664a-57c3-a12c-a5f1a3574261', null],
  ['f3543a6d-f265-5059-8af6-0276cd297873', 'Received; kept within the Office.'],
  ['9c9fc812-b319-5971-a955-14ae54de3d5c', null],
  ['3b6e2aae-ffb2-57de-9adf-32737e862596', null],
  ['8f8d9c79-13e5-54cd-bec1-bf9b9577ddb9', null],
  ['2d29bf52-5e91-59bd-956b-29acbaa2a2fd', null],
];

const OF_ILLUSTRATIVE = `"alert_id" IN (SELECT "id" FROM "alerts"."alert" WHERE "illustrative")`;

async function rewriteNotes(queryRunner: QueryRunner, table: string, rows: [string, string | null][], forward: boolean): Promise<void> {
  for (const [id, seeded] of rows) {
    const [from, to] = forward ? [seeded, marked(seeded)] : [marked(seeded), seeded];
    await queryRunner.query(
      `UPDATE "alerts"."${table}" SET "note" = $3 WHERE "id" = $1 AND ${OF_ILLUSTRATIVE} AND "note" IS NOT DISTINCT FROM $2::text`,
      [id, from, to],
    );
  }
}

async function rewrite(queryRunner: QueryRunner, forward: boolean): Promise<void> {
  for (const [oldTitle, oldBody, newTitle, newBody] of SEEDED_ALERTS) {
    const [title, body, toTitle, toBody] = forward ? [oldTitle, oldBody, newTitle, newBody] : [newTitle, newBody, oldTitle, oldBody];
    await queryRunner.query(`UPDATE "alerts"."alert" SET "title" = $3, "body" = $4 WHERE "illustrative" AND "title" = $1 AND "body" = $2`, [
      title,
      body,
      toTitle,
      toBody,
    ]);
  }
  for (const list of SEEDED_RECOMMENDATIONS) {
    const [from, to] = forward ? [OLD_RECOMMENDATION_MARK, RECOMMENDATION_MARK] : [RECOMMENDATION_MARK, OLD_RECOMMENDATION_MARK];
    await queryRunner.query(`UPDATE "alerts"."alert" SET "recommendations" = $2::jsonb WHERE "illustrative" AND "recommendations" = $1::jsonb`, [
      recommendationsJson(list, from),
      recommendationsJson(list, to),
    ]);
  }
  await rewriteNotes(queryRunner, 'alert_status_change', SEEDED_STEPS, forward);
  await rewriteNotes(queryRunner, 'acknowledgement', SEEDED_ACKNOWLEDGEMENTS, forward);
}

export class ExerciseAlertTexts1796396000000 implements MigrationInterface {
  name = 'ExerciseAlertTexts1796396000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rewrite(queryRunner, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rewrite(queryRunner, false);
  }
}
