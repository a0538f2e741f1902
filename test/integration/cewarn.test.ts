// The worked example of a partner's own subgraph (partners-contrib/igad-cewarn) in the hub: our four
// subgraphs and the CEWARN one started in this process over one test database, a supergraph composed
// here from their SDLs printed from code (schema/supergraph.ts compose()), and the real gateway
// serving it. Everything below goes through the gateway over HTTP, as a client's request would.
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { DataSource } from 'typeorm';
import { startSubgraph, KERNEL_ENTITIES, illustrativeSituationId, Classification, type RunningSubgraph, type SubgraphModule } from '@hub/kernel';
import { cewarn } from '../../partners-contrib/igad-cewarn/index';
import { REPORTS } from '../../partners-contrib/igad-cewarn/data/reports';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../gateway/auth';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { compose } from '../../schema/supergraph';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { postGraphQL, type GraphQLResponse } from '../support/hub';
import { testKeys } from '../support/internal-keys';
import { loopback } from '../support/network';
import { member, TEST_JWT_SECRET, tokenFor, users, type TestUser } from '../support/users';

const MODULES: readonly SubgraphModule[] = [...SUBGRAPHS, cewarn];

let database: TestDatabase;
let gateway: RunningGateway;
let folder: string;
const running: RunningSubgraph[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const keys = testKeys();
  const peerUrls: Record<string, string> = {};
  for (const module of MODULES) {
    const subgraph = await startSubgraph(module, { target: database.target, seed: true, port: 0, gatewayKeys: keys.gatewayKeys, peerUrls });
    running.push(subgraph);
    peerUrls[module.name] = loopback(subgraph.url);
  }
  const sdls: Record<string, string> = {};
  for (const module of MODULES) sdls[module.name] = printSubgraphSchema(await module.buildSchema()) + '\n';
  folder = mkdtempSync(path.join(tmpdir(), 'hub-cewarn-'));
  const supergraphPath = path.join(folder, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    compose(
      sdls,
      running.map((s) => ({ name: s.name, url: loopback(s.url) })),
    ),
  );
  gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    production: false,
    supergraphPath,
    subgraphUrls: {},
    subgraphTimeoutMs: 10_000,
    bodyLimit: '1mb',
    corsOrigins: [],
    auth: { jwtSecret: TEST_JWT_SECRET, issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE },
    internalKeys: { signingKey: keys.signingKey },
  });
});

afterAll(async () => {
  await gateway?.stop(1000);
  for (const subgraph of running) await subgraph.stop(1000);
  await database?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function ask<T = Record<string, any>>(user: TestUser | typeof users.anonymous, query: string, variables?: Record<string, unknown>) {
  return postGraphQL<T>(loopback(gateway.url), query, variables, { token: await tokenFor(user) });
}

function ok<T>(answer: GraphQLResponse<T>): T {
  expect(answer.errors).toBeUndefined();
  expect(answer.status).toBe(200);
  return answer.data!;
}

// The partner walk of README "A partner's own subgraph", read from the README so that it stays true:
// IGAD's member states, each with the CEWARN reports on it and the situations monitored there with
// the reports on each.
const README = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const WALK = /```\n(query CewarnWalk \{[\s\S]*?)```/.exec(README)![1];

interface Walk {
  partner: {
    memberStates: {
      iso3: string;
      cewarnReports: { id: string; title: string; classification: Classification; ownerOrg: string }[];
      situations: { id: string; title: string; cewarnReports: { id: string; title: string; classification: Classification }[] }[];
    }[];
  };
}

const titles = (walk: Walk) => walk.partner.memberStates.flatMap((c) => c.cewarnReports.map((r) => r.title)).sort();

/** The seeded reports on the member states the walk returned that `readable` lets through. */
function expected(walk: Walk, readable: (report: (typeof REPORTS)[number]) => boolean): string[] {
  const members = new Set(walk.partner.memberStates.map((c) => c.iso3));
  return REPORTS.filter((r) => members.has(r.countryIso3) && readable(r))
    .map((r) => r.title)
    .sort();
}

const SOUTH_SUDAN = illustrativeSituationId('horn-south-sudan');
const SITUATION = `query CewarnSituation($id: ID!) { situation(id: $id) { title cewarnReports { title classification } } }`;

describe('the CEWARN subgraph through the gateway', () => {
  it('answers Country.cewarnReports and Situation.cewarnReports in the partner walk', async () => {
    const walk = ok(await ask<Walk>(users.igadAnalyst, WALK));
    const southSudan = walk.partner.memberStates.find((c) => c.iso3 === 'SSD')!;
    expect(southSudan.cewarnReports.map((r) => r.title)).toEqual([
      '[Illustrative] Inflammatory broadcasts on a community radio station',
      '[Illustrative] Cattle raids between neighbouring communities in Jonglei',
    ]);
    expect(southSudan.cewarnReports.every((r) => r.ownerOrg === 'IGAD')).toBe(true);
    const situation = southSudan.situations.find((s) => s.id === SOUTH_SUDAN)!;
    expect(situation.cewarnReports.map((r) => r.title)).toEqual(southSudan.cewarnReports.map((r) => r.title));
    // The walk reaches several member states, each with its own reports.
    expect(new Set(walk.partner.memberStates.filter((c) => c.cewarnReports.length > 0).map((c) => c.iso3)).size).toBeGreaterThanOrEqual(5);
  });

  it('shows an anonymous reader the CLEAR reports only', async () => {
    const walk = ok(await ask<Walk>(users.anonymous, WALK));
    expect(titles(walk)).toEqual(expected(walk, (r) => r.sharing.classification === Classification.CLEAR));
    expect(titles(walk).length).toBeGreaterThan(0);
    const answer = ok(await ask(users.anonymous, SITUATION, { id: SOUTH_SUDAN }));
    expect(answer.situation.cewarnReports).toEqual([
      { title: '[Illustrative] Cattle raids between neighbouring communities in Jonglei', classification: 'CLEAR' },
    ]);
  });

  it('shows IGAD every report it owns, RED included', async () => {
    const walk = ok(await ask<Walk>(users.igadAnalyst, WALK));
    expect(titles(walk)).toEqual(expected(walk, () => true));
    expect(walk.partner.memberStates.flatMap((c) => c.cewarnReports).some((r) => r.classification === Classification.RED)).toBe(true);
  });

  it('shows an organisation in sharedWith the AMBER reports shared with it, and no RED', async () => {
    const readableBy = (org: string) => (r: (typeof REPORTS)[number]) =>
      r.sharing.classification === Classification.CLEAR ||
      r.sharing.classification === Classification.GREEN ||
      (r.sharing.classification === Classification.AMBER && (r.sharing.sharedWith ?? []).includes(org));
    for (const user of [users.jointOfficeAnalyst, users.auAnalyst, users.ecowasAnalyst]) {
      const walk = ok(await ask<Walk>(user, WALK));
      expect(titles(walk)).toEqual(expected(walk, readableBy(user.org)));
    }
    const auWalk = ok(await ask<Walk>(users.auAnalyst, WALK));
    expect(titles(auWalk)).toContain('[Illustrative] Inflammatory broadcasts on a community radio station');
    const ecowasWalk = ok(await ask<Walk>(users.ecowasAnalyst, WALK));
    expect(titles(ecowasWalk)).not.toContain('[Illustrative] Inflammatory broadcasts on a community radio station');
    const situation = ok(await ask(users.jointOfficeAnalyst, SITUATION, { id: SOUTH_SUDAN }));
    expect(situation.situation.cewarnReports.map((r: { classification: string }) => r.classification)).toEqual(['AMBER', 'CLEAR']);
  });

  it("records an AMBER read in IGAD's cewarnAuditTrail, for IGAD's admins only", async () => {
    const reader = member('UN-JO', 'viewer', 'un-jo-cewarn-reader');
    const walk = ok(await ask<Walk>(reader, WALK));
    // Every AMBER report returned, once per field that returned it: a report on a country and on a
    // situation there is read twice (Country.cewarnReports and Situation.cewarnReports), and audited twice.
    const returned = walk.partner.memberStates.flatMap((c) => [...c.cewarnReports, ...c.situations.flatMap((s) => s.cewarnReports)]);
    const amber = returned.filter((r) => r.classification === Classification.AMBER);
    expect(new Set(amber.map((r) => r.id)).size).toBeGreaterThan(1);
    expect(amber.length).toBeGreaterThan(new Set(amber.map((r) => r.id)).size);
    const TRAIL = `query Trail($filter: AuditTrailFilter) { cewarnAuditTrail(filter: $filter) { action recordType recordId recordOwnerOrg actorSub actorOrg operationName classification } }`;
    const trail = ok(await ask(member('IGAD', 'admin', 'igad-admin'), TRAIL, { filter: { actorOrg: 'UN-JO', recordType: 'FieldReport' } }));
    const reads = trail.cewarnAuditTrail.filter((e: { actorSub: string }) => e.actorSub === reader.sub);
    expect(reads.map((e: { recordId: string }) => e.recordId).sort()).toEqual(amber.map((r) => r.id).sort());
    for (const event of reads) {
      expect(event).toMatchObject({
        action: 'READ',
        recordOwnerOrg: 'IGAD',
        actorOrg: 'UN-JO',
        operationName: 'CewarnWalk',
        classification: 'AMBER',
      });
    }
    // CLEAR and GREEN reads are not audited.
    const clear = returned.filter((r) => r.classification !== Classification.AMBER);
    expect(reads.some((e: { recordId: string }) => clear.some((r) => r.id === e.recordId))).toBe(false);
    // Not an admin, or an admin of another organisation: no trail of IGAD's records.
    const analyst = await ask(users.igadAnalyst, TRAIL, {});
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherAdmin = ok(await ask(users.jointOfficeAdmin, TRAIL, { filter: { recordType: 'FieldReport' } }));
    expect(otherAdmin.cewarnAuditTrail).toEqual([]);
  });

  it('lets only IGAD write a report, once per idempotency key, audited as a change', async () => {
    const REPORT = `mutation Report($input: ReportCewarnFieldInput!) { reportCewarnField(input: $input) { id ownerOrg classification countryIso3 title version } }`;
    const input = {
      idempotencyKey: 'cewarn-test-0001',
      countryIso3: 'ken',
      reportedOn: '2026-11-01',
      title: 'Test report',
      summary: 'Written by the test.',
      classification: 'GREEN',
    };
    const editor = member('IGAD', 'editor', 'igad-editor');
    const created = ok(await ask(editor, REPORT, { input })).reportCewarnField;
    expect(created).toMatchObject({ ownerOrg: 'IGAD', classification: 'GREEN', countryIso3: 'KEN', version: 1 });
    expect(ok(await ask(editor, REPORT, { input })).reportCewarnField.id).toBe(created.id);

    const other = await ask(users.jointOfficeEditor, REPORT, { input: { ...input, idempotencyKey: 'cewarn-test-0002' } });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await ask(users.anonymous, REPORT, { input: { ...input, idempotencyKey: 'cewarn-test-0003' } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const viewer = await ask(users.igadAnalyst, REPORT, { input: { ...input, idempotencyKey: 'cewarn-test-0004' } });
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await ask(editor, REPORT, { input: { ...input, idempotencyKey: 'cewarn-test-0005', countryIso3: 'XXX', reportedOn: '2999-01-01' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('countryIso3');
    expect(JSON.stringify(bad.errors)).toContain('reportedOn');

    const walk = ok(await ask<Walk>(users.ecowasAnalyst, WALK));
    expect(walk.partner.memberStates.find((c) => c.iso3 === 'KEN')!.cewarnReports.map((r) => r.title)).toContain('Test report');
    const trail = ok(
      await ask(member('IGAD', 'admin', 'igad-admin'), `{ cewarnAuditTrail(filter: { recordId: "${created.id}" }) { action actorSub } }`),
    );
    expect(trail.cewarnAuditTrail).toEqual([{ action: 'CREATE', actorSub: 'igad-editor' }]);
  });
});

describe('the CEWARN subgraph database', () => {
  let testDatabase: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    db = await openSubgraphDatabase({ schema: cewarn.name, entities: cewarn.entities, migrations: cewarn.migrations, target: testDatabase.target });
  });

  afterAll(async () => {
    await db?.destroy();
    await testDatabase?.drop();
  });

  it('has a generated first migration that matches its entities and the kernel’s exactly', async () => {
    expect(db.entityMetadatas.map((m) => m.target)).toEqual(expect.arrayContaining([...KERNEL_ENTITIES]));
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'cewarn' AND table_name NOT LIKE '%\\_y%' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['audit_event', 'audit_read', 'field_report', 'idempotency_key', 'migrations']);
  });

  it('keeps its audit trail append-only', async () => {
    await expect(db.query(`DELETE FROM "cewarn"."audit_read"`)).rejects.toThrow(/append-only/);
  });
});
