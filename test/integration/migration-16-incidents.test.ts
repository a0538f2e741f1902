// Issue 16's incident event types and external ids on a database already in use: incidents stored
// before it, with free-text event types and (reported in the hub) no external id, come through
// the EventTypeCodes migration with codes where the typology knows their text, the text kept, and
// an external id each, every row kept.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const situations = SUBGRAPHS.find((s) => s.name === 'situations')!;
const id = (n: number) => `00000000-0000-5000-8000-0000000001${String(n).padStart(2, '0')}`;

// [event type, sub-event type, external id] as stored before issue 16.
const STORED: [string, string | null, string | null][] = [
  ['Protests', null, 'P-1'],
  ['  protests ', null, null],
  ['armed clash', null, null],
  ['Battles', 'Armed  clash', 'P-4'],
  ['Riots', 'Peaceful protest', null],
  ['Explosions/Remote violence', 'Air/drone strike', null],
  ['xyz', null, 'P-7'],
  ['Armed clash', 'something else', null],
];

describe.each(['pglite', 'postgres'] as const)('the event type codes migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it("maps stored incidents' free-text event types to codes, keeps the text, and gives each an external id", async () => {
    db = await openBeforeIssue16(situations, database.target);
    for (const [n, [eventType, subEventType, externalId]] of STORED.entries()) {
      await db.query(
        `INSERT INTO situations.incident (id, owner_org, created_by_org, version, country_iso3, occurred_on, event_type, sub_event_type, external_id, notes)
         VALUES ($1, 'ECOWAS', 'ECOWAS', 1, 'GHA', '2025-01-01', $2, $3, $4, $5)`,
        [id(n), eventType, subEventType, externalId, `note ${n}`],
      );
    }
    db = await upgradeToCurrent(db, situations, database.target);

    const rows: Record<string, string | null>[] = await db.query(
      `SELECT id, event_type, event_type_code, sub_event_type, sub_event_type_code, external_id, notes, version FROM situations.incident ORDER BY id`,
    );
    expect(rows.map((r) => [r.event_type, r.event_type_code, r.sub_event_type, r.sub_event_type_code])).toEqual([
      ['Protests', 'PROTESTS', null, null],
      ['  protests ', 'PROTESTS', null, null],
      ['armed clash', 'BATTLES', null, 'ARMED_CLASH'],
      ['Battles', 'BATTLES', 'Armed  clash', 'ARMED_CLASH'],
      // A sub-type of another type is not mapped; the event type still is.
      ['Riots', 'RIOTS', 'Peaceful protest', null],
      ['Explosions/Remote violence', 'EXPLOSIONS_REMOTE_VIOLENCE', 'Air/drone strike', 'AIR_DRONE_STRIKE'],
      ['xyz', null, null, null],
      // A sub-event type written in its own column is what the sub-type is read from, as the importer does.
      ['Armed clash', 'BATTLES', 'something else', null],
    ]);
    // External ids the partner gave are kept; incidents without one get their hub id.
    expect(rows.map((r) => r.external_id)).toEqual(STORED.map(([, , externalId], n) => externalId ?? id(n)));
    expect(rows.map((r) => [r.notes, Number(r.version)])).toEqual(STORED.map((_, n) => [`note ${n}`, 1]));
    await db.destroy();
    db = undefined;
  });
});
