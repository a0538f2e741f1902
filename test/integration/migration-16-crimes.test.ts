// Issue 16's crime vocabulary on a database already in use: records stored with the old fifth
// "crime" INCITEMENT come through the CrimeLists migrations with incitement beside the crimes they
// named, every row kept.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const moduleNamed = (name: string) => SUBGRAPHS.find((s) => s.name === name)!;

const SITUATIONS = [
  { id: '00000000-0000-5000-8000-000000000001', crimes: '{GENOCIDE,CRIMES_AGAINST_HUMANITY,INCITEMENT}' },
  { id: '00000000-0000-5000-8000-000000000002', crimes: '{INCITEMENT}' },
  { id: '00000000-0000-5000-8000-000000000003', crimes: '{WAR_CRIMES,ETHNIC_CLEANSING}' },
];

describe.each(['pglite', 'postgres'] as const)('the crime lists migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('moves INCITEMENT out of the crimes of situations and assessments into incitement, keeping every row', async () => {
    const situations = moduleNamed('situations');
    db = await openBeforeIssue16(situations, database.target);
    for (const [n, s] of SITUATIONS.entries()) {
      await db.query(
        `INSERT INTO situations.situation (id, owner_org, created_by_org, version, country_iso3, title, summary, opened_on, crimes)
         VALUES ($1, 'UN-JO', 'UN-JO', 1, 'KEN', $2, 'summary', '2026-01-01', $3)`,
        [s.id, `Situation ${n}`, s.crimes],
      );
      await db.query(
        `INSERT INTO situations.risk_assessment (owner_org, created_by_org, version, situation_id, framework_version, assessed_by_org, assessed_on, overall_level, summary, crimes)
         VALUES ('UN-JO', 'UN-JO', 1, $1, '2014', 'UN-JO', '2026-02-01', 'HIGH', 'assessment', $2)`,
        [s.id, s.crimes],
      );
    }
    db = await upgradeToCurrent(db, situations, database.target);

    const rows: { id: string; title: string; crimes: string[]; incitement: string[] }[] = await db.query(
      `SELECT id, title, crimes::text[] AS crimes, incitement::text[] AS incitement FROM situations.situation ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: SITUATIONS[0].id,
        title: 'Situation 0',
        crimes: ['GENOCIDE', 'CRIMES_AGAINST_HUMANITY'],
        incitement: ['GENOCIDE', 'CRIMES_AGAINST_HUMANITY'],
      },
      { id: SITUATIONS[1].id, title: 'Situation 1', crimes: ['GENOCIDE'], incitement: ['GENOCIDE'] },
      { id: SITUATIONS[2].id, title: 'Situation 2', crimes: ['WAR_CRIMES', 'ETHNIC_CLEANSING'], incitement: [] },
    ]);
    const assessments: { situation_id: string; crimes: string[]; incitement: string[]; occurring: string[]; summary: string }[] = await db.query(
      `SELECT situation_id, crimes::text[] AS crimes, incitement::text[] AS incitement, crimes_occurring::text[] AS occurring, summary
         FROM situations.risk_assessment ORDER BY situation_id`,
    );
    expect(assessments.map((a) => [a.crimes, a.incitement, a.occurring, a.summary])).toEqual([
      [['GENOCIDE', 'CRIMES_AGAINST_HUMANITY'], ['GENOCIDE', 'CRIMES_AGAINST_HUMANITY'], [], 'assessment'],
      [['GENOCIDE'], ['GENOCIDE'], [], 'assessment'],
      [['WAR_CRIMES', 'ETHNIC_CLEANSING'], [], [], 'assessment'],
    ]);
    // The enum no longer knows INCITEMENT: nothing can store it again.
    await expect(db.query(`SELECT 'INCITEMENT'::situations.crime`)).rejects.toThrow(/invalid input value/);
    await db.destroy();
    db = undefined;
  });

  it('does the same for alerts', async () => {
    const alerts = moduleNamed('alerts');
    db = await openBeforeIssue16(alerts, database.target);
    await db.query(
      `INSERT INTO alerts.alert (owner_org, created_by_org, version, type, level, title, body, country_iso3, crimes)
       VALUES ('UN-JO', 'UN-JO', 1, 'EARLY_WARNING', 'HIGH', 'a', 'body', 'KEN', '{CRIMES_AGAINST_HUMANITY,INCITEMENT}'),
              ('UN-JO', 'UN-JO', 1, 'BRIEFING', 'LOW', 'b', 'body', 'KEN', '{WAR_CRIMES}')`,
    );
    db = await upgradeToCurrent(db, alerts, database.target);
    const rows = await db.query(`SELECT title, crimes::text[] AS crimes, incitement::text[] AS incitement FROM alerts.alert ORDER BY title`);
    expect(rows).toEqual([
      { title: 'a', crimes: ['CRIMES_AGAINST_HUMANITY'], incitement: ['CRIMES_AGAINST_HUMANITY'] },
      { title: 'b', crimes: ['WAR_CRIMES'], incitement: [] },
    ]);
  });
});
