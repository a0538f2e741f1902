// Issue 16's framework corrections on a database already in use: a situations database at the
// schema main had before issue 16, holding the framework rows the old seed wrote (scope ALL, category
// 4 "Political ...", trigger 8.3 as one item) and assessments citing them, is brought up by the
// FrameworkWording migration; its framework tables then agree with a fresh database seeded now,
// and nothing the assessments stored is lost.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { stableId } from '../../subgraphs/kernel/db/seeding';
import { FRAMEWORKS, type FrameworkRecord } from '../../subgraphs/situations/data/framework';
import { riskFactorId, seedReference } from '../../subgraphs/situations/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const situations = SUBGRAPHS.find((s) => s.name === 'situations')!;

// What the seed wrote before issue 16, the corrections undone: the data as it stood then.
const OLD_C4 =
  'Political motivation of leading actors in the State/region; acts which serve to encourage divisions between national, racial, ethnic and religious groups';
const OLD_TRIGGER = 'Internal deployment of the military to act against civilians, or the commencement of armed hostilities.';

function oldSeed(framework: FrameworkRecord): FrameworkRecord {
  return {
    ...framework,
    riskFactors: framework.riskFactors.map((factor) => ({
      ...factor,
      scope: factor.scope === 'COMMON' ? ('ALL' as never) : factor.scope,
      title: framework.version === '2009' && factor.code === 'C4' ? OLD_C4 : factor.title,
      indicators: factor.indicators
        .filter((i) => !(framework.version === '2009' && i.code === '8.6'))
        .map((i) => (framework.version === '2009' && i.code === '8.3' ? { ...i, text: OLD_TRIGGER } : i)),
    })),
  };
}

async function insertOldSeed(db: DataSource): Promise<void> {
  const owned = `'UN-JO', 'UN-JO', 'CLEAR', 1`;
  for (const framework of FRAMEWORKS.map(oldSeed)) {
    await db.query(
      `INSERT INTO situations.framework (owner_org, created_by_org, classification, version, id, title, year, description)
       VALUES (${owned}, $1, $2, $3, $4)`,
      [framework.version, framework.title, framework.year, framework.description],
    );
    for (const factor of framework.riskFactors) {
      await db.query(
        `INSERT INTO situations.risk_factor (owner_org, created_by_org, classification, version, id, framework_version, code, number, title, description, scope)
         VALUES (${owned}, $1, $2, $3, $4, $5, $6, $7)`,
        [riskFactorId(framework.version, factor.code), framework.version, factor.code, factor.number, factor.title, factor.description, factor.scope],
      );
      for (const [position, indicator] of factor.indicators.entries())
        await db.query(
          `INSERT INTO situations.indicator (owner_org, created_by_org, classification, version, id, risk_factor_id, framework_version, code, position, text)
           VALUES (${owned}, $1, $2, $3, $4, $5, $6)`,
          [
            stableId('indicator', framework.version, indicator.code),
            riskFactorId(framework.version, factor.code),
            framework.version,
            indicator.code,
            position + 1,
            indicator.text,
          ],
        );
    }
  }
}

// Every column but the bookkeeping ones (when a row was written, how often it changed).
const TABLES = {
  framework: 'id, title, year, description, source, source_note, hub_numbering, owner_org, created_by_org, classification, shared_with',
  risk_factor:
    'id, framework_version, code, number, title, description, scope::text, wording_status::text, wording_note, owner_org, classification, shared_with',
  indicator:
    'id, risk_factor_id, framework_version, code, position, text, wording_status::text, wording_note, owner_org, classification, shared_with',
};

async function frameworkTables(db: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, columns] of Object.entries(TABLES)) tables[table] = await db.query(`SELECT ${columns} FROM situations.${table} ORDER BY id`);
  return tables;
}

const SITUATION = '00000000-0000-5000-8000-0000000000f1';
const FACTORS_2009 = [
  {
    riskFactor: 'C8',
    level: 'HIGH',
    evidence: null,
    indicators: [
      { indicator: '8.3', observed: true, evidence: 'Troops deployed to the district.' },
      { indicator: '8.4', observed: false, evidence: null },
    ],
  },
];
const FACTORS_2014 = [
  { riskFactor: 'RF7', level: 'MODERATE', evidence: null, indicators: [{ indicator: '7.14', observed: true, evidence: 'Broadcasts.' }] },
];

describe.each(['pglite', 'postgres'] as const)('the framework wording migration on %s', (kind) => {
  let migrated: TestDatabase;
  let fresh: TestDatabase;
  let db: DataSource | undefined;
  let seeded: DataSource | undefined;

  beforeAll(async () => {
    migrated = await createTestDatabase(kind);
    fresh = await createTestDatabase(kind);
    db = await openBeforeIssue16(situations, migrated.target);
    await insertOldSeed(db);
    await db.query(
      `INSERT INTO situations.situation (id, owner_org, created_by_org, version, country_iso3, title, summary, opened_on, crimes)
       VALUES ($1, 'UN-JO', 'UN-JO', 1, 'KEN', '[Test] Situation', 'summary', '2026-01-01', '{GENOCIDE}')`,
      [SITUATION],
    );
    for (const [version, factors] of [
      ['2009', FACTORS_2009],
      ['2014', FACTORS_2014],
    ] as const)
      await db.query(
        `INSERT INTO situations.risk_assessment (owner_org, created_by_org, version, situation_id, framework_version, assessed_by_org, assessed_on, overall_level, summary, crimes, factors)
         VALUES ('UN-JO', 'UN-JO', 1, $1, $2, 'UN-JO', '2026-02-01', 'HIGH', 'assessment', '{GENOCIDE}', $3)`,
        [SITUATION, version, JSON.stringify(factors)],
      );
    db = await upgradeToCurrent(db, situations, migrated.target);
    seeded = await openSubgraphDatabase({
      schema: situations.name,
      entities: situations.entities,
      migrations: situations.migrations,
      target: fresh.target,
    });
    await seedReference(seeded);
  });

  afterAll(async () => {
    await db?.destroy();
    await seeded?.destroy();
    await migrated?.drop();
    await fresh?.drop();
  });

  it('leaves the framework tables as a fresh seed writes them', async () => {
    const after = await frameworkTables(db!);
    expect(after.indicator.length).toBeGreaterThan(100);
    expect(after).toEqual(await frameworkTables(seeded!));
  });

  it('made the corrections the issue asks for, in place', async () => {
    const [c4] = await db!.query(`SELECT title, version FROM situations.risk_factor WHERE framework_version = '2009' AND code = 'C4'`);
    expect(c4).toEqual({ title: 'Motivation of key actors and acts that encourage division', version: 2 });
    const scopes = await db!.query(
      `SELECT DISTINCT scope::text AS scope FROM situations.risk_factor WHERE number <= 8 AND framework_version = '2014'`,
    );
    expect(scopes).toEqual([{ scope: 'COMMON' }]);
    const verified = await db!.query(
      `SELECT f.code, bool_and(i.wording_status = 'VERIFIED') AS all_verified
         FROM situations.indicator i JOIN situations.risk_factor f ON f.id = i.risk_factor_id
        WHERE f.framework_version = '2014' AND i.code <> '13.10' GROUP BY f.code HAVING bool_and(i.wording_status = 'VERIFIED') ORDER BY f.code`,
    );
    expect(verified.map((r: { code: string }) => r.code)).toEqual(['RF13', 'RF7', 'RF8', 'RF9']);
  });

  it('keeps every assessment and what it stored', async () => {
    const rows: { framework_version: string; factors: unknown }[] = await db!.query(
      `SELECT framework_version, factors FROM situations.risk_assessment WHERE situation_id = $1 ORDER BY framework_version`,
      [SITUATION],
    );
    expect(rows).toEqual([
      { framework_version: '2009', factors: FACTORS_2009 },
      { framework_version: '2014', factors: FACTORS_2014 },
    ]);
  });

  it('leaves nothing for the seed to add afterwards', async () => {
    const before = await frameworkTables(db!);
    await seedReference(db!);
    expect(await frameworkTables(db!)).toEqual(before);
  });
});
