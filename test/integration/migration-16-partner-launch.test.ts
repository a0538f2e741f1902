// The PartnerLaunch migration on a database already in use: the Latin American Network's row, seeded
// before the launch columns existed, gets its launch (28-30 March 2012) and the 18 participating
// States the record reports, every other partner keeps its columns empty and its version, and the
// current seed then adds only what is new.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { partnersSubgraph } from '../../subgraphs/partners';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAtMigration, upgradeToCurrent } from '../support/upgrade';

// The last partners migration before this one (OfficeName): partners without a launch.
const BEFORE_LAUNCH = 1796394000000;
const LATAM_ABOUT =
  'A network of States, launched on 28-30 March 2012 with 18 participating States; the Office trained its officials with the Auschwitz Institute in November 2012 and worked with Paraguay in April 2013 (shared/domain.md). The hub does not list the participating States: the record does not name them all.';

describe.each(['pglite', 'postgres'] as const)('the partner launch migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it("dates the Latin American Network's launch in place and leaves every other partner as it was", async () => {
    db = await openAtMigration(partnersSubgraph, database.target, BEFORE_LAUNCH);
    await db.query(
      `INSERT INTO partners.partner (version, owner_org, created_by_org, classification, code, name, kind, member_term, about, website)
       VALUES (1, 'LATAM-NET', 'LATAM-NET', 'CLEAR', 'LATAM-NET', 'Latin American Network for Genocide and Mass Atrocity Prevention', 'NETWORK_OF_STATES', 'participating States', $1, NULL),
              (3, 'AU', 'AU', 'CLEAR', 'AU', 'African Union', 'REGIONAL', 'Member States', NULL, 'https://au.int'),
              (1, 'TEST-NET', 'TEST-NET', 'CLEAR', 'TEST-NET', '[Test] a network the seed never wrote', 'NETWORK_OF_STATES', 'participating States', NULL, NULL)`,
      [LATAM_ABOUT],
    );
    db = await upgradeToCurrent(db, partnersSubgraph, database.target);

    expect(
      await db.query(
        `SELECT code, name, kind, member_term, about, website, version, launched_on::text AS launched_on, launch_ended_on::text AS launch_ended_on, reported_member_count
         FROM partners.partner ORDER BY code`,
      ),
    ).toEqual([
      {
        code: 'AU',
        name: 'African Union',
        kind: 'REGIONAL',
        member_term: 'Member States',
        about: null,
        website: 'https://au.int',
        version: 3,
        launched_on: null,
        launch_ended_on: null,
        reported_member_count: null,
      },
      {
        code: 'LATAM-NET',
        name: 'Latin American Network for Genocide and Mass Atrocity Prevention',
        kind: 'NETWORK_OF_STATES',
        member_term: 'participating States',
        about: LATAM_ABOUT,
        website: null,
        version: 2,
        launched_on: '2012-03-28',
        launch_ended_on: '2012-03-30',
        reported_member_count: 18,
      },
      {
        code: 'TEST-NET',
        name: '[Test] a network the seed never wrote',
        kind: 'NETWORK_OF_STATES',
        member_term: 'participating States',
        about: null,
        website: null,
        version: 1,
        launched_on: null,
        launch_ended_on: null,
        reported_member_count: null,
      },
    ]);

    // The current seed holds the same Latin American Network: it adds the partners that are new and changes none stored.
    await partnersSubgraph.seedReference(db);
    expect(
      await db.query(
        `SELECT code, kind, version, launched_on::text AS launched_on, reported_member_count FROM partners.partner WHERE code IN ('LATAM-NET', 'GCR2P', 'AU') ORDER BY code`,
      ),
    ).toEqual([
      { code: 'AU', kind: 'REGIONAL', version: 3, launched_on: null, reported_member_count: null },
      { code: 'GCR2P', kind: 'CIVIL_SOCIETY', version: 1, launched_on: null, reported_member_count: null },
      { code: 'LATAM-NET', kind: 'NETWORK_OF_STATES', version: 2, launched_on: '2012-03-28', reported_member_count: 18 },
    ]);
  });
});
