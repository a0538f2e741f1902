// The access policy's SQL (kernel/policy/access-policy.ts) run in real PGlite over generated
// records and readers, against the brief's table written independently in test/security/world-model.ts.
// Covers plain records and derived records with floors (record_floor), with the policy built per
// viewer and prepared once per kind of viewer; drafts and dependent
// records (ownerOnlyWhile, readWith) are left to the integration and security tests.
import 'reflect-metadata';
import fc from 'fast-check';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import type { Viewer } from '../../platform/identity';
import { openPGlite } from '../../subgraphs/kernel/db/database';
import type { PGliteGate } from '../../subgraphs/kernel/db/pglite-pool';
import { pgliteDriver } from '../../subgraphs/kernel/db/pglite-pool';
import { policyOf } from '../../subgraphs/kernel/policy/access-policy';
import { preparedPolicy, VIEWER_ORG, VIEWER_SUB, visibleTo } from '../../subgraphs/kernel/read/policed-query';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { RecordFloor } from '../../subgraphs/kernel/policy/record-floor';
import { ANONYMOUS, LEVELS, tableAllows, type Reader, type Sharing } from '../security/world-model';

// Only the ownership columns the policy reads, under their real column names.
abstract class Policed {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 16, name: 'owner_org' })
  ownerOrg: string;

  @Column({ type: 'enum', enum: Classification, enumName: 'classification' })
  classification: Classification;

  @Column({ type: 'varchar', array: true, name: 'shared_with' })
  sharedWith: string[];

  @Column({ type: 'varchar', array: true, name: 'shared_with_users' })
  sharedWithUsers: string[];
}

@Entity({ name: 'plain_record' })
class PlainRecord extends Policed {}

@Entity({ name: 'derived_record' })
class DerivedRecord extends Policed {}
policyOf(DerivedRecord, { derived: true });

const ORGS = ['UN-JO', 'AU', 'ECOWAS', 'ICGLR'];
const SUBS = ['un-jo-analyst', 'au-analyst', 'ecowas-analyst', 'icglr-analyst', 'outsider'];

const sharing: fc.Arbitrary<Sharing> = fc.record({
  ownerOrg: fc.constantFrom(...ORGS),
  classification: fc.constantFrom(...LEVELS),
  sharedWith: fc.subarray(ORGS),
  sharedWithUsers: fc.subarray(SUBS),
});

// A reader of any org with any sub (a named user may belong to another org than the name suggests).
const reader: fc.Arbitrary<Reader> = fc.oneof(
  fc.constant(ANONYMOUS),
  fc.record({
    name: fc.constant('member'),
    org: fc.constantFrom(...ORGS),
    sub: fc.constantFrom(...SUBS),
    roles: fc.subarray(['viewer', 'editor', 'admin'] as const, { minLength: 1 }),
  }),
);

const derived = fc.record({ record: sharing, floors: fc.array(sharing, { maxLength: 3 }) });

const viewerOf = (r: Reader): Viewer => ({ sub: r.sub, org: r.org, roles: [...r.roles] });
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

let gate: PGliteGate;
let db: DataSource;

beforeAll(async () => {
  gate = await openPGlite();
  db = new DataSource({
    type: 'postgres',
    driver: pgliteDriver(gate),
    schema: 'public',
    entities: [PlainRecord, DerivedRecord, RecordFloor],
    synchronize: true,
  });
  await db.initialize();
});

afterAll(async () => {
  await db.destroy();
  await gate.close();
});

// The policy as a query builder condition (visibleTo), and as the text prepared once for every
// viewer of a kind (preparedPolicy, which the hot read paths run), with the viewer bound as $1, $2.
async function visibleIdsBothWays(entity: typeof PlainRecord | typeof DerivedRecord, r: Reader): Promise<Set<string>[]> {
  const rows = await db
    .getRepository(entity)
    .createQueryBuilder('r')
    .select('r.id', 'id')
    .where(visibleTo({ db, viewer: viewerOf(r) }, entity, 'r'))
    .getRawMany<{ id: string }>();
  const signedIn = r.org !== null;
  const text = preparedPolicy(db, signedIn, entity, 'r').split(VIEWER_ORG).join('$1').split(VIEWER_SUB).join('$2');
  const prepared = (await db.query(`SELECT r.id AS id FROM ${db.getMetadata(entity).tablePath} r WHERE ${text}`, signedIn ? [r.org, r.sub] : [])) as {
    id: string;
  }[];
  return [new Set(rows.map((row) => row.id)), new Set(prepared.map((row) => row.id))];
}

async function visibleIds(entity: typeof PlainRecord | typeof DerivedRecord, r: Reader): Promise<Set<string>> {
  const [built, prepared] = await visibleIdsBothWays(entity, r);
  expect(prepared).toEqual(built);
  return built;
}

async function store(entity: typeof PlainRecord | typeof DerivedRecord, records: Sharing[]): Promise<void> {
  await db.query(`TRUNCATE ${db.getMetadata(entity).tablePath}, ${db.getMetadata(RecordFloor).tablePath}`);
  if (records.length > 0)
    await db.getRepository(entity).insert(records.map((s, i) => ({ id: uuid(i), ...s, classification: s.classification as Classification })));
}

describe('the access policy in SQL', () => {
  it("shows each reader exactly the plain records the brief's table lets them read", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sharing, { maxLength: 12 }), fc.array(reader, { minLength: 1, maxLength: 4 }), async (records, readers) => {
        await store(PlainRecord, records);
        for (const r of readers) {
          const expected = new Set(records.flatMap((s, i) => (tableAllows(r, s) ? [uuid(i)] : [])));
          expect(await visibleIds(PlainRecord, r)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('shows a derived record only to a reader who may read it and every one of its floors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(derived, { maxLength: 8 }), fc.array(reader, { minLength: 1, maxLength: 4 }), async (records, readers) => {
        await store(
          DerivedRecord,
          records.map((d) => d.record),
        );
        const floors = records.flatMap((d, i) =>
          d.floors.map((f, j) => ({
            recordId: uuid(i),
            sourceId: `source-${j}`,
            sourceType: 'Situation',
            ...f,
            classification: f.classification as Classification,
          })),
        );
        if (floors.length > 0) await db.getRepository(RecordFloor).insert(floors);
        for (const r of readers) {
          const expected = new Set(
            records.flatMap((d, i) => (tableAllows(r, d.record) && d.floors.every((f) => tableAllows(r, f)) ? [uuid(i)] : [])),
          );
          expect(await visibleIds(DerivedRecord, r)).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads the same table for a few fixed cases a reader can check by eye', async () => {
    const records: Sharing[] = [
      { ownerOrg: 'ECOWAS', classification: 'CLEAR', sharedWith: [], sharedWithUsers: [] },
      { ownerOrg: 'ECOWAS', classification: 'GREEN', sharedWith: [], sharedWithUsers: [] },
      { ownerOrg: 'ECOWAS', classification: 'AMBER', sharedWith: ['UN-JO'], sharedWithUsers: [] },
      { ownerOrg: 'ECOWAS', classification: 'AMBER_STRICT', sharedWith: ['AU'], sharedWithUsers: [] },
      { ownerOrg: 'ECOWAS', classification: 'RED', sharedWith: ['UN-JO'], sharedWithUsers: ['au-analyst'] },
    ];
    await store(PlainRecord, records);
    const seen = async (r: Reader) => [...(await visibleIds(PlainRecord, r))].map((id) => records[Number(id.slice(-12))].classification).sort();
    const member = (org: string, sub: string): Reader => ({ name: sub, org, sub, roles: ['viewer'] });
    expect(await seen(ANONYMOUS)).toEqual(['CLEAR']);
    expect(await seen(member('ECOWAS', 'ecowas-analyst'))).toEqual([...LEVELS].sort());
    // RED ignores sharedWith: the Office is not a named user.
    expect(await seen(member('UN-JO', 'un-jo-analyst'))).toEqual(['AMBER', 'CLEAR', 'GREEN']);
    expect(await seen(member('AU', 'au-analyst'))).toEqual(['AMBER_STRICT', 'CLEAR', 'GREEN', 'RED']);
    expect(await seen(member('ICGLR', 'icglr-analyst'))).toEqual(['CLEAR', 'GREEN']);
  });
});
