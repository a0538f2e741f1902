// The FocalPointTerms migration on a database already in use: national focal points stored before
// it (the seeded one and one a network recorded) come through with every field kept and no end to
// their term, and the current model then reads and ends them.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { partnersSubgraph } from '../../subgraphs/partners';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import type { SubgraphModule } from '../../subgraphs/kernel/service/subgraph-service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { migrationTimestamp, upgradeToCurrent } from '../support/upgrade';

// The last partners migration before this one: the national bodies' tables exist, without terms.
const BEFORE_TERMS = 1796360000000;
const PARAGUAY = '00000000-0000-5000-8000-000000000301';
const ARGENTINA = '00000000-0000-5000-8000-000000000302';

describe.each(['pglite', 'postgres'] as const)('the focal point terms migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('keeps every stored focal point as it was, each still holding its role', async () => {
    const migrations = (partnersSubgraph.migrations as unknown[]).filter(
      (m) => migrationTimestamp(m) <= BEFORE_TERMS,
    ) as SubgraphModule['migrations'];
    expect((migrations as unknown[]).length).toBeLessThan((partnersSubgraph.migrations as unknown[]).length);
    db = await openSubgraphDatabase({ schema: partnersSubgraph.name, entities: partnersSubgraph.entities, migrations, target: database.target });
    await db.query(
      `INSERT INTO partners.national_focal_point (id, version, owner_org, created_by_org, classification, country_iso3, office, since, network_code, source)
       VALUES ($1, 1, 'UN-JO', 'UN-JO', 'CLEAR', 'PRY', 'Ombudsman''s office', NULL, 'LATAM-NET', 'the record'),
              ($2, 3, 'LATAM-NET', 'LATAM-NET', 'AMBER', 'ARG', '[Test] an office', '2012-03-30', 'LATAM-NET', NULL)`,
      [PARAGUAY, ARGENTINA],
    );
    db = await upgradeToCurrent(db, partnersSubgraph, database.target);

    const rows: Record<string, unknown>[] = await db.query(
      `SELECT id, version, owner_org, classification, country_iso3, office, since::text AS since, until, network_code, source
       FROM partners.national_focal_point ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: PARAGUAY,
        version: 1,
        owner_org: 'UN-JO',
        classification: 'CLEAR',
        country_iso3: 'PRY',
        office: "Ombudsman's office",
        since: null,
        until: null,
        network_code: 'LATAM-NET',
        source: 'the record',
      },
      {
        id: ARGENTINA,
        version: 3,
        owner_org: 'LATAM-NET',
        classification: 'AMBER',
        country_iso3: 'ARG',
        office: '[Test] an office',
        since: '2012-03-30',
        until: null,
        network_code: 'LATAM-NET',
        source: null,
      },
    ]);
    // The column takes a term's end as the current model writes it.
    await db.query(`UPDATE partners.national_focal_point SET until = '2016-06-30' WHERE id = $1`, [ARGENTINA]);
    expect(await db.query(`SELECT until::text AS until FROM partners.national_focal_point WHERE id = $1`, [ARGENTINA])).toEqual([
      { until: '2016-06-30' },
    ]);
  });
});
