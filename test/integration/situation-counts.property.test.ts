// situationCounts answers exactly what its former statement answered, for every reader: fast-check
// builds small worlds of situations, assessments (ties on assessed_on and created_at included) and
// assessment floors with random owners, classifications and sharing, straight in the situations
// database; every reader then asks situationCounts for a random set of groupings through the
// subgraph, and the answer is compared with the former SQL, kept here as the reference: the
// latest visible assessment in a correlated subquery, regions by array_position. Situations concern
// one to three countries, and the reference counts each once per country it concerns.
import 'reflect-metadata';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Viewer } from '../../platform/identity';
import { Classification, ownership, type Ownership } from '../../subgraphs/kernel/policy/ownership';
import { RecordFloor } from '../../subgraphs/kernel/policy/record-floor';
import { visibleTo } from '../../subgraphs/kernel/read/policed-query';
import { geographyParameters, regionOf } from '../../subgraphs/kernel/reference/regions';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { RISK_LEVELS } from '../../subgraphs/kernel/schema/vocabulary';
import { situationsSubgraph } from '../../subgraphs/situations';
import { RiskAssessment } from '../../subgraphs/situations/entities/risk-assessment.entity';
import { Situation, SituationStatus } from '../../subgraphs/situations/entities/situation.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { testKeys } from '../support/internal-keys';

const ORGS = ['UN-JO', 'AU', 'ECOWAS'];
const USERS = ['alice', 'bob'];
// Two regions, a shared sub-region, and a code the country table does not hold (region null).
const COUNTRIES = ['KEN', 'UGA', 'FRA', 'XXX'];
const DATES = ['2024-01-01', '2024-06-01', '2025-01-01'];
const CREATED = ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'];
const GROUPINGS = ['LEVEL', 'REGION', 'SUB_REGION', 'COUNTRY', 'STATUS'] as const;
const FIELDS: Record<(typeof GROUPINGS)[number], string> = {
  LEVEL: 'level',
  REGION: 'region',
  SUB_REGION: 'subRegion',
  COUNTRY: 'country',
  STATUS: 'status',
};

const readership: fc.Arbitrary<Ownership> = fc.record({
  ownerOrg: fc.constantFrom(...ORGS),
  classification: fc.constantFrom(...Object.values(Classification)),
  sharedWith: fc.subarray(ORGS),
  sharedWithUsers: fc.subarray(USERS),
});

const assessment = fc.record({
  id: fc.uuid({ version: 4 }),
  assessedOn: fc.constantFrom(...DATES),
  createdAt: fc.constantFrom(...CREATED),
  level: fc.constantFrom(...RISK_LEVELS),
  owner: readership,
  floors: fc.array(readership, { maxLength: 2 }),
});

const situation = fc.record({
  // One country, or several for a cross-border situation (the first is its primary country).
  countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 3 }),
  status: fc.constantFrom(...Object.values(SituationStatus)),
  owner: readership,
  assessments: fc.array(assessment, { maxLength: 4 }),
});

type SituationModel = typeof situation extends fc.Arbitrary<infer T> ? T : never;

const reader: fc.Arbitrary<Viewer> = fc.oneof(
  fc.constant(ANONYMOUS),
  fc
    .record({ sub: fc.constantFrom(...USERS, 'carol'), org: fc.constantFrom(...ORGS, 'OSCE') })
    .map(({ sub, org }): Viewer => ({ sub, org, roles: ['viewer'] })),
);

const world = fc.record({
  situations: fc.array(situation, { maxLength: 8 }),
  asks: fc.array(fc.record({ viewer: reader, groupBy: fc.subarray([...GROUPINGS], { minLength: 1 }) }), { minLength: 1, maxLength: 4 }),
});

async function store(db: DataSource, situations: SituationModel[]): Promise<void> {
  await db.query('DELETE FROM situations.record_floor');
  await db.query('DELETE FROM situations.risk_assessment');
  await db.query('DELETE FROM situations.incident');
  await db.query('DELETE FROM situations.situation');
  const seen = new Set<string>();
  for (const s of situations) {
    const id = randomUUID();
    await db.manager.insert(Situation, {
      id,
      countryIso3: s.countries[0],
      countryCodes: s.countries,
      title: 'Generated',
      summary: 'Generated',
      status: s.status,
      crimes: [],
      openedOn: '2020-01-01',
      illustrative: false,
      ...ownership(s.owner),
    });
    for (const a of s.assessments) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      await db.manager.insert(RiskAssessment, {
        id: a.id,
        situationId: id,
        frameworkVersion: '2014',
        assessedByOrg: a.owner.ownerOrg,
        assessedOn: a.assessedOn,
        overallLevel: a.level,
        crimes: [],
        summary: 'Generated',
        factors: [],
        ...ownership(a.owner),
      });
      await db.query('UPDATE situations.risk_assessment SET created_at = $1 WHERE id = $2', [a.createdAt, a.id]);
      for (const [k, floor] of a.floors.entries()) {
        await db.manager.insert(RecordFloor, { recordId: a.id, sourceId: `source-${k}`, sourceType: 'Situation', ...ownership(floor) });
      }
    }
  }
}

const GEOGRAPHIC: readonly (typeof GROUPINGS)[number][] = ['REGION', 'SUB_REGION', 'COUNTRY'];

/**
 * The former situationCounts statement, as it was before the joins replaced its subquery and array
 * lookups. For a geographic grouping it reads, in place of the situation table, one row per
 * situation and country it concerns (the documented rule: a cross-border situation counts once in
 * each country and region it concerns), and counts distinct situations.
 */
async function reference(db: DataSource, viewer: Viewer, groupBy: readonly (typeof GROUPINGS)[number][]): Promise<Record<string, unknown>[]> {
  const perCountry = GEOGRAPHIC.some((g) => groupBy.includes(g));
  const query = perCountry
    ? db
        .createQueryBuilder()
        .from('(SELECT s0.*, CAST(unnest(s0.country_codes) AS text) AS code FROM situations.situation s0)', 's')
        .select('COUNT(DISTINCT s.id)::int', 'situations')
        .setParameters(geographyParameters())
    : db.getRepository(Situation).createQueryBuilder('s').select('COUNT(*)::int', 'situations').setParameters(geographyParameters());
  const level = query
    .subQuery()
    .select('la.overall_level')
    .from(RiskAssessment, 'la')
    .where('la.situation_id = s.id')
    .andWhere(visibleTo({ db, viewer }, RiskAssessment, 'la'))
    .orderBy('la.assessed_on', 'DESC')
    .addOrderBy('la.created_at', 'DESC')
    .addOrderBy('la.id', 'DESC')
    .limit(1)
    .getQuery();
  const sql: Record<(typeof GROUPINGS)[number], string> = {
    LEVEL: level,
    REGION: regionOf('s.code'),
    SUB_REGION: '(CAST(:geoSubRegion AS text[]))[array_position(CAST(:geoIso3 AS text[]), s.code)]',
    COUNTRY: 's.code',
    STATUS: 's.status',
  };
  const chosen = GROUPINGS.filter((g) => groupBy.includes(g));
  chosen.forEach((g, i) => {
    query.addSelect(sql[g], FIELDS[g]);
    if (i === 0) query.groupBy(sql[g]);
    else query.addGroupBy(sql[g]);
    query.addOrderBy(sql[g], 'ASC', 'NULLS LAST');
  });
  query.andWhere(visibleTo({ db, viewer }, Situation, 's'));
  const rows = await query.getRawMany<Record<string, unknown>>();
  return rows.map((row) => ({
    ...Object.fromEntries(GROUPINGS.map((g) => [FIELDS[g], chosen.includes(g) ? (row[FIELDS[g]] ?? null) : null])),
    situations: row.situations,
  }));
}

describe('situationCounts', () => {
  let database: TestDatabase;
  let subgraph: RunningSubgraph;
  const keys = testKeys();

  beforeAll(async () => {
    database = await createTestDatabase();
    subgraph = await startSubgraph(situationsSubgraph, { target: database.target, seed: false, gatewayKeys: keys.gatewayKeys });
  });

  afterAll(async () => {
    await subgraph?.stop(1000);
    await database?.drop();
  });

  async function ask(viewer: Viewer, groupBy: readonly string[]): Promise<Record<string, unknown>[]> {
    const query = `query Counts { situationCounts(groupBy: [${groupBy.join(', ')}]) { level region subRegion country status situations } }`;
    const response = await fetch(subgraph.url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await keys.vouch(viewer, 'Counts', 'situations')) },
      body: JSON.stringify({ query, operationName: 'Counts' }),
    });
    const body = (await response.json()) as { data?: { situationCounts: Record<string, unknown>[] }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.situationCounts;
  }

  it('answers exactly the former statement, for every reader and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ situations, asks }) => {
        await store(subgraph.db, situations);
        for (const { viewer, groupBy } of asks) {
          expect(await ask(viewer, groupBy)).toEqual(await reference(subgraph.db, viewer, groupBy));
        }
      }),
      { numRuns: Number(process.env.COUNTS_RUNS ?? 40), seed: Number(process.env.COUNTS_SEED ?? 20_261_202) },
    );
  }, 600_000);
});
