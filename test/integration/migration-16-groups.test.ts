// Issue 16's "who is at risk" on a database already in use: situations, assessments and incidents
// stored before come through the ProtectedGroups migration with every value kept, naming no groups
// and no displacement, except the illustrative seed's own rows, which get what a fresh seed writes.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { stableId } from '../../subgraphs/kernel/db/seeding';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { ILLUSTRATIVE_GROUPS, ILLUSTRATIVE_SITUATIONS, illustrativeDisplacement } from '../../subgraphs/situations/data/illustrative';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const situations = SUBGRAPHS.find((s) => s.name === 'situations')!;

const PARTNER_SITUATION = '00000000-0000-5000-8000-000000000011';
const PARTNER_INCIDENT = '00000000-0000-5000-8000-000000000012';
const KIVU = ILLUSTRATIVE_SITUATIONS.find((s) => s.key === 'great-lakes-kivu')!;
const KIVU_ID = illustrativeSituationId('great-lakes-kivu');
const KIVU_ASSESSMENT = stableId('assessment', 'great-lakes-kivu', KIVU.assessments[0].on);
// The seed's incident at Kivu's first place, k = 1: best fatality estimate (0 + 1) * (1 + 2).
const KIVU_INCIDENT = stableId('incident', 'great-lakes-kivu', 0, 1);

describe.each(['pglite', 'postgres'] as const)('the protected groups migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('keeps every stored value, names no groups or displacement on partner rows, and gives the seed rows their groups and figures', async () => {
    db = await openBeforeIssue16(situations, database.target);
    await db.query(
      `INSERT INTO situations.situation (id, owner_org, created_by_org, version, country_iso3, title, summary, opened_on, crimes, illustrative)
       VALUES ($1, 'ECOWAS', 'ECOWAS', 3, 'NGA', 'Partner situation', 'summary', '2026-01-01', '{WAR_CRIMES}', false),
              ($2, 'ICGLR', 'ICGLR', 1, 'COD', 'Seeded situation', 'seeded', '2024-03-01', '{GENOCIDE}', true)`,
      [PARTNER_SITUATION, KIVU_ID],
    );
    await db.query(
      `INSERT INTO situations.risk_assessment (id, owner_org, created_by_org, version, situation_id, framework_version, assessed_by_org, assessed_on, overall_level, summary, crimes)
       VALUES ($1, 'ICGLR', 'ICGLR', 1, $2, '2014', 'ICGLR', '2025-06-10', 'HIGH', 'seeded assessment', '{GENOCIDE}'),
              ('00000000-0000-5000-8000-000000000013', 'ECOWAS', 'ECOWAS', 1, $3, '2014', 'ECOWAS', '2026-02-01', 'MODERATE', 'partner assessment', '{WAR_CRIMES}')`,
      [KIVU_ASSESSMENT, KIVU_ID, PARTNER_SITUATION],
    );
    await db.query(
      `INSERT INTO situations.incident (id, owner_org, created_by_org, version, situation_id, country_iso3, occurred_on, event_type, actors, fatalities_low, fatalities_best, fatalities_high, notes, external_id)
       VALUES ($1, 'ECOWAS', 'ECOWAS', 2, $2, 'NGA', '2026-03-01', 'Battles', '{"Actor A"}', 1, 2, 4, 'partner notes', 'ext-1'),
              ($3, 'ICGLR', 'ICGLR', 1, $4, 'COD', '2026-02-11', 'Riots', '{}', 2, 3, 6, 'seeded notes', 'seed-great-lakes-kivu-0-1')`,
      [PARTNER_INCIDENT, PARTNER_SITUATION, KIVU_INCIDENT, KIVU_ID],
    );
    db = await upgradeToCurrent(db, situations, database.target);

    const situationRows = await db.query(`SELECT id, title, version, crimes::text[] AS crimes, groups FROM situations.situation ORDER BY title`);
    expect(situationRows).toEqual([
      { id: PARTNER_SITUATION, title: 'Partner situation', version: 3, crimes: ['WAR_CRIMES'], groups: [] },
      { id: KIVU_ID, title: 'Seeded situation', version: 1, crimes: ['GENOCIDE'], groups: ILLUSTRATIVE_GROUPS['great-lakes-kivu'] },
    ]);
    expect(ILLUSTRATIVE_GROUPS['great-lakes-kivu'].length).toBeGreaterThan(0);
    const assessments = await db.query(`SELECT summary, overall_level, groups FROM situations.risk_assessment ORDER BY summary`);
    expect(assessments).toEqual([
      { summary: 'partner assessment', overall_level: 'MODERATE', groups: [] },
      { summary: 'seeded assessment', overall_level: 'HIGH', groups: ILLUSTRATIVE_GROUPS['great-lakes-kivu'] },
    ]);
    const incidents = await db.query(
      `SELECT external_id, version, actors, fatalities_low, fatalities_best, fatalities_high, notes, groups, displaced_low, displaced_best, displaced_high
         FROM situations.incident ORDER BY external_id`,
    );
    const seeded = illustrativeDisplacement(3);
    expect(incidents).toEqual([
      {
        external_id: 'ext-1',
        version: 2,
        actors: ['Actor A'],
        fatalities_low: 1,
        fatalities_best: 2,
        fatalities_high: 4,
        notes: 'partner notes',
        groups: [],
        displaced_low: null,
        displaced_best: null,
        displaced_high: null,
      },
      {
        external_id: 'seed-great-lakes-kivu-0-1',
        version: 1,
        actors: [],
        fatalities_low: 2,
        fatalities_best: 3,
        fatalities_high: 6,
        notes: 'seeded notes',
        groups: ILLUSTRATIVE_GROUPS['great-lakes-kivu'],
        displaced_low: seeded.displacedLow,
        displaced_best: seeded.displacedBest,
        displaced_high: seeded.displacedHigh,
      },
    ]);
  });
});
