// Recording and correcting national committees and national focal points through the gateway over
// HTTP: who may record which, read back through the existing queries, versions, duplicates, bad
// fields, and the audit trail the owner reads.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { member, tokenFor, users } from '../support/users';
import { accepted, changesInTrail, countRows, refused, refusedFields } from '../support/writes';

let hub: Hub;
let icglrEditor: string;
let icglrAdmin: string;
let icglrAnalyst: string;
let ecowasEditor: string;
let unjoEditor: string;
let unjoAnalyst: string;
let latamEditor: string;
let latamAdmin: string;

beforeAll(async () => {
  hub = await startHub();
  icglrEditor = await tokenFor(users.icglrEditor);
  icglrAdmin = await tokenFor(users.icglrAdmin);
  icglrAnalyst = await tokenFor(users.icglrAnalyst);
  ecowasEditor = await tokenFor(users.ecowasEditor);
  unjoEditor = await tokenFor(users.jointOfficeEditor);
  unjoAnalyst = await tokenFor(users.jointOfficeAnalyst);
  latamEditor = await tokenFor(member('LATAM-NET', 'editor', 'latam-net-editor'));
  latamAdmin = await tokenFor(member('LATAM-NET', 'admin', 'latam-net-admin'));
});

afterAll(async () => {
  await hub?.stop();
});

const COMMITTEE = 'id version partnerCode countryIso3 name status establishedOn reportsTo source ownerOrg classification sharedWith';
const RECORD_COMMITTEE = `mutation Record($input: RecordNationalCommitteeInput!) { recordNationalCommittee(input: $input) { ${COMMITTEE} } }`;
const CORRECT_COMMITTEE = `mutation Correct($input: CorrectNationalCommitteeInput!) { correctNationalCommittee(input: $input) { ${COMMITTEE} } }`;
const COMMITTEES = `query Committees($partner: String, $country: String) { nationalCommittees(partner: $partner, country: $country) { ${COMMITTEE} } }`;
const COUNTRY_COMMITTEES = `query Country($iso3: String!) { country(iso3: $iso3) { nationalCommittees { id name partner { code } } } }`;
const FOCAL_POINT = 'id version countryIso3 office since until networkCode source ownerOrg classification';
const RECORD_FOCAL_POINT = `mutation Record($input: RecordNationalFocalPointInput!) { recordNationalFocalPoint(input: $input) { ${FOCAL_POINT} } }`;
const CORRECT_FOCAL_POINT = `mutation Correct($input: CorrectNationalFocalPointInput!) { correctNationalFocalPoint(input: $input) { ${FOCAL_POINT} } }`;
const END_TERM = `mutation End($input: EndNationalFocalPointTermInput!) { endNationalFocalPointTerm(input: $input) { ${FOCAL_POINT} } }`;
const FOCAL_POINTS = `query FocalPoints($country: String) { nationalFocalPoints(country: $country) { ${FOCAL_POINT} } }`;
const NETWORK_FOCAL_POINTS = `query Network($code: String!) { partner(code: $code) { nationalFocalPoints { id office country { iso3 } } } }`;

type Committee = {
  id: string;
  version: number;
  status: string;
  establishedOn: string | null;
  name: string;
  ownerOrg: string;
  classification: string;
};
type FocalPoint = {
  id: string;
  version: number;
  office: string;
  since: string | null;
  until: string | null;
  networkCode: string | null;
  ownerOrg: string;
};

function committee(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    partnerCode: 'ICGLR',
    countryIso3: 'BDI',
    name: '[Test] Burundi National Committee',
    status: 'BEING_ESTABLISHED',
    reportsTo: 'ICGLR Regional Committee for the Prevention and Punishment of Genocide',
    source: '[Test] a test record',
    classification: 'CLEAR',
    ...overrides,
  };
}

function focalPoint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    countryIso3: 'ARG',
    office: '[Test] Ministry of Foreign Affairs, human rights directorate',
    since: '2012-03-30',
    networkCode: 'LATAM-NET',
    classification: 'CLEAR',
    ...overrides,
  };
}

async function seeded<T extends { id: string }>(query: string, field: string, variables: Record<string, unknown>): Promise<T> {
  const rows = accepted<T[]>(await hub.query(query, variables, { token: unjoAnalyst }), field);
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('national committees', () => {
  let recorded: Committee;

  it('are recorded by editors of the organisation whose protocol they exist under, read back, corrected at the version read, and audited', async () => {
    recorded = accepted<Committee>(await hub.query(RECORD_COMMITTEE, { input: committee() }, { token: icglrEditor }), 'recordNationalCommittee');
    expect(recorded).toMatchObject({ version: 1, status: 'BEING_ESTABLISHED', establishedOn: null, ownerOrg: 'ICGLR', classification: 'CLEAR' });

    // Read back through the existing queries, by anyone (CLEAR).
    expect(await seeded<Committee>(COMMITTEES, 'nationalCommittees', { partner: 'ICGLR', country: 'BDI' })).toEqual(recorded);
    const country = await hub.query<{ country: { nationalCommittees: { id: string; partner: { code: string } }[] } }>(COUNTRY_COMMITTEES, {
      iso3: 'BDI',
    });
    expect(country.data!.country.nationalCommittees.map((c) => [c.id, c.partner.code])).toEqual([[recorded.id, 'ICGLR']]);

    const corrected = accepted<Committee>(
      await hub.query(
        CORRECT_COMMITTEE,
        { input: { id: recorded.id, version: 1, status: 'ESTABLISHED', establishedOn: '2013-02-01' } },
        { token: icglrEditor },
      ),
      'correctNationalCommittee',
    );
    expect(corrected).toMatchObject({ version: 2, status: 'ESTABLISHED', establishedOn: '2013-02-01', name: recorded.name });

    // The version read before the correction is stale now.
    const stale = refused(
      await hub.query(CORRECT_COMMITTEE, { input: { id: recorded.id, version: 1, name: '[Test] renamed' } }, { token: icglrEditor }),
      'CONFLICT',
    );
    expect(stale.message).toContain('version 1');
    expect((await seeded<Committee>(COMMITTEES, 'nationalCommittees', { partner: 'ICGLR', country: 'BDI' })).name).toBe(recorded.name);

    const trail = (await changesInTrail(hub, 'partners', icglrAdmin, 'NationalCommittee')).filter((e) => e.recordId === recorded.id);
    expect(trail.map((e) => [e.action, e.actorSub, e.actorOrg]).sort()).toEqual([
      ['CREATE', 'icglr-editor', 'ICGLR'],
      ['UPDATE', 'icglr-editor', 'ICGLR'],
    ]);
  });

  it("are recorded by the Office too, under a partner's protocol, and shared as the record says", async () => {
    const amber = accepted<Committee>(
      await hub.query(
        RECORD_COMMITTEE,
        { input: committee({ countryIso3: 'RWA', name: '[Test] Rwanda National Committee', classification: 'AMBER', sharedWith: ['ICGLR'] }) },
        { token: unjoEditor },
      ),
      'recordNationalCommittee',
    );
    expect(amber).toMatchObject({ ownerOrg: 'UN-JO', classification: 'AMBER', sharedWith: ['ICGLR'] });
    const rwanda = (token?: string) => hub.query<{ nationalCommittees: Committee[] }>(COMMITTEES, { country: 'RWA' }, { token });
    expect((await rwanda(icglrAnalyst)).data!.nationalCommittees.map((c) => c.id)).toEqual([amber.id]);
    expect((await rwanda(await tokenFor(users.ecowasAnalyst))).data!.nationalCommittees).toEqual([]);
    expect((await rwanda()).data!.nationalCommittees).toEqual([]);
    // Shared with the ICGLR, not owned by it: its editors may read it and not correct it.
    refused(await hub.query(CORRECT_COMMITTEE, { input: { id: amber.id, version: 1, name: '[Test] x' } }, { token: icglrEditor }), 'FORBIDDEN');
  });

  it('are recorded once for a retried request: the same idempotencyKey returns the first record', async () => {
    const input = committee({ countryIso3: 'AGO', name: '[Test] Angola National Committee' });
    const first = accepted<Committee>(await hub.query(RECORD_COMMITTEE, { input }, { token: icglrEditor }), 'recordNationalCommittee');
    const retried = accepted<Committee>(await hub.query(RECORD_COMMITTEE, { input }, { token: icglrEditor }), 'recordNationalCommittee');
    expect(retried).toEqual(first);
    refused(await hub.query(RECORD_COMMITTEE, { input: { ...input, name: '[Test] another name' } }, { token: icglrEditor }), 'BAD_USER_INPUT');
    expect(await countRows(hub, 'partners', "partners.national_committee WHERE country_iso3 = 'AGO'")).toBe(1);
  });

  it('refuse a second committee of the same State under the same protocol', async () => {
    refused(await hub.query(RECORD_COMMITTEE, { input: committee() }, { token: icglrEditor }), 'CONFLICT');
    // The Office's own record of the Kenya National Committee (seeded, owned by UN-JO).
    const conflict = refused(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'KEN' }) }, { token: icglrEditor }), 'CONFLICT');
    expect(conflict.message).toContain('KEN');
  });

  it("refuse viewers, anonymous callers and other organisations, and another organisation's record", async () => {
    const before = await countRows(hub, 'partners', 'partners.national_committee');
    refused(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'ZMB' }) }), 'UNAUTHENTICATED');
    refused(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'ZMB' }) }, { token: icglrAnalyst }), 'FORBIDDEN');
    refused(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'ZMB' }) }, { token: unjoAnalyst }), 'FORBIDDEN');
    // ECOWAS has no committees under the ICGLR's protocol to record.
    refused(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'ZMB' }) }, { token: ecowasEditor }), 'FORBIDDEN');
    expect(await countRows(hub, 'partners', 'partners.national_committee')).toBe(before);

    // The Kenya National Committee is the Office's record: the ICGLR's editors do not correct it.
    const kenya = await seeded<Committee>(COMMITTEES, 'nationalCommittees', { partner: 'ICGLR', country: 'KEN' });
    expect(kenya.ownerOrg).toBe('UN-JO');
    refused(
      await hub.query(CORRECT_COMMITTEE, { input: { id: kenya.id, version: kenya.version, name: '[Test] x' } }, { token: icglrEditor }),
      'FORBIDDEN',
    );
    refused(
      await hub.query(CORRECT_COMMITTEE, { input: { id: kenya.id, version: kenya.version, name: '[Test] x' } }, { token: unjoAnalyst }),
      'FORBIDDEN',
    );
    refused(await hub.query(CORRECT_COMMITTEE, { input: { id: randomUUID(), version: 1, name: '[Test] x' } }, { token: unjoEditor }), 'NOT_FOUND');
    expect((await seeded<Committee>(COMMITTEES, 'nationalCommittees', { partner: 'ICGLR', country: 'KEN' })).name).toBe(kenya.name);
  });

  it('refuse a bad country, an unknown partner, a future or out-of-place establishment date and a wrong status, naming each field', async () => {
    const before = await countRows(hub, 'partners', 'partners.national_committee');
    refusedFields(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'XXX' }) }, { token: icglrEditor }), ['countryIso3'], true);
    refusedFields(await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'Burundi' }) }, { token: icglrEditor }), ['countryIso3'], true);
    refusedFields(
      await hub.query(RECORD_COMMITTEE, { input: committee({ partnerCode: 'NOPE', countryIso3: 'ZMB' }) }, { token: unjoEditor }),
      ['partnerCode'],
      true,
    );
    refusedFields(
      await hub.query(
        RECORD_COMMITTEE,
        { input: committee({ countryIso3: 'ZMB', status: 'ESTABLISHED', establishedOn: '2999-01-01' }) },
        { token: icglrEditor },
      ),
      ['establishedOn'],
      true,
    );
    refusedFields(
      await hub.query(
        RECORD_COMMITTEE,
        { input: committee({ countryIso3: 'ZMB', status: 'NOT_ESTABLISHED', establishedOn: '2012-01-01' }) },
        { token: icglrEditor },
      ),
      ['establishedOn'],
      true,
    );
    refused(
      await hub.query(RECORD_COMMITTEE, { input: committee({ countryIso3: 'ZMB', status: 'ABOLISHED' }) }, { token: icglrEditor }),
      'BAD_USER_INPUT',
    );
    const literal = await hub.query(
      'mutation { recordNationalCommittee(input: { idempotencyKey: "test-literal-status", partnerCode: "ICGLR", countryIso3: "ZMB", name: "x", reportsTo: "x", status: ABOLISHED }) { id } }',
      undefined,
      { token: icglrEditor },
    );
    expect(literal.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(await countRows(hub, 'partners', 'partners.national_committee')).toBe(before);
  });
});

describe('national focal points', () => {
  let recorded: FocalPoint;

  it('are recorded by editors of the network that lists them, read back, corrected at the version read, and audited', async () => {
    recorded = accepted<FocalPoint>(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint() }, { token: latamEditor }), 'recordNationalFocalPoint');
    expect(recorded).toMatchObject({ version: 1, countryIso3: 'ARG', networkCode: 'LATAM-NET', ownerOrg: 'LATAM-NET', since: '2012-03-30' });
    expect(await seeded<FocalPoint>(FOCAL_POINTS, 'nationalFocalPoints', { country: 'ARG' })).toEqual(recorded);
    const network = await hub.query<{ partner: { nationalFocalPoints: { id: string; country: { iso3: string } }[] } }>(NETWORK_FOCAL_POINTS, {
      code: 'LATAM-NET',
    });
    expect(network.data!.partner.nationalFocalPoints.map((f) => f.country.iso3).sort()).toEqual(['ARG', 'PRY']);

    const corrected = accepted<FocalPoint>(
      await hub.query(
        CORRECT_FOCAL_POINT,
        { input: { id: recorded.id, version: 1, office: '[Test] Office of the Ombudsman', since: null } },
        { token: latamEditor },
      ),
      'correctNationalFocalPoint',
    );
    expect(corrected).toMatchObject({ version: 2, office: '[Test] Office of the Ombudsman', since: null });
    refused(
      await hub.query(CORRECT_FOCAL_POINT, { input: { id: recorded.id, version: 1, office: '[Test] stale' } }, { token: latamEditor }),
      'CONFLICT',
    );

    const trail = (await changesInTrail(hub, 'partners', latamAdmin, 'NationalFocalPoint')).filter((e) => e.recordId === recorded.id);
    expect(trail.map((e) => [e.action, e.actorSub]).sort()).toEqual([
      ['CREATE', 'latam-net-editor'],
      ['UPDATE', 'latam-net-editor'],
    ]);
  });

  it('are recorded by the Office for a State outside any network, once per State and network', async () => {
    const outside = accepted<FocalPoint>(
      await hub.query(
        RECORD_FOCAL_POINT,
        { input: focalPoint({ countryIso3: 'GHA', networkCode: null, office: '[Test] Ghana focal point' }) },
        { token: unjoEditor },
      ),
      'recordNationalFocalPoint',
    );
    expect(outside).toMatchObject({ networkCode: null, ownerOrg: 'UN-JO' });
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'GHA', networkCode: null }) }, { token: unjoEditor }), 'CONFLICT');
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint() }, { token: latamEditor }), 'CONFLICT');
    // Paraguay's, the Office's own record.
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'PRY' }) }, { token: unjoEditor }), 'CONFLICT');
  });

  it("have their term ended by the organisation that recorded them, after which the State's next focal point in the network can be recorded", async () => {
    const first = accepted<FocalPoint>(
      await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'CRI', since: '2013-01-01' }) }, { token: latamEditor }),
      'recordNationalFocalPoint',
    );
    expect(first.until).toBeNull();
    const end = (input: Record<string, unknown>, token = latamEditor) =>
      hub.query(END_TERM, { input: { id: first.id, version: 1, ...input } }, { token });
    refused(await end({ until: '2014-01-01' }, unjoEditor), 'FORBIDDEN');
    refused(await end({ until: '2014-01-01' }, unjoAnalyst), 'FORBIDDEN');
    refusedFields(await end({ until: '2012-12-31' }), ['until'], true);
    refusedFields(await end({ until: '2999-01-01' }), ['until'], true);
    refused(await end({ until: '2014-01-01', version: 2 }), 'CONFLICT');

    const ended = accepted<FocalPoint>(await end({ until: '2016-06-30' }), 'endNationalFocalPointTerm');
    expect(ended).toMatchObject({ version: 2, since: '2013-01-01', until: '2016-06-30' });
    refused(await hub.query(END_TERM, { input: { id: first.id, version: 2, until: '2016-07-01' } }, { token: latamEditor }), 'CONFLICT');
    // The ended term keeps its place in the record, beside the next one.
    const next = accepted<FocalPoint>(
      await hub.query(
        RECORD_FOCAL_POINT,
        { input: focalPoint({ countryIso3: 'CRI', since: '2016-07-01', office: '[Test] next office' }) },
        { token: latamEditor },
      ),
      'recordNationalFocalPoint',
    );
    const costaRica = accepted<FocalPoint[]>(await hub.query(FOCAL_POINTS, { country: 'CRI' }), 'nationalFocalPoints');
    expect(costaRica.map((f) => [f.id, f.until]).sort()).toEqual(
      [
        [first.id, '2016-06-30'],
        [next.id, null],
      ].sort(),
    );
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'CRI' }) }, { token: latamEditor }), 'CONFLICT');
    // A correction may not move the start of an ended term past its end.
    refusedFields(
      await hub.query(CORRECT_FOCAL_POINT, { input: { id: first.id, version: 2, since: '2017-01-01' } }, { token: latamEditor }),
      ['since'],
      true,
    );
    const trail = (await changesInTrail(hub, 'partners', latamAdmin, 'NationalFocalPoint')).filter((e) => e.recordId === first.id);
    expect(trail.map((e) => e.action).sort()).toEqual(['CREATE', 'UPDATE']);
  });

  it("refuse viewers, other organisations, another organisation's record and bad fields", async () => {
    const before = await countRows(hub, 'partners', 'partners.national_focal_point');
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY' }) }), 'UNAUTHENTICATED');
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY' }) }, { token: unjoAnalyst }), 'FORBIDDEN');
    refused(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY' }) }, { token: icglrEditor }), 'FORBIDDEN');
    // Outside any network only the Office records one.
    refused(
      await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY', networkCode: null }) }, { token: latamEditor }),
      'FORBIDDEN',
    );
    refusedFields(await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'QQQ' }) }, { token: latamEditor }), ['countryIso3'], true);
    refusedFields(
      await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY', since: '2999-01-01' }) }, { token: latamEditor }),
      ['since'],
      true,
    );
    refusedFields(
      await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY', networkCode: 'ECOWAS' }) }, { token: unjoEditor }),
      ['networkCode'],
      true,
    );
    refusedFields(
      await hub.query(RECORD_FOCAL_POINT, { input: focalPoint({ countryIso3: 'URY', networkCode: 'NOPE' }) }, { token: unjoEditor }),
      ['networkCode'],
      true,
    );
    expect(await countRows(hub, 'partners', 'partners.national_focal_point')).toBe(before);

    const paraguay = await seeded<FocalPoint>(FOCAL_POINTS, 'nationalFocalPoints', { country: 'PRY' });
    expect(paraguay.ownerOrg).toBe('UN-JO');
    refused(
      await hub.query(CORRECT_FOCAL_POINT, { input: { id: paraguay.id, version: paraguay.version, office: '[Test] x' } }, { token: latamEditor }),
      'FORBIDDEN',
    );
    refusedFields(
      await hub.query(CORRECT_FOCAL_POINT, { input: { id: paraguay.id, version: paraguay.version, office: null } }, { token: unjoEditor }),
      ['office'],
      true,
    );
    expect(await seeded<FocalPoint>(FOCAL_POINTS, 'nationalFocalPoints', { country: 'PRY' })).toEqual(paraguay);
  });
});
