// Issue 16 item 11 on a database seeded before it: the illustrative situations, assessments,
// incidents and alerts stored with their old titles and texts are rewritten as exercises, to exactly
// what a fresh seed now writes, while a seeded record someone has edited since is left alone.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { ILLUSTRATIVE_SITUATIONS } from '../../subgraphs/situations/data/illustrative';
import { ILLUSTRATIVE_ALERTS } from '../../subgraphs/alerts/data/alerts';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const moduleNamed = (name: string) => SUBGRAPHS.find((s) => s.name === name)!;
const OLD_NOT_REAL = 'Illustrative seed data for trying the hub; not an assessment of a real situation.';

let database: TestDatabase;
let fresh: TestDatabase;
let db: DataSource | undefined;
let seeded: DataSource | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  fresh = await createTestDatabase();
});

afterAll(async () => {
  await db?.destroy();
  await seeded?.destroy();
  await database?.drop();
  await fresh?.drop();
});

it('rewrites the seeded situations, assessments and incidents to what a fresh seed writes', async () => {
  const situations = moduleNamed('situations');
  db = await openBeforeIssue16(situations, database.target);
  const kivu = illustrativeSituationId('great-lakes-kivu');
  const burundi = illustrativeSituationId('great-lakes-burundi');
  const stored = [
    [kivu, '[Illustrative] Armed groups and hate speech in the Kivus', 'COD'],
    [burundi, '[Illustrative] Political tension ahead of elections', 'BDI'],
  ];
  for (const [id, title, country] of stored) {
    await db.query(
      `INSERT INTO situations.situation (id, owner_org, created_by_org, version, country_iso3, title, summary, opened_on, illustrative)
       VALUES ($1, 'UN-JO', 'UN-JO', 1, $3, $2, $4, '2026-01-01', true)`,
      // Burundi's summary was edited after seeding: it is kept, its title still rewritten.
      [id, title, country, id === kivu ? `${title}. ${OLD_NOT_REAL}` : 'Edited by an analyst.'],
    );
    await db.query(
      `INSERT INTO situations.risk_assessment (owner_org, created_by_org, version, situation_id, framework_version, assessed_by_org, assessed_on, overall_level, summary)
       VALUES ('UN-JO', 'UN-JO', 1, $1, '2014', 'UN-JO', '2026-02-01', 'HIGH', $2)`,
      [id, `Illustrative assessment 1 of "${title}".`],
    );
    await db.query(
      `INSERT INTO situations.incident (owner_org, created_by_org, version, situation_id, country_iso3, occurred_on, event_type, notes)
       VALUES ('UN-JO', 'UN-JO', 1, $1, $2, '2026-03-01', 'Riots', 'Illustrative incident.')`,
      [id, country],
    );
  }
  db = await upgradeToCurrent(db, situations, database.target);

  // A fresh database seeded now, to compare with.
  seeded = await openBeforeIssue16(situations, fresh.target).then((old) => upgradeToCurrent(old, situations, fresh.target));
  await seedSubgraph(situations, seeded!);
  const ask = (on: DataSource) =>
    on.query(
      `SELECT s.id, s.title, s.summary, a.summary AS assessment, i.notes
         FROM situations.situation s
         JOIN situations.risk_assessment a ON a.situation_id = s.id
         JOIN situations.incident i ON i.situation_id = s.id
        WHERE s.id = ANY($1) ORDER BY s.id, a.assessed_on LIMIT 1`,
      [[kivu]],
    );
  const [migrated] = await ask(db);
  const [seededNow] = await ask(seeded!);
  expect(migrated).toEqual(seededNow);
  expect(migrated.title).toBe(ILLUSTRATIVE_SITUATIONS.find((s) => s.key === 'great-lakes-kivu')!.title);
  expect(migrated.title).toMatch(/^\[Exercise\] Scenario A: /);

  const [edited] = await db.query(`SELECT title, summary FROM situations.situation WHERE id = $1`, [burundi]);
  expect(edited).toEqual({ title: ILLUSTRATIVE_SITUATIONS.find((s) => s.key === 'great-lakes-burundi')!.title, summary: 'Edited by an analyst.' });
  const [{ left }] = await db.query(
    `SELECT count(*)::int AS left FROM situations.situation WHERE title LIKE '[Illustrative]%' OR summary LIKE '%Illustrative seed data%'`,
  );
  expect(left).toBe(0);
});

it('rewrites the seeded alerts, leaving an edited one as it is', async () => {
  const alerts = moduleNamed('alerts');
  await db?.destroy();
  db = await openBeforeIssue16(alerts, database.target);
  const oldNotReal = 'Illustrative seed data for trying the hub; not an alert about a real situation.';
  await db.query(
    `INSERT INTO alerts.alert (owner_org, created_by_org, version, type, level, title, body, country_iso3, illustrative)
     VALUES ('UN-JO', 'UN-JO', 1, 'EARLY_WARNING', 'VERY_HIGH', $1, $2, 'COD', true),
            ('UN-JO', 'UN-JO', 1, 'ADVISORY_NOTE', 'MODERATE', $3, 'Rewritten by its author.', 'BDI', true)`,
    [
      '[Illustrative] Early warning: hate speech and armed group mobilisation in the Kivus',
      `Incitement against a protected group is spreading alongside armed group mobilisation; signs of intent are emerging. ${oldNotReal}`,
      '[Illustrative] Advisory note: political tension ahead of elections',
    ],
  );
  db = await upgradeToCurrent(db, alerts, database.target);
  const rows: { title: string; body: string }[] = await db.query(`SELECT title, body FROM alerts.alert ORDER BY level DESC`);
  const kivu = ILLUSTRATIVE_ALERTS.find((a) => a.key === 'kivu-early-warning')!;
  expect(rows[0]).toEqual({ title: kivu.title, body: kivu.body });
  expect(rows[1]).toEqual({ title: '[Illustrative] Advisory note: political tension ahead of elections', body: 'Rewritten by its author.' });
});
