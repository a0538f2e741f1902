// The audit trail's storage: a request's reads are one row per action, record type and owner,
// the owner's trail unnests them into one event per record, and the monthly partitions are
// created ahead and dropped past retention while the trail stays append-only; through the hub, the
// owner's trail answers as it did when every record read was a row of its own.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { AuditRecorder } from '../../subgraphs/kernel/audit/audit-recorder';
import { AuditAction } from '../../subgraphs/kernel/audit/audit-event.entity';
import { maintainAuditPartitions } from '../../subgraphs/kernel/audit/audit-partitions';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';

const situations = SUBGRAPHS.find((s) => s.name === 'situations')!;
let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openSubgraphDatabase({
    schema: 'situations',
    entities: situations.entities,
    migrations: situations.migrations,
    target: database.target,
  });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const rec = (ownerOrg: string, classification: Classification) => ({ ownerOrg, classification });

it('writes one row per request, action, record type and owner, ids and classifications in order', async () => {
  const audit = new AuditRecorder('situations', { sub: 'reader-1', org: 'UN-JO' }, 'OneRowEach');
  const records = [
    { id: 's1', ...rec('ECOWAS', Classification.AMBER) },
    { id: 's2', ...rec('ECOWAS', Classification.RED) },
    { id: 's3', ...rec('AU', Classification.AMBER_STRICT) },
    { id: 's4', ...rec('ECOWAS', Classification.GREEN) },
  ];
  audit.reads('Situation', records, (r) => r.id);
  audit.reads('Situation', records, (r) => r.id); // read twice: noted once
  audit.reads('Incident', [{ id: 'i1', ...rec('ECOWAS', Classification.AMBER) }], (r) => r.id);
  audit.reads('Situation', [{ id: 's1', ...rec('ECOWAS', Classification.AMBER) }], (r) => r.id, AuditAction.AGGREGATE);
  await audit.flush(db.manager);
  const rows = await db.query(
    `SELECT action, record_type, record_owner_org, record_ids, classifications::text[] AS classifications FROM situations.audit_read
      WHERE operation_name = 'OneRowEach' ORDER BY action, record_type, record_owner_org`,
  );
  expect(rows).toEqual([
    { action: 'READ', record_type: 'Incident', record_owner_org: 'ECOWAS', record_ids: ['i1'], classifications: ['AMBER'] },
    { action: 'READ', record_type: 'Situation', record_owner_org: 'AU', record_ids: ['s3'], classifications: ['AMBER_STRICT'] },
    { action: 'READ', record_type: 'Situation', record_owner_org: 'ECOWAS', record_ids: ['s1', 's2'], classifications: ['AMBER', 'RED'] },
    { action: 'AGGREGATE', record_type: 'Situation', record_owner_org: 'ECOWAS', record_ids: ['s1'], classifications: ['AMBER'] },
  ]);
});

it('refuses UPDATE, DELETE and TRUNCATE on both tables and on each partition', async () => {
  const partitions: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'situations.audit_read'::regclass`,
  );
  for (const table of ['audit_event', 'audit_read', partitions[0].name]) {
    await expect(db.query(`DELETE FROM situations.${table}`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE situations.${table} SET actor_org = 'XX'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE situations.${table}`)).rejects.toThrow(/append-only/);
  }
});

it('creates the partitions ahead and drops the months past retention', async () => {
  const names = async (): Promise<string[]> =>
    (
      await db.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'situations.audit_event'::regclass ORDER BY 1`,
      )
    ).map((r: { name: string }) => r.name);
  // An old month, as the migration creates for old rows, with an old change in it.
  await db.query(`SELECT situations.audit_partition('2023-03-01')`);
  await db.query(
    `INSERT INTO situations.audit_event (at, subgraph, action, record_type, record_id, record_owner_org, classification)
     VALUES ('2023-03-15T12:00:00Z', 'situations', 'CREATE', 'Situation', 'old', 'ECOWAS', 'AMBER')`,
  );
  const now = new Date('2026-12-02T10:00:00Z');
  const { dropped } = await maintainAuditPartitions(db, 'situations', 24, now);
  expect(dropped.sort()).toEqual(['audit_event_y2023m03', 'audit_read_y2023m03']);
  const left = await names();
  expect(left).toEqual(expect.arrayContaining(['audit_event_y2026m12', 'audit_event_y2027m01', 'audit_event_y2027m02']));
  expect(left).not.toContain('audit_event_y2023m03');
  expect(await db.query(`SELECT 1 FROM situations.audit_event WHERE record_id = 'old'`)).toEqual([]);
  // Twice changes nothing; a month inside retention stays.
  await db.query(`SELECT situations.audit_partition('2025-01-01')`);
  expect((await maintainAuditPartitions(db, 'situations', 24, now)).dropped).toEqual([]);
  expect(await names()).toContain('audit_event_y2025m01');
});

describe('the trail through the gateway', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub({ seed: true });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  interface TrailEvent {
    action: string;
    recordId: string;
    recordType: string;
    classification: string;
    recordOwnerOrg: string;
    actorOrg: string;
    actorSub: string;
    operationName: string;
  }
  const TRAIL = `query Trail($filter: AuditTrailFilter) { situationsAuditTrail(filter: $filter, limit: 500) { action recordId recordType classification recordOwnerOrg actorOrg actorSub operationName } }`;
  const SENSITIVE = ['AMBER', 'AMBER_STRICT', 'RED'];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  it("shows the owner's admin one READ event per sensitive record read, newest request first, and filters them", async () => {
    const viewer = await tokenFor(users.jointOfficeAnalyst);
    const list = await hub.query<{ situations: { nodes: { id: string; ownerOrg: string; classification: string }[] } }>(
      'query ReadAll { situations(first: 100) { nodes { id ownerOrg classification } } }',
      undefined,
      { token: viewer },
    );
    expect(list.errors).toBeUndefined();
    const ecowas = list.data!.situations.nodes.filter((n) => n.ownerOrg === 'ECOWAS' && SENSITIVE.includes(n.classification));
    expect(ecowas.length).toBeGreaterThanOrEqual(2);
    const one = ecowas[0];
    const single = await hub.query('query ReadOne($id: ID!) { situation(id: $id) { id } }', { id: one.id }, { token: viewer });
    expect(single.errors).toBeUndefined();

    const event = (id: string, classification: string, operationName: string): TrailEvent => ({
      action: 'READ',
      recordId: id,
      recordType: 'Situation',
      classification,
      recordOwnerOrg: 'ECOWAS',
      actorOrg: 'UN-JO',
      actorSub: users.jointOfficeAnalyst.sub,
      operationName,
    });
    const admin = await tokenFor(users.ecowasAdmin);
    const trail = async (filter: Record<string, unknown>) => {
      const answer = await hub.query<{ situationsAuditTrail: TrailEvent[] }>(TRAIL, { filter }, { token: admin });
      expect(answer.errors).toBeUndefined();
      return answer.data!.situationsAuditTrail;
    };
    const reads = await trail({ actions: ['READ'] });
    // The later request first; within the list request one event per record, each once.
    expect(reads[0]).toEqual(event(one.id, one.classification, 'ReadOne'));
    expect(reads.slice(1)).toHaveLength(ecowas.length);
    expect(reads.slice(1)).toEqual(expect.arrayContaining(ecowas.map((n) => event(n.id, n.classification, 'ReadAll'))));

    expect(await trail({ actions: ['READ'], recordId: one.id })).toEqual([
      event(one.id, one.classification, 'ReadOne'),
      event(one.id, one.classification, 'ReadAll'),
    ]);
    expect(await trail({ actions: ['READ'], recordId: 'no-such-record' })).toEqual([]);
    // Reads only: no change was made, and asking for changes shows none of the reads.
    expect(await trail({ actions: ['UPDATE', 'CREATE', 'DELETE'] })).toEqual([]);
    expect(await trail({ actions: ['READ'], from: day(-1), to: day(1) })).toEqual(reads);
    expect(await trail({ actions: ['READ'], from: day(1) })).toEqual([]);
    expect(await trail({ actions: ['READ'], to: day(-1) })).toEqual([]);
    // Another organisation's admin sees none of ECOWAS's.
    const au = await hub.query<{ situationsAuditTrail: TrailEvent[] }>(
      TRAIL,
      { filter: { actions: ['READ'] } },
      { token: await tokenFor(users.auAdmin) },
    );
    expect(au.data!.situationsAuditTrail.filter((e) => e.recordOwnerOrg === 'ECOWAS')).toEqual([]);
  });
});
