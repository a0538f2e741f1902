// Issue 16 items 4 and 6 on a database in use before them: every situation's one country moves
// into its list of countries (and stays its primary country), the list gets its GIN index, the
// seeded central Sahel exercise comes to concern the three countries a fresh seed gives it, and
// sources gain a base country: the seeded ones theirs, any other unknown, the region they cover
// kept as it was.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { stableId } from '../../subgraphs/kernel/db/seeding';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { ILLUSTRATIVE_SOURCES } from '../../subgraphs/situations/data/illustrative';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const situations = SUBGRAPHS.find((s) => s.name === 'situations')!;

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

it('moves each situation country into its countries, corrects the seeded rows as a fresh seed has them, and leaves sources their coverage', async () => {
  db = await openBeforeIssue16(situations, database.target);
  const sahel = illustrativeSituationId('sahel-central');
  const partners = randomUUID();
  const unSource = ILLUSTRATIVE_SOURCES.find((s) => s.name === 'Illustrative UN field report')!;
  const seededSource = stableId('source', unSource.ownerOrg, unSource.name);
  const ownSource = randomUUID();
  await db.query(
    `INSERT INTO situations.situation (id, owner_org, created_by_org, version, country_iso3, title, summary, opened_on, illustrative)
     VALUES ($1, 'AU', 'AU', 1, 'BFA', 'Seeded before', 'Seeded before.', '2022-02-01', true),
            ($2, 'ECOWAS', 'ECOWAS', 3, 'GHA', 'A partner''s own situation', 'Written by ECOWAS.', '2025-05-05', false)`,
    [sahel, partners],
  );
  await db.query(
    `INSERT INTO situations.source (id, owner_org, created_by_org, version, name, type, region)
     VALUES ($1, 'UN-JO', 'UN-JO', 1, $2, 'UN', 'Global'),
            ($3, 'ECOWAS', 'ECOWAS', 1, 'A partner''s radio monitor', 'MEDIA', 'Africa')`,
    [seededSource, unSource.name, ownSource],
  );
  await db.query(
    `INSERT INTO situations.incident (owner_org, created_by_org, version, situation_id, country_iso3, occurred_on, event_type, source_id)
     VALUES ('ECOWAS', 'ECOWAS', 1, $1, 'GHA', '2026-03-01', 'Riots', $2)`,
    [partners, ownSource],
  );

  db = await upgradeToCurrent(db, situations, database.target);

  const rows: { id: string; country_iso3: string; country_codes: string[]; version: number }[] = await db.query(
    `SELECT id, country_iso3, CAST(country_codes AS text[]) AS country_codes, version FROM situations.situation ORDER BY opened_on`,
  );
  expect(rows).toEqual([
    { id: sahel, country_iso3: 'BFA', country_codes: ['BFA', 'MLI', 'NER'], version: 1 },
    { id: partners, country_iso3: 'GHA', country_codes: ['GHA'], version: 3 },
  ]);
  const sources: { id: string; region: string; base: string | null }[] = await db.query(
    `SELECT id, region, CAST(base_country_iso3 AS text) AS base FROM situations.source ORDER BY name`,
  );
  expect(sources).toEqual([
    { id: ownSource, region: 'Africa', base: null },
    { id: seededSource, region: 'Global', base: 'USA' },
  ]);
  const [{ incidents }] = await db.query(`SELECT count(*)::int AS incidents FROM situations.incident WHERE situation_id = $1 AND source_id = $2`, [
    partners,
    ownSource,
  ]);
  expect(incidents).toBe(1);
  const [index] = await db.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'situations' AND indexname = 'situation_country_codes_gin'`);
  expect(index.indexdef).toMatch(/USING gin \(country_codes\)/);
  const found: { id: string }[] = await db.query(`SELECT id FROM situations.situation WHERE country_codes && CAST($1 AS char(3)[]) ORDER BY id`, [
    ['NER'],
  ]);
  expect(found.map((f) => f.id)).toEqual([sahel]);

  // A database seeded fresh now holds the same countries and base for the seeded rows.
  seeded = await openBeforeIssue16(situations, fresh.target).then((old) => upgradeToCurrent(old, situations, fresh.target));
  await seedSubgraph(situations, seeded!);
  const [seededSahel] = await seeded!.query(`SELECT CAST(country_codes AS text[]) AS country_codes FROM situations.situation WHERE id = $1`, [sahel]);
  expect(seededSahel.country_codes).toEqual(rows[0].country_codes);
  const [seededBase] = await seeded!.query(`SELECT CAST(base_country_iso3 AS text) AS base FROM situations.source WHERE id = $1`, [seededSource]);
  expect(seededBase.base).toBe('USA');
});
