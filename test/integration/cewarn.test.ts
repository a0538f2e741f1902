// The worked example of a partner's own subgraph (partners-contrib/igad-cewarn) in the hub: our
// subgraphs and the CEWARN one with the real gateway over a supergraph composed from them
// (test/support/partner-hub.ts). Everything below goes through the gateway over HTTP, as a client's
// request would. The example's database checks are its own test, partners-contrib/igad-cewarn/test/.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { illustrativeSituationId, Classification } from '@hub/kernel';
import { cewarn } from '../../partners-contrib/igad-cewarn/index';
import { REPORTS } from '../../partners-contrib/igad-cewarn/data/reports';
import type { GraphQLResponse } from '../support/hub';
import { startPartnerHub, type PartnerHub } from '../support/partner-hub';
import { member, users } from '../support/users';

let hub: PartnerHub;

beforeAll(async () => {
  hub = await startPartnerHub([cewarn]);
});

afterAll(async () => {
  await hub?.stop();
});

const ask: PartnerHub['ask'] = (user, query, variables) => hub.ask(user, query, variables);

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
