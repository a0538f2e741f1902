// Issue 16: the Office's name as it uses it (shared/domain.md, "Corrections and additions"): the seeded
// sources no longer cite the "Joint Office's record". Updated in place on the rows the seed wrote (same
// ids), each only while its source is still exactly what the seed, and the migrations before this one,
// gave it: a source an editor has since changed is the editor's.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_RECORD = "Joint Office's record (shared/domain.md)";
const RECORD = "The Office's record (shared/domain.md)";
const MONTH_ONLY = 'the record gives the month only: startDate is the 1st of the month, not the day it began';
const MODULES_INFERRED = 'modules inferred from the recorded subject, not from a curriculum';
const OFFICE_ORGANISED = 'organised by the Office: the record names no co-organiser (not the ICGLR)';
const FOR_ICGLR = 'held for the ICGLR, organised by the Office: the record does not name the ICGLR as co-organiser';
const LATIN_AMERICAN_NETWORK = `: training with the Auschwitz Institute for the Latin American Network in Buenos Aires and Montevideo, recorded here as one session per city; ${MONTH_ONLY}; ${MODULES_INFERRED}.`;

// stableId('training-session', key) of data/sessions.ts, and what follows the record's name in its source.
const SESSION_SOURCES: [string, string][] = [
  [
    '58787ad3-b850-50ae-9735-0b2a7eb32504',
    `, "Corrections and additions": ${FOR_ICGLR}; the seminar came before the founding meeting of the ICGLR Regional Committee on 23 September 2010, on a day the record does not give; startDate is that meeting's day, the latest it can have been (approximate); ${MODULES_INFERRED}. One of the 34 sessions of 2009-2011 in the reported totals.`,
  ],
  ['67dc12e3-6266-55d8-8931-717de6e40a38', `; ${FOR_ICGLR}; ${MONTH_ONLY}; the record gives no place; ${MODULES_INFERRED}.`],
  [
    '89d43bfa-06a2-57cb-aa80-4fd55f938da1',
    `; ${OFFICE_ORGANISED}; ${MONTH_ONLY}; held in Tanzania is assumed from the audience, the record gives no city; ${MODULES_INFERRED}.`,
  ],
  [
    '57271f53-2c08-571d-8370-9f903b8f519f',
    `; ${OFFICE_ORGANISED}; held in Kenya is assumed from the audience, the record gives no city; ${MODULES_INFERRED}.`,
  ],
  ['22e2998f-dffe-5067-8260-01f1c5dbd2fc', `; ${OFFICE_ORGANISED}; ${MODULES_INFERRED}.`],
  [
    'afa54253-97d3-541b-986b-7d9f51e1515d',
    `, "Corrections and additions": organised by the Tanzania National Committee with the Office's support; 70 participants, no breakdown by sex; ${MODULES_INFERRED}.`,
  ],
  ['64051a67-8f60-5eb3-bb48-1faf2d7f5103', LATIN_AMERICAN_NETWORK],
  ['258bf3be-a4c6-56b8-a153-cbac2dde3a47', LATIN_AMERICAN_NETWORK],
  [
    '3919c603-49ae-52cd-915c-96f7f8029aed',
    `, "Corrections and additions": organised by the Kenya National Committee with the Office's support; held in the Coast region, the record names no city; 72 participants, no breakdown by sex; ${MODULES_INFERRED}.`,
  ],
];
// stableId('reported-training-total', 'UN-JO', periodFrom, periodTo) of data/reported-totals.ts.
const TOTAL_SOURCES: [string, string][] = [
  [
    '66330cf7-bf16-5db6-81b9-a7a8b029df0f',
    ': 34 training sessions in 13 countries, 738 persons trained, 2009 to 2011; the period is taken as the three full calendar years.',
  ],
];

export class OfficeName1796394000001 implements MigrationInterface {
  name = 'OfficeName1796394000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, sources] of [
      ['training_session', SESSION_SOURCES],
      ['reported_training_total', TOTAL_SOURCES],
    ] as const)
      for (const [id, rest] of sources)
        await queryRunner.query(
          `UPDATE "training"."${table}" SET source = $2, version = version + 1, updated_at = now() WHERE id = $1 AND source = $3`,
          [id, RECORD + rest, OLD_RECORD + rest],
        );
  }

  // The Office's name stays as it uses it: there is no schema change to take back.
  async down(): Promise<void> {}
}
