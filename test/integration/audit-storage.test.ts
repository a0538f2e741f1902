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
import { auditTrailResolver } from '../../subgraphs/kernel/audit/audit-trail.resolver';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { migrations as situationsMigrations } from '../../subgraphs/situations/migrations';
import { AuditLayout1796200000000 } from '../../subgraphs/situations/migrations/1796200000000-AuditLayout';
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

describe('migration AuditLayout over rows of the old layout', () => {
  let old: TestDatabase;
  afterAll(async () => {
    await old?.drop();
  });

  const FIELDS = `action, record_type AS "recordType", record_id AS "recordId", record_owner_org AS "recordOwnerOrg", classification, actor_sub AS "actorSub", actor_org AS "actorOrg", operation_name AS "operationName", at`;
  type Event = Record<string, unknown> & { at: Date | string };
  /** Events compared without their ids (a uuid before, a bigint after), newest first, ties in one order. */
  const canonical = (events: Event[]) =>
    events
      .map(({ id: _id, subgraph: _subgraph, ...event }) => ({ ...event, at: new Date(event.at).toISOString() }))
      .sort((a, b) => (a.at === b.at ? JSON.stringify(a).localeCompare(JSON.stringify(b)) : a.at < b.at ? 1 : -1));

  it('moves every change and read, and the trail answers as the old per-record rows did', async () => {
    old = await createTestDatabase();
    const before = await openSubgraphDatabase({
      schema: 'situations',
      entities: situations.entities,
      migrations: situationsMigrations.filter((m) => m !== AuditLayout1796200000000),
      target: old.target,
    });
    // As the old recorder wrote them: one row per record, a request's reads in one INSERT (one `at`).
    const row = (at: string, action: string, type: string, id: string, owner: string, level: string, sub: string, op: string | null) =>
      `(gen_random_uuid(), '${at}', 'situations', '${action}', '${sub}', '${sub.split('-')[0].toUpperCase()}', ${op ? `'${op}'` : 'NULL'}, '${type}', '${id}', '${owner}', '${level}')`;
    const request = '2026-10-15T08:00:00Z';
    await before.query(
      `INSERT INTO situations.audit_event (id, at, subgraph, action, actor_sub, actor_org, operation_name, record_type, record_id, record_owner_org, classification) VALUES ${[
        row('2025-01-05T10:00:00Z', 'READ', 'Situation', 's2', 'ECOWAS', 'RED', 'au-viewer', 'Early'),
        row(request, 'READ', 'Situation', 's1', 'ECOWAS', 'AMBER', 'unjo-viewer', 'Dashboard'),
        row(request, 'READ', 'Situation', 's2', 'ECOWAS', 'RED', 'unjo-viewer', 'Dashboard'),
        row(request, 'READ', 'Situation', 's3', 'AU', 'AMBER', 'unjo-viewer', 'Dashboard'),
        row(request, 'READ', 'Incident', 'i1', 'ECOWAS', 'AMBER_STRICT', 'unjo-viewer', 'Dashboard'),
        row(request, 'AGGREGATE', 'Situation', 's1', 'ECOWAS', 'AMBER', 'unjo-viewer', 'Dashboard'),
        row('2026-11-20T09:00:00Z', 'UPDATE', 'Situation', 's1', 'ECOWAS', 'AMBER', 'ecowas-editor', null),
        row('2026-11-21T09:00:00Z', 'CREATE', 'Incident', 'i2', 'AU', 'AMBER', 'au-editor', 'NewIncident'),
      ].join(', ')}`,
    );
    const filters: { sql: string; filter?: Record<string, unknown> }[] = [
      { sql: '' },
      { sql: `AND record_id = 's1'`, filter: { recordId: 's1' } },
      { sql: `AND action IN ('READ')`, filter: { actions: [AuditAction.READ] } },
      { sql: `AND action IN ('UPDATE', 'AGGREGATE')`, filter: { actions: [AuditAction.UPDATE, AuditAction.AGGREGATE] } },
      { sql: `AND record_type = 'Incident'`, filter: { recordType: 'Incident' } },
      { sql: `AND at >= '2026-01-01' AND at < '2026-11-01'`, filter: { from: '2026-01-01', to: '2026-10-31' } },
    ];
    const answers: Record<string, Event[]> = {};
    for (const org of ['ECOWAS', 'AU'])
      for (const { sql } of filters)
        answers[`${org} ${sql}`] = await before.query(
          `SELECT ${FIELDS} FROM situations.audit_event WHERE record_owner_org = $1 ${sql} ORDER BY at DESC, id ASC`,
          [org],
        );
    await before.destroy();

    const after = await openSubgraphDatabase({
      schema: 'situations',
      entities: situations.entities,
      migrations: situations.migrations,
      target: old.target,
    });
    try {
      const [{ reads }] = await after.query(`SELECT count(*)::int AS reads FROM situations.audit_read`);
      expect(reads).toBe(5); // the early read; the request's READs of ECOWAS's and AU's situations, its incident, its AGGREGATE
      expect(await after.query(`SELECT to_regclass('situations.audit_event_uuid') AS gone`)).toEqual([{ gone: null }]);
      const Trail = auditTrailResolver('situations') as new () => {
        auditTrail(filter: Record<string, unknown> | undefined, limit: number, ctx: unknown): Promise<Event[]>;
      };
      for (const org of ['ECOWAS', 'AU'])
        for (const { sql, filter } of filters) {
          const ctx = { viewer: { sub: `${org.toLowerCase()}-admin`, org, roles: ['admin'] }, db: after };
          const trail = await new Trail().auditTrail(filter, 500, ctx);
          const expected = answers[`${org} ${sql}`];
          expect(canonical(trail)).toEqual(canonical(expected));
          // Newest first, as before.
          const times = trail.map((e) => new Date(e.at).getTime());
          expect(times).toEqual([...times].sort((a, b) => b - a));
        }
      expect(answers['ECOWAS '].length).toBe(6);
    } finally {
      await after.destroy();
    }
  });
});
