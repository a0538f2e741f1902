// The partners subgraph's write path through the gateway over HTTP: an organisation's profile and
// sharing defaults, its focal points, engagements and membership changes, and every refusal.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, changesInTrail, countRows, failedUnexpectedly, injectFault, refused, refusedFields } from '../support/writes';

let hub: Hub;
let ecowasAdmin: string;
let ecowasEditor: string;
let auAdmin: string;
let unjoEditor: string;
let unjoViewer: string;
let icglrEditor: string;
let icglrAdmin: string;

beforeAll(async () => {
  hub = await startHub();
  ecowasAdmin = await tokenFor(users.ecowasAdmin);
  ecowasEditor = await tokenFor(users.ecowasEditor);
  auAdmin = await tokenFor(users.auAdmin);
  unjoEditor = await tokenFor(users.jointOfficeEditor);
  unjoViewer = await tokenFor(users.jointOfficeAnalyst);
  icglrEditor = await tokenFor(users.icglrEditor);
  icglrAdmin = await tokenFor(users.icglrAdmin);
});

afterAll(async () => {
  await hub?.stop();
});

const PARTNER = 'code version updatedAt name website headquartersIso3 headquartersCity sharingDefaults { classification sharedWith }';
const PARTNER_BY_CODE = `query Partner($code: String!) { partner(code: $code) { ${PARTNER} } }`;
const UPDATE_PROFILE = `mutation Profile($input: UpdatePartnerProfileInput!) { updatePartnerProfile(input: $input) { ${PARTNER} } }`;
const SET_DEFAULTS = `mutation Defaults($input: SetSharingDefaultsInput!) { setSharingDefaults(input: $input) { ${PARTNER} } }`;
const FOCAL_POINT = 'id version partnerCode name role email countryIso3 ownerOrg classification sharedWith';
const ADD_FOCAL_POINT = `mutation Add($input: AddFocalPointInput!) { addFocalPoint(input: $input) { ${FOCAL_POINT} } }`;
const UPDATE_FOCAL_POINT = `mutation Update($input: UpdateFocalPointInput!) { updateFocalPoint(input: $input) { ${FOCAL_POINT} } }`;
const REMOVE_FOCAL_POINT = `mutation Remove($input: RemoveFocalPointInput!) { removeFocalPoint(input: $input) { ${FOCAL_POINT} } }`;
const ENGAGEMENT = 'id version partnerCode kind title startDate endDate countryIso3 ownerOrg classification';
const RECORD_ENGAGEMENT = `mutation Engage($input: RecordEngagementInput!) { recordEngagement(input: $input) { ${ENGAGEMENT} } }`;
const MEMBERSHIP = 'id version partnerCode countryIso3 status validFrom validTo note ownerOrg';
const RECORD_MEMBERSHIP = `mutation Member($input: RecordMembershipChangeInput!) { recordMembershipChange(input: $input) { ${MEMBERSHIP} } }`;
const PERIODS = `query Periods($code: String!) { partner(code: $code) { memberships { ${MEMBERSHIP} } } }`;
const MEMBERS_ON = `query Members($code: String!, $on: LocalDate) { partner(code: $code) { memberStates(on: $on) { iso3 } } }`;

type Partner = {
  code: string;
  version: number;
  updatedAt: string;
  website: string | null;
  headquartersCity: string | null;
  sharingDefaults: { classification: string; sharedWith: string[] } | null;
};
type FocalPoint = { id: string; version: number; name: string; email: string | null; ownerOrg: string; classification: string; sharedWith: string[] };
type Engagement = { id: string; partnerCode: string; ownerOrg: string; classification: string };
type Membership = { id: string; countryIso3: string; status: string; validFrom: string | null; validTo: string | null };

async function partner(code: string, token = ecowasAdmin): Promise<Partner> {
  return accepted<Partner>(await hub.query(PARTNER_BY_CODE, { code }, { token }), 'partner');
}

async function periods(code: string, iso3: string): Promise<Membership[]> {
  const response = await hub.query<{ partner: { memberships: Membership[] } }>(PERIODS, { code }, { token: ecowasAdmin });
  return response.data!.partner.memberships.filter((m) => m.countryIso3 === iso3);
}

async function membersOn(code: string, on: string): Promise<string[]> {
  const response = await hub.query<{ partner: { memberStates: { iso3: string }[] } }>(MEMBERS_ON, { code, on });
  return response.data!.partner.memberStates.map((c) => c.iso3);
}

function focalPoint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    partnerCode: 'ECOWAS',
    name: '[Test] Focal point',
    role: 'ECOWARN test focal point',
    email: 'focal.point@example.org',
    countryIso3: 'SEN',
    classification: 'GREEN',
    ...overrides,
  };
}

function engagement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    partnerCode: 'ICGLR',
    kind: 'MEETING',
    title: '[Test] Regional Committee meeting',
    startDate: '2026-05-25',
    endDate: '2026-05-26',
    city: 'Brazzaville',
    countryIso3: 'COG',
    classification: 'CLEAR',
    ...overrides,
  };
}

function membershipChange(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    partnerCode: 'ECOWAS',
    countryIso3: 'SEN',
    status: 'SUSPENDED',
    validFrom: '2026-03-01',
    note: '[Test] suspension',
    classification: 'CLEAR',
    ...overrides,
  };
}

describe("an organisation's profile", () => {
  it('is changed by its admins only, at the version they read, and the change is audited', async () => {
    const before = await partner('ECOWAS');
    const updated = accepted<Partner>(
      await hub.query(
        UPDATE_PROFILE,
        { input: { code: 'ECOWAS', version: before.version, website: 'https://ecowas.example.org', headquartersCity: 'Abuja (test)' } },
        { token: ecowasAdmin },
      ),
      'updatePartnerProfile',
    );
    expect(updated).toMatchObject({ version: before.version + 1, website: 'https://ecowas.example.org', headquartersCity: 'Abuja (test)' });
    const cleared = accepted<Partner>(
      await hub.query(UPDATE_PROFILE, { input: { code: 'ECOWAS', version: updated.version, website: null } }, { token: ecowasAdmin }),
      'updatePartnerProfile',
    );
    expect(cleared.website).toBeNull();

    refused(await hub.query(UPDATE_PROFILE, { input: { code: 'ECOWAS', version: cleared.version, name: 'x' } }), 'UNAUTHENTICATED');
    refused(
      await hub.query(UPDATE_PROFILE, { input: { code: 'ECOWAS', version: cleared.version, name: 'x' } }, { token: ecowasEditor }),
      'FORBIDDEN',
    );
    refused(await hub.query(UPDATE_PROFILE, { input: { code: 'ECOWAS', version: cleared.version, name: 'x' } }, { token: auAdmin }), 'FORBIDDEN');
    refused(await hub.query(UPDATE_PROFILE, { input: { code: 'ECOWAS', version: before.version, name: 'x' } }, { token: ecowasAdmin }), 'CONFLICT');
    refused(await hub.query(UPDATE_PROFILE, { input: { code: 'NOPE', version: 1, name: 'x' } }, { token: ecowasAdmin }), 'NOT_FOUND');
    refusedFields(
      await hub.query(
        UPDATE_PROFILE,
        { input: { code: 'ECOWAS', version: cleared.version, website: 'not a url', name: '' } },
        { token: ecowasAdmin },
      ),
      ['website', 'name'],
      true,
    );
    refusedFields(
      await hub.query(
        UPDATE_PROFILE,
        { input: { code: 'ECOWAS', version: cleared.version, headquartersIso3: 'QQQ', name: null } },
        { token: ecowasAdmin },
      ),
      ['headquartersIso3', 'name'],
      true,
    );
    expect((await partner('ECOWAS')).version).toBe(cleared.version);

    const trail = (await changesInTrail(hub, 'partners', ecowasAdmin, 'Partner')).filter((e) => e.recordId === 'ECOWAS');
    expect(trail.map((e) => [e.action, e.actorSub])).toEqual([
      ['UPDATE', 'ecowas-admin'],
      ['UPDATE', 'ecowas-admin'],
    ]);
  });
});

describe('sharing defaults', () => {
  it("are set by the organisation's admins, read only by its members, and given to its new records in every subgraph", async () => {
    const current = await partner('ECOWAS');
    expect(current.sharingDefaults).toEqual({ classification: 'GREEN', sharedWith: [] });
    refusedFields(
      await hub.query(
        SET_DEFAULTS,
        { input: { code: 'ECOWAS', version: current.version, classification: 'GREEN', sharedWith: ['UN-JO'] } },
        { token: ecowasAdmin },
      ),
      ['sharedWith'],
      true,
    );
    const unknown = refusedFields(
      await hub.query(
        SET_DEFAULTS,
        { input: { code: 'ECOWAS', version: current.version, classification: 'AMBER', sharedWith: ['ZZZZ', 'ECOWAS'] } },
        { token: ecowasAdmin },
      ),
      ['sharedWith'],
    );
    expect(unknown.message).toMatch(/unknown partner code ZZZZ/);
    refused(
      await hub.query(SET_DEFAULTS, { input: { code: 'ECOWAS', version: current.version, classification: 'RED' } }, { token: ecowasEditor }),
      'FORBIDDEN',
    );

    const set = accepted<Partner>(
      await hub.query(
        SET_DEFAULTS,
        { input: { code: 'ECOWAS', version: current.version, classification: 'AMBER', sharedWith: ['UN-JO'] } },
        { token: ecowasAdmin },
      ),
      'setSharingDefaults',
    );
    // The partner's public version and updatedAt do not move: that its defaults changed is ECOWAS's business too.
    expect(set).toMatchObject({ version: current.version, sharingDefaults: { classification: 'AMBER', sharedWith: ['UN-JO'] } });
    const seenByOthers = await partner('ECOWAS', auAdmin);
    expect({ version: seenByOthers.version, updatedAt: seenByOthers.updatedAt }).toEqual({ version: current.version, updatedAt: current.updatedAt });
    // Whom ECOWAS shares with by default is ECOWAS's business.
    expect((await partner('ECOWAS', ecowasEditor)).sharingDefaults).toEqual({ classification: 'AMBER', sharedWith: ['UN-JO'] });
    expect((await partner('ECOWAS', auAdmin)).sharingDefaults).toBeNull();
    expect(accepted<Partner | null>(await hub.query(PARTNER_BY_CODE, { code: 'ECOWAS' }), 'partner')!.sharingDefaults).toBeNull();

    const point = accepted<FocalPoint>(
      await hub.query(ADD_FOCAL_POINT, { input: focalPoint({ classification: null }) }, { token: ecowasAdmin }),
      'addFocalPoint',
    );
    expect(point).toMatchObject({ classification: 'AMBER', sharedWith: ['UN-JO'] });
    const situation = await hub.query<{ openSituation: { classification: string; sharedWith: string[] } }>(
      `mutation($input: OpenSituationInput!) { openSituation(input: $input) { classification sharedWith } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          countryIso3: 'NGA',
          title: '[Test] Defaults',
          summary: 'x',
          crimes: ['GENOCIDE'],
          openedOn: '2026-02-01',
        },
      },
      { token: ecowasEditor },
    );
    expect(accepted(situation, 'openSituation')).toEqual({ classification: 'AMBER', sharedWith: ['UN-JO'] });
    // A classification given with the record wins over the defaults.
    const explicit = await hub.query<{ planTrainingSession: { classification: string; sharedWith: string[] } }>(
      `mutation($input: PlanTrainingSessionInput!) { planTrainingSession(input: $input) { classification sharedWith } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          title: '[Test] Defaults',
          startDate: '2027-02-01',
          audience: 'CIVIL_SOCIETY',
          classification: 'GREEN',
        },
      },
      { token: ecowasEditor },
    );
    expect(accepted(explicit, 'planTrainingSession')).toEqual({ classification: 'GREEN', sharedWith: [] });
    // The OSCE High Commissioner works in confidence: its records default to RED.
    const osce = await hub.query<{ reportIncident: { classification: string } }>(
      `mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { classification } }`,
      { input: { idempotencyKey: randomUUID(), countryIso3: 'MDA', occurredOn: '2026-08-01', eventType: 'Riots' } },
      { token: await tokenFor(users.osceEditor) },
    );
    expect(accepted(osce, 'reportIncident')).toEqual({ classification: 'RED' });
  });
});

describe('focal points', () => {
  it('are added, changed and removed by admins of the partner, each step audited, the removal as a DELETE', async () => {
    const added = accepted<FocalPoint>(await hub.query(ADD_FOCAL_POINT, { input: focalPoint() }, { token: ecowasAdmin }), 'addFocalPoint');
    expect(added).toMatchObject({ version: 1, ownerOrg: 'ECOWAS', email: 'focal.point@example.org' });
    const changed = accepted<FocalPoint>(
      await hub.query(UPDATE_FOCAL_POINT, { input: { id: added.id, version: 1, name: '[Test] Renamed', email: null } }, { token: ecowasAdmin }),
      'updateFocalPoint',
    );
    expect(changed).toMatchObject({ version: 2, name: '[Test] Renamed', email: null });
    refused(await hub.query(REMOVE_FOCAL_POINT, { input: { id: added.id, version: 1 } }, { token: ecowasAdmin }), 'CONFLICT');
    const removed = accepted<FocalPoint>(
      await hub.query(REMOVE_FOCAL_POINT, { input: { id: added.id, version: 2 } }, { token: ecowasAdmin }),
      'removeFocalPoint',
    );
    expect(removed.id).toBe(added.id);
    refused(await hub.query(REMOVE_FOCAL_POINT, { input: { id: added.id, version: 2 } }, { token: ecowasAdmin }), 'NOT_FOUND');
    const listed = await hub.query<{ partner: { focalPoints: { id: string }[] } }>(
      `{ partner(code: "ECOWAS") { focalPoints { id } } }`,
      {},
      { token: ecowasAdmin },
    );
    expect(listed.data!.partner.focalPoints.map((f) => f.id)).not.toContain(added.id);
    expect(await countRows(hub, 'partners', 'partners.focal_point WHERE id = $1', [added.id])).toBe(0);

    const trail = (await changesInTrail(hub, 'partners', ecowasAdmin, 'FocalPoint')).filter((e) => e.recordId === added.id);
    expect(trail.map((e) => e.action).sort()).toEqual(['CREATE', 'DELETE', 'UPDATE']);
  });

  it('refuse editors, other organisations, anonymous callers and bad fields, and hide what the caller may not read', async () => {
    const before = await countRows(hub, 'partners', 'partners.focal_point');
    refused(await hub.query(ADD_FOCAL_POINT, { input: focalPoint() }), 'UNAUTHENTICATED');
    refused(await hub.query(ADD_FOCAL_POINT, { input: focalPoint() }, { token: ecowasEditor }), 'FORBIDDEN');
    refused(await hub.query(ADD_FOCAL_POINT, { input: focalPoint() }, { token: auAdmin }), 'FORBIDDEN');
    refusedFields(
      await hub.query(ADD_FOCAL_POINT, { input: focalPoint({ email: 'not-an-email', name: '' }) }, { token: ecowasAdmin }),
      ['email', 'name'],
      true,
    );
    refusedFields(
      await hub.query(
        ADD_FOCAL_POINT,
        { input: focalPoint({ countryIso3: 'QQQ', classification: 'CLEAR', sharedWithUsers: ['someone'] }) },
        { token: ecowasAdmin },
      ),
      ['countryIso3', 'sharedWithUsers'],
      true,
    );
    expect(await countRows(hub, 'partners', 'partners.focal_point')).toBe(before);

    const confidential = accepted<FocalPoint>(
      await hub.query(ADD_FOCAL_POINT, { input: focalPoint({ classification: 'RED' }) }, { token: ecowasAdmin }),
      'addFocalPoint',
    );
    const open = accepted<FocalPoint>(
      await hub.query(ADD_FOCAL_POINT, { input: focalPoint({ classification: 'GREEN' }) }, { token: ecowasAdmin }),
      'addFocalPoint',
    );
    refused(await hub.query(UPDATE_FOCAL_POINT, { input: { id: open.id, version: 1, name: 'x' } }, { token: ecowasEditor }), 'FORBIDDEN');
    refused(await hub.query(REMOVE_FOCAL_POINT, { input: { id: open.id, version: 1 } }, { token: auAdmin }), 'FORBIDDEN');
    const missing = randomUUID();
    const hidden = refused(
      await hub.query(UPDATE_FOCAL_POINT, { input: { id: confidential.id, version: 1, name: 'x' } }, { token: auAdmin }),
      'NOT_FOUND',
    );
    const absent = refused(await hub.query(UPDATE_FOCAL_POINT, { input: { id: missing, version: 1, name: 'x' } }, { token: auAdmin }), 'NOT_FOUND');
    expect(hidden.message.replace(confidential.id, 'ID')).toBe(absent.message.replace(missing, 'ID'));
    refused(await hub.query(REMOVE_FOCAL_POINT, { input: { id: confidential.id, version: 1 } }, { token: auAdmin }), 'NOT_FOUND');
  });

  it('returns the first focal point for a repeated idempotency key', async () => {
    const input = focalPoint({ name: `[Test] Retried ${randomUUID().slice(0, 8)}` });
    const first = accepted<FocalPoint>(await hub.query(ADD_FOCAL_POINT, { input }, { token: ecowasAdmin }), 'addFocalPoint');
    const retry = accepted<FocalPoint>(await hub.query(ADD_FOCAL_POINT, { input }, { token: ecowasAdmin }), 'addFocalPoint');
    expect(retry.id).toBe(first.id);
    expect(await countRows(hub, 'partners', 'partners.focal_point WHERE name = $1', [input.name])).toBe(1);
  });
});

describe('engagements', () => {
  it("are recorded by the Office's editors for any partner, and by a partner's editors for their own", async () => {
    const byUnjo = accepted<Engagement>(await hub.query(RECORD_ENGAGEMENT, { input: engagement() }, { token: unjoEditor }), 'recordEngagement');
    expect(byUnjo).toMatchObject({ partnerCode: 'ICGLR', ownerOrg: 'UN-JO' });
    const byIcglr = accepted<Engagement>(
      await hub.query(RECORD_ENGAGEMENT, { input: engagement({ classification: 'AMBER', sharedWith: ['UN-JO'] }) }, { token: icglrEditor }),
      'recordEngagement',
    );
    expect(byIcglr).toMatchObject({ partnerCode: 'ICGLR', ownerOrg: 'ICGLR', classification: 'AMBER' });
    const listed = await hub.query<{ partner: { engagements: { id: string }[] } }>(
      `{ partner(code: "ICGLR") { engagements { id } } }`,
      {},
      { token: unjoEditor },
    );
    expect(listed.data!.partner.engagements.map((e) => e.id)).toEqual(expect.arrayContaining([byUnjo.id, byIcglr.id]));
    const trail = await changesInTrail(hub, 'partners', icglrAdmin, 'Engagement');
    expect(trail.filter((e) => e.recordId === byIcglr.id)).toEqual([expect.objectContaining({ action: 'CREATE', actorSub: 'icglr-editor' })]);

    const input = engagement();
    const first = accepted<Engagement>(await hub.query(RECORD_ENGAGEMENT, { input }, { token: unjoEditor }), 'recordEngagement');
    expect(accepted<Engagement>(await hub.query(RECORD_ENGAGEMENT, { input }, { token: unjoEditor }), 'recordEngagement').id).toBe(first.id);
  });

  it('refuse other partners, viewers, anonymous callers and bad fields', async () => {
    const before = await countRows(hub, 'partners', 'partners.engagement');
    refused(await hub.query(RECORD_ENGAGEMENT, { input: engagement() }), 'UNAUTHENTICATED');
    refused(await hub.query(RECORD_ENGAGEMENT, { input: engagement() }, { token: unjoViewer }), 'FORBIDDEN');
    refused(await hub.query(RECORD_ENGAGEMENT, { input: engagement({ partnerCode: 'AU' }) }, { token: icglrEditor }), 'FORBIDDEN');
    refusedFields(
      await hub.query(
        RECORD_ENGAGEMENT,
        { input: engagement({ partnerCode: 'NOPE', endDate: '2026-05-01', countryIso3: 'QQQ' }) },
        { token: unjoEditor },
      ),
      ['partnerCode', 'endDate', 'countryIso3'],
      true,
    );
    refusedFields(await hub.query(RECORD_ENGAGEMENT, { input: engagement({ partnerCode: 'UN-JO' }) }, { token: unjoEditor }), ['partnerCode'], true);
    refusedFields(
      await hub.query(RECORD_ENGAGEMENT, { input: engagement({ title: '', kind: 'MEETING', sharedWith: ['x'] }) }, { token: unjoEditor }),
      ['title', 'sharedWith'],
      true,
    );
    expect(await countRows(hub, 'partners', 'partners.engagement')).toBe(before);
  });
});

describe('membership changes', () => {
  it("close the country's open period when a new one starts, and answer members on a date accordingly", async () => {
    const suspended = accepted<Membership>(
      await hub.query(RECORD_MEMBERSHIP, { input: membershipChange() }, { token: ecowasAdmin }),
      'recordMembershipChange',
    );
    expect(suspended).toMatchObject({ status: 'SUSPENDED', validFrom: '2026-03-01', validTo: null });
    const reinstated = accepted<Membership>(
      await hub.query(
        RECORD_MEMBERSHIP,
        { input: membershipChange({ status: 'MEMBER', validFrom: '2026-09-01', note: '[Test] reinstated' }) },
        { token: ecowasAdmin },
      ),
      'recordMembershipChange',
    );
    expect((await periods('ECOWAS', 'SEN')).map((p) => [p.status, p.validFrom, p.validTo])).toEqual([
      ['MEMBER', null, '2026-03-01'],
      ['SUSPENDED', '2026-03-01', '2026-09-01'],
      ['MEMBER', '2026-09-01', null],
    ]);
    expect(await membersOn('ECOWAS', '2026-02-28')).toContain('SEN');
    expect(await membersOn('ECOWAS', '2026-06-01')).not.toContain('SEN');
    expect(await membersOn('ECOWAS', '2026-10-01')).toContain('SEN');

    // A withdrawal: the current status, with the day it ends.
    accepted(
      await hub.query(
        RECORD_MEMBERSHIP,
        { input: membershipChange({ status: 'MEMBER', validFrom: '2026-10-01', validTo: '2026-11-01', note: '[Test] withdrawal' }) },
        { token: ecowasAdmin },
      ),
      'recordMembershipChange',
    );
    expect(await membersOn('ECOWAS', '2026-10-15')).toContain('SEN');
    expect(await membersOn('ECOWAS', '2026-11-01')).not.toContain('SEN');

    const trail = (await changesInTrail(hub, 'partners', ecowasAdmin, 'Membership')).filter((e) => e.actorSub === 'ecowas-admin');
    expect(
      trail
        .filter((e) => e.recordId === reinstated.id || e.recordId === suspended.id)
        .map((e) => `${e.action}:${e.recordId === suspended.id ? 'suspended' : 'reinstated'}`)
        .sort(),
    ).toEqual(['CREATE:reinstated', 'CREATE:suspended', 'UPDATE:reinstated', 'UPDATE:suspended']);
  });

  it('refuse overlapping periods, unordered dates and changes that change nothing, naming the field', async () => {
    const before = await periods('ECOWAS', 'SEN');
    refusedFields(
      await hub.query(RECORD_MEMBERSHIP, { input: membershipChange({ validFrom: '2026-04-01', validTo: '2026-05-01' }) }, { token: ecowasAdmin }),
      ['validFrom'],
      true,
    );
    refusedFields(
      await hub.query(
        RECORD_MEMBERSHIP,
        { input: membershipChange({ validFrom: '2026-05-01', validTo: '2026-04-01', countryIso3: 'QQQ' }) },
        { token: ecowasAdmin },
      ),
      ['validTo', 'countryIso3'],
      true,
    );
    const gha = refusedFields(
      await hub.query(RECORD_MEMBERSHIP, { input: membershipChange({ countryIso3: 'GHA', status: 'MEMBER' }) }, { token: ecowasAdmin }),
      ['status'],
      true,
    );
    expect(gha.message).toMatch(/GHA is already MEMBER/);
    expect(await periods('ECOWAS', 'SEN')).toEqual(before);

    refused(await hub.query(RECORD_MEMBERSHIP, { input: membershipChange() }), 'UNAUTHENTICATED');
    refused(await hub.query(RECORD_MEMBERSHIP, { input: membershipChange() }, { token: ecowasEditor }), 'FORBIDDEN');
    refused(await hub.query(RECORD_MEMBERSHIP, { input: membershipChange() }, { token: auAdmin }), 'FORBIDDEN');
  });

  it('let exactly one of two concurrent changes to one country through, and return the first result for a repeated key', async () => {
    const [a, b] = await Promise.all(
      [randomUUID(), randomUUID()].map((key) =>
        hub.query(RECORD_MEMBERSHIP, { input: membershipChange({ idempotencyKey: key, countryIso3: 'CPV' }) }, { token: ecowasAdmin }),
      ),
    );
    expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
    expect([a, b].flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect((await periods('ECOWAS', 'CPV')).map((p) => p.status)).toEqual(['MEMBER', 'SUSPENDED']);

    const input = membershipChange({ countryIso3: 'CPV', status: 'MEMBER', validFrom: '2026-06-01' });
    const first = accepted<Membership>(await hub.query(RECORD_MEMBERSHIP, { input }, { token: ecowasAdmin }), 'recordMembershipChange');
    const retry = accepted<Membership>(await hub.query(RECORD_MEMBERSHIP, { input }, { token: ecowasAdmin }), 'recordMembershipChange');
    expect(retry.id).toBe(first.id);
    expect(await periods('ECOWAS', 'CPV')).toHaveLength(3);
  });

  it('leave nothing half-written: the open period stays open when the new one cannot be stored', async () => {
    const removeFault = await injectFault(hub, 'partners', 'membership', "NEW.note = 'fault-injection'");
    try {
      const before = await periods('ECOWAS', 'GHA');
      const keys = await countRows(hub, 'partners', 'partners.idempotency_key');
      const events = await countRows(hub, 'partners', "partners.audit_event WHERE action <> 'READ'");
      failedUnexpectedly(
        await hub.query(RECORD_MEMBERSHIP, { input: membershipChange({ countryIso3: 'GHA', note: 'fault-injection' }) }, { token: ecowasAdmin }),
      );
      expect(await periods('ECOWAS', 'GHA')).toEqual(before);
      expect(before.map((p) => p.validTo)).toEqual([null]);
      expect(await countRows(hub, 'partners', 'partners.idempotency_key')).toBe(keys);
      expect(await countRows(hub, 'partners', "partners.audit_event WHERE action <> 'READ'")).toBe(events);
    } finally {
      await removeFault();
    }
  });
});
