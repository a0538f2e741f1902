// The situations subgraph's write path through the gateway over HTTP: opening and updating
// situations, adding risk assessments, reporting and correcting incidents, and every refusal.
import { randomUUID } from 'node:crypto';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, changesInTrail, countRows, failedUnexpectedly, injectFault, refused, refusedFields } from '../support/writes';

let hub: Hub;
let editor: string;
let admin: string;
let viewer: string;
let ecowasEditor: string;
let ecowasAdmin: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  admin = await tokenFor(users.jointOfficeAdmin);
  viewer = await tokenFor(users.jointOfficeAnalyst);
  ecowasEditor = await tokenFor(users.ecowasEditor);
  ecowasAdmin = await tokenFor(users.ecowasAdmin);
});

afterAll(async () => {
  await hub?.stop();
});

const SITUATION = 'id version countryIso3 title summary status crimes openedOn ownerOrg createdByOrg classification sharedWith';
const OPEN = `mutation Open($input: OpenSituationInput!) { openSituation(input: $input) { ${SITUATION} } }`;
const UPDATE = `mutation Update($input: UpdateSituationInput!) { updateSituation(input: $input) { ${SITUATION} } }`;
const ASSESSMENT =
  'id version assessedOn overallLevel assessmentNumber frameworkVersion ownerOrg classification sharedWith assessedBy { code } factors { riskFactor level indicators { indicator observed } }';
const ASSESS = `mutation Assess($input: AddRiskAssessmentInput!) { addRiskAssessment(input: $input) { ${ASSESSMENT} } }`;
const INCIDENT =
  'id version countryIso3 occurredOn latitude longitude fatalitiesLow fatalitiesBest fatalitiesHigh notes ownerOrg classification situation { id } source { id name type region ownerOrg }';
const REPORT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { ${INCIDENT} } }`;
const CORRECT = `mutation Correct($input: CorrectIncidentInput!) { correctIncident(input: $input) { ${INCIDENT} } }`;

type Situation = { id: string; version: number; status: string; classification: string; sharedWith: string[]; ownerOrg: string; title: string };
type Assessment = { id: string; assessmentNumber: number; ownerOrg: string; classification: string; assessedBy: { code: string } };
type Incident = {
  id: string;
  version: number;
  notes: string | null;
  fatalitiesBest: number | null;
  source: { id: string; name: string; ownerOrg: string } | null;
  situation: { id: string } | null;
};

// ICGLR's AMBER situation in DR Congo, shared with UN-JO and AU.
const KIVU = illustrativeSituationId('great-lakes-kivu');
// UN-JO's GREEN situation in Burundi.
const BURUNDI = illustrativeSituationId('great-lakes-burundi');
// ECOWAS's AMBER_STRICT situation in Nigeria, shared with UN-JO only.
const MIDDLE_BELT = illustrativeSituationId('west-africa-middle-belt');
// OSCE's RED situation, naming no UN-JO user: UN-JO may not know it exists.
const OSCE_CONFIDENTIAL = illustrativeSituationId('europe-minorities');

function newSituation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    countryIso3: 'CAF',
    title: '[Test] Armed groups targeting civilians along ethnic lines',
    summary: 'Written by the situations write test.',
    crimes: ['CRIMES_AGAINST_HUMANITY'],
    openedOn: '2026-01-15',
    classification: 'GREEN',
    ...overrides,
  };
}

function newAssessment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    situationId: KIVU,
    assessedOn: '2026-10-01',
    overallLevel: 'HIGH',
    partnerRatingScheme: 'UN-JO test scale',
    partnerRatingValue: 'elevated',
    crimes: ['GENOCIDE'],
    summary: 'Assessment written by the situations write test.',
    classification: 'AMBER',
    sharedWith: ['ICGLR'],
    factors: [
      {
        riskFactor: 'RF1',
        level: 'HIGH',
        evidence: 'Armed conflict in the area.',
        indicators: [{ indicator: '1.1', observed: true, evidence: 'Fighting reported.' }],
      },
      { riskFactor: 'RF9', level: 'MODERATE', indicators: [] },
    ],
    ...overrides,
  };
}

function newIncident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    situationId: BURUNDI,
    countryIso3: 'BDI',
    occurredOn: '2026-09-20',
    adm1: 'Bujumbura Mairie',
    place: '[Test] locality',
    latitude: -3.38,
    longitude: 29.36,
    eventType: 'Violence against civilians',
    actors: ['[Test] armed group'],
    fatalitiesLow: 2,
    fatalitiesBest: 3,
    fatalitiesHigh: 5,
    notes: 'Reported by the situations write test.',
    classification: 'GREEN',
    ...overrides,
  };
}

async function open(input = newSituation(), token = editor): Promise<Situation> {
  return accepted<Situation>(await hub.query(OPEN, { input }, { token }), 'openSituation');
}

describe('opening and updating situations', () => {
  it("opens a situation owned by the editor's organisation, updates it version by version, and audits both", async () => {
    const opened = await open(newSituation({ classification: 'AMBER', sharedWith: ['AU'] }));
    expect(opened).toMatchObject({
      version: 1,
      status: 'MONITORING',
      ownerOrg: 'UN-JO',
      createdByOrg: 'UN-JO',
      classification: 'AMBER',
      sharedWith: ['AU'],
    });

    const escalated = accepted<Situation>(
      await hub.query(UPDATE, { input: { id: opened.id, version: 1, status: 'ESCALATING', title: '[Test] Escalating' } }, { token: editor }),
      'updateSituation',
    );
    expect(escalated).toMatchObject({ version: 2, status: 'ESCALATING', title: '[Test] Escalating', classification: 'AMBER', sharedWith: ['AU'] });
    // Made GREEN, the AMBER audience it no longer uses is cleared rather than kept unseen.
    const green = accepted<Situation>(
      await hub.query(UPDATE, { input: { id: opened.id, version: 2, classification: 'GREEN' } }, { token: editor }),
      'updateSituation',
    );
    expect(green).toMatchObject({ version: 3, classification: 'GREEN', sharedWith: [] });

    const trail = (await changesInTrail(hub, 'situations', admin, 'Situation')).filter((e) => e.recordId === opened.id);
    expect(trail.map((e) => e.action).sort()).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
    expect(trail.every((e) => e.actorSub === 'un-jo-editor' && e.actorOrg === 'UN-JO')).toBe(true);
  });

  it('rejects bad fields with one BAD_USER_INPUT naming each of them, and stores nothing', async () => {
    const before = await countRows(hub, 'situations', 'situations.situation');
    const shape = await hub.query(OPEN, { input: newSituation({ idempotencyKey: 'short', title: '', sharedWith: ['au'] }) }, { token: editor });
    refusedFields(shape, ['idempotencyKey', 'title', 'sharedWith'], true);
    const rules = await hub.query(
      OPEN,
      { input: newSituation({ countryIso3: 'QQQ', openedOn: '2099-01-01', crimes: [], status: 'CLOSED', sharedWith: ['AU'] }) },
      { token: editor },
    );
    refusedFields(rules, ['countryIso3', 'openedOn', 'crimes', 'status', 'sharedWith'], true);

    const situation = await open();
    const update = await hub.query(
      UPDATE,
      { input: { id: situation.id, version: 1, title: null, openedOn: '2099-12-31', classification: 'RED', sharedWith: ['AU'] } },
      { token: editor },
    );
    refusedFields(update, ['title', 'openedOn', 'sharedWith'], true);
    // A reader must be a partner of the hub, on open and on update (asked of the partners subgraph).
    refusedFields(
      await hub.query(OPEN, { input: newSituation({ classification: 'AMBER', sharedWith: ['AU', 'NOT-A-PARTNER'] }) }, { token: editor }),
      ['sharedWith'],
      true,
    );
    refusedFields(
      await hub.query(UPDATE, { input: { id: situation.id, version: 1, classification: 'AMBER', sharedWith: ['NOT-A-PARTNER'] } }, { token: editor }),
      ['sharedWith'],
      true,
    );
    expect(await countRows(hub, 'situations', 'situations.situation')).toBe(before + 1);
    const [stored] = await hub.subgraphs.situations.db.query('SELECT version, classification FROM situations.situation WHERE id = $1', [
      situation.id,
    ]);
    expect(stored).toEqual({ version: 1, classification: 'GREEN' });
  });

  it('refuses anonymous callers, viewers, and editors of another organisation', async () => {
    const situation = await open();
    refused(await hub.query(OPEN, { input: newSituation() }), 'UNAUTHENTICATED');
    refused(await hub.query(UPDATE, { input: { id: situation.id, version: 1, title: 'x' } }), 'UNAUTHENTICATED');
    refused(await hub.query(OPEN, { input: newSituation() }, { token: viewer }), 'FORBIDDEN');
    refused(await hub.query(UPDATE, { input: { id: situation.id, version: 1, title: 'x' } }, { token: viewer }), 'FORBIDDEN');
    // ECOWAS reads UN-JO's GREEN situation but may not change it.
    refused(await hub.query(UPDATE, { input: { id: situation.id, version: 1, title: 'x' } }, { token: ecowasEditor }), 'FORBIDDEN');
    const [stored] = await hub.subgraphs.situations.db.query('SELECT version, title FROM situations.situation WHERE id = $1', [situation.id]);
    expect(stored).toEqual({ version: 1, title: situation.title });
  });

  it('answers NOT_FOUND for a situation the caller may not read, exactly as for one that does not exist', async () => {
    const missing = randomUUID();
    const hidden = refused(await hub.query(UPDATE, { input: { id: OSCE_CONFIDENTIAL, version: 1, title: 'x' } }, { token: editor }), 'NOT_FOUND');
    const absent = refused(await hub.query(UPDATE, { input: { id: missing, version: 1, title: 'x' } }, { token: editor }), 'NOT_FOUND');
    expect(hidden.message.replace(OSCE_CONFIDENTIAL, 'ID')).toBe(absent.message.replace(missing, 'ID'));
    expect(hidden.extensions).toEqual(absent.extensions);
  });

  it('refuses a stale version with CONFLICT, and of concurrent updates from one version exactly one wins', async () => {
    const situation = await open();
    accepted(await hub.query(UPDATE, { input: { id: situation.id, version: 1, summary: 'First update.' } }, { token: editor }), 'updateSituation');
    expect(
      refused(await hub.query(UPDATE, { input: { id: situation.id, version: 1, summary: 'Stale.' } }, { token: editor }), 'CONFLICT').message,
    ).toContain('version 2');
    const racing = await Promise.all(
      [1, 2, 3].map((n) => hub.query(UPDATE, { input: { id: situation.id, version: 2, summary: `Concurrent ${n}.` } }, { token: editor })),
    );
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);
  });

  it('returns the first situation for a repeated idempotency key, and refuses the key for another situation', async () => {
    const before = await countRows(hub, 'situations', 'situations.situation');
    const input = newSituation();
    const first = await open(input);
    const concurrent = await Promise.all([1, 2, 3].map(() => hub.query(OPEN, { input }, { token: editor })));
    expect(concurrent.map((r) => (r.data!.openSituation as Situation).id)).toEqual([first.id, first.id, first.id]);
    expect(await countRows(hub, 'situations', 'situations.situation')).toBe(before + 1);
    expect(
      refused(await hub.query(OPEN, { input: { ...input, title: '[Test] Another' } }, { token: editor }), 'BAD_USER_INPUT').extensions!.field,
    ).toBe('idempotencyKey');
    // A key is the organisation's own: another organisation's editor using it opens its own situation.
    const theirs = await open(input, ecowasEditor);
    expect(theirs.id).not.toBe(first.id);
    expect(theirs.ownerOrg).toBe('ECOWAS');
  });
});

describe('risk assessments', () => {
  it('adds a new assessment each time, numbered, never overwriting the previous one', async () => {
    const first = accepted<Assessment>(await hub.query(ASSESS, { input: newAssessment() }, { token: editor }), 'addRiskAssessment');
    const second = accepted<Assessment>(
      await hub.query(ASSESS, { input: newAssessment({ assessedOn: '2026-11-01', overallLevel: 'VERY_HIGH' }) }, { token: editor }),
      'addRiskAssessment',
    );
    expect(first).toMatchObject({ assessmentNumber: 1, ownerOrg: 'UN-JO', assessedBy: { code: 'UN-JO' }, classification: 'AMBER' });
    expect(second).toMatchObject({ assessmentNumber: 2 });
    const situation = await hub.query<{ situation: { assessments: { id: string; overallLevel: string }[] } }>(
      `query($id: ID!) { situation(id: $id) { assessments { id overallLevel } } }`,
      { id: KIVU },
      { token: editor },
    );
    const levels = situation.data!.situation.assessments.filter((a) => [first.id, second.id].includes(a.id)).map((a) => a.overallLevel);
    expect(levels).toEqual(['HIGH', 'VERY_HIGH']);
    // The owner of the situation, with which it was shared, reads UN-JO's assessment of it.
    const icglr = await tokenFor(users.icglrAnalyst);
    const seen = await hub.query<{ situation: { assessments: { id: string }[] } }>(
      `query($id: ID!) { situation(id: $id) { assessments { id } } }`,
      { id: KIVU },
      { token: icglr },
    );
    expect(seen.data!.situation.assessments.map((a) => a.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    const trail = await changesInTrail(hub, 'situations', admin, 'RiskAssessment');
    expect(trail.filter((e) => [first.id, second.id].includes(e.recordId)).map((e) => e.action)).toEqual(['CREATE', 'CREATE']);
  });

  it('checks factors and indicators against the framework tables, and every other field, before storing anything', async () => {
    const before = await countRows(hub, 'situations', 'situations.risk_assessment');
    const unknownFramework = await hub.query(
      ASSESS,
      { input: newAssessment({ frameworkVersion: '1999', assessedOn: '2099-01-01', partnerRatingValue: null, crimes: [] }) },
      { token: editor },
    );
    refusedFields(unknownFramework, ['frameworkVersion', 'assessedOn', 'partnerRatingValue', 'crimes'], true);
    const factors = [
      {
        riskFactor: 'RF1',
        level: 'HIGH',
        indicators: [
          { indicator: '1.1', observed: true },
          { indicator: '9.1', observed: true },
        ],
      },
      { riskFactor: 'RF99', level: 'LOW', indicators: [] },
      { riskFactor: 'C1', level: 'LOW', indicators: [] },
    ];
    const wrong = refusedFields(
      await hub.query(ASSESS, { input: newAssessment({ factors }) }, { token: editor }),
      ['factors.0.indicators.1.indicator', 'factors.1.riskFactor', 'factors.2.riskFactor'],
      true,
    );
    expect(wrong.message).toMatch(/9\.1 is not an indicator of RF1 in the 2014 framework/);
    expect(wrong.message).toMatch(/RF99 is not a risk factor of the 2014 framework/);
    // C1 is a category of the 2009 framework: an assessment under it still loads.
    const under2009 = accepted<Assessment>(
      await hub.query(
        ASSESS,
        {
          input: newAssessment({
            frameworkVersion: '2009',
            factors: [{ riskFactor: 'C1', level: 'HIGH', indicators: [{ indicator: '1.1', observed: true }] }],
          }),
        },
        { token: editor },
      ),
      'addRiskAssessment',
    );
    expect(under2009).toMatchObject({ ownerOrg: 'UN-JO' });
    const shape = await hub.query(
      ASSESS,
      { input: newAssessment({ factors: [{ riskFactor: '', level: 'HIGH', indicators: [] }] }) },
      { token: editor },
    );
    refusedFields(shape, ['factors.0.riskFactor']);
    refusedFields(await hub.query(ASSESS, { input: newAssessment({ factors: [] }) }, { token: editor }), ['factors']);
    expect(await countRows(hub, 'situations', 'situations.risk_assessment')).toBe(before + 1);
  });

  it('keeps an assessment of an AMBER_STRICT situation at least as strict and no wider shared', async () => {
    const strict = { situationId: MIDDLE_BELT, classification: 'AMBER_STRICT', sharedWith: ['ECOWAS'] };
    refusedFields(
      await hub.query(ASSESS, { input: newAssessment({ ...strict, classification: 'AMBER' }) }, { token: editor }),
      ['classification'],
      true,
    );
    const wider = refusedFields(
      await hub.query(ASSESS, { input: newAssessment({ ...strict, sharedWith: ['ECOWAS', 'AU'] }) }, { token: editor }),
      ['sharedWith'],
      true,
    );
    expect(wider.message).toMatch(/may not be shared with AU/);
    // Left out, the classification comes from UN-JO's defaults (GREEN), which the situation does not allow.
    refusedFields(
      await hub.query(ASSESS, { input: newAssessment({ situationId: MIDDLE_BELT, classification: null, sharedWith: null }) }, { token: editor }),
      ['classification'],
    );
    const within = accepted<Assessment>(await hub.query(ASSESS, { input: newAssessment(strict) }, { token: editor }), 'addRiskAssessment');
    expect(within).toMatchObject({ classification: 'AMBER_STRICT', assessmentNumber: 1 });
  });

  it('treats a situation the caller may not read as unknown, exactly like one that does not exist, and refuses callers who may not write', async () => {
    const missingId = randomUUID();
    const hidden = refusedFields(
      await hub.query(ASSESS, { input: newAssessment({ situationId: OSCE_CONFIDENTIAL }) }, { token: editor }),
      ['situationId'],
      true,
    );
    const missing = refusedFields(
      await hub.query(ASSESS, { input: newAssessment({ situationId: missingId }) }, { token: editor }),
      ['situationId'],
      true,
    );
    expect(hidden.message.replace(OSCE_CONFIDENTIAL, 'ID')).toBe(missing.message.replace(missingId, 'ID'));
    refused(await hub.query(ASSESS, { input: newAssessment() }), 'UNAUTHENTICATED');
    refused(await hub.query(ASSESS, { input: newAssessment() }, { token: viewer }), 'FORBIDDEN');
  });

  it('returns the first assessment for a repeated idempotency key', async () => {
    const before = await countRows(hub, 'situations', 'situations.risk_assessment');
    const input = newAssessment({ situationId: BURUNDI, classification: 'GREEN', sharedWith: [] });
    const first = accepted<Assessment>(await hub.query(ASSESS, { input }, { token: editor }), 'addRiskAssessment');
    const retry = accepted<Assessment>(await hub.query(ASSESS, { input }, { token: editor }), 'addRiskAssessment');
    expect(retry.id).toBe(first.id);
    expect(await countRows(hub, 'situations', 'situations.risk_assessment')).toBe(before + 1);
  });
});

describe('incidents', () => {
  it('reports an incident with a new source, reuses that source by name, and corrects the report', async () => {
    const source = { name: `[Test] community radio ${randomUUID().slice(0, 8)}`, type: 'MEDIA', region: 'africa' };
    const reported = accepted<Incident>(await hub.query(REPORT, { input: newIncident({ source }) }, { token: editor }), 'reportIncident');
    expect(reported).toMatchObject({ version: 1, situation: { id: BURUNDI }, source: { name: source.name, ownerOrg: 'UN-JO' } });
    const again = accepted<Incident>(await hub.query(REPORT, { input: newIncident({ source }) }, { token: editor }), 'reportIncident');
    expect(again.source!.id).toBe(reported.source!.id);
    expect(await countRows(hub, 'situations', 'situations.source WHERE name = $1', [source.name])).toBe(1);

    const corrected = accepted<Incident>(
      await hub.query(CORRECT, { input: { id: reported.id, version: 1, fatalitiesBest: 4, notes: null } }, { token: editor }),
      'correctIncident',
    );
    expect(corrected).toMatchObject({ version: 2, fatalitiesBest: 4, notes: null, source: { id: reported.source!.id } });
    const detached = accepted<Incident>(
      await hub.query(CORRECT, { input: { id: reported.id, version: 2, situationId: null, sourceId: null } }, { token: editor }),
      'correctIncident',
    );
    expect(detached).toMatchObject({ version: 3, situation: null, source: null });

    const trail = await changesInTrail(hub, 'situations', admin);
    expect(
      trail
        .filter((e) => e.recordId === reported.id)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
    expect(trail.filter((e) => e.recordId === reported.source!.id)).toEqual([expect.objectContaining({ action: 'CREATE', recordType: 'Source' })]);
  });

  it('rejects a report whose place, date, estimates, situation or source do not hold together, naming each field', async () => {
    const before = await countRows(hub, 'situations', 'situations.incident');
    const sources = await countRows(hub, 'situations', 'situations.source');
    const bad = newIncident({
      latitude: 95,
      longitude: null,
      fatalitiesLow: 6,
      fatalitiesBest: 3,
      fatalitiesHigh: 2,
      occurredOn: '2099-05-01',
      sourceId: randomUUID(),
      source: { name: 'x', type: 'NGO', region: 'Mars' },
    });
    refusedFields(
      await hub.query(REPORT, { input: bad }, { token: editor }),
      ['latitude', 'longitude', 'fatalitiesLow', 'fatalitiesHigh', 'occurredOn', 'source', 'source.region'],
      true,
    );
    refusedFields(await hub.query(REPORT, { input: newIncident({ countryIso3: 'RWA' }) }, { token: editor }), ['countryIso3'], true);
    refusedFields(await hub.query(REPORT, { input: newIncident({ fatalitiesBest: -1 }) }, { token: editor }), ['fatalitiesBest']);
    refusedFields(
      await hub.query(REPORT, { input: newIncident({ situationId: OSCE_CONFIDENTIAL, countryIso3: 'MDA' }) }, { token: editor }),
      ['situationId'],
      true,
    );
    refusedFields(
      await hub.query(REPORT, { input: newIncident({ situationId: MIDDLE_BELT, countryIso3: 'NGA', classification: 'GREEN' }) }, { token: editor }),
      ['classification'],
      true,
    );

    const incident = accepted<Incident>(await hub.query(REPORT, { input: newIncident() }, { token: editor }), 'reportIncident');
    refusedFields(
      await hub.query(CORRECT, { input: { id: incident.id, version: 1, longitude: 200, eventType: null, fatalitiesHigh: 1 } }, { token: editor }),
      ['longitude', 'eventType', 'fatalitiesHigh'],
      true,
    );
    expect(await countRows(hub, 'situations', 'situations.incident')).toBe(before + 1);
    expect(await countRows(hub, 'situations', 'situations.source')).toBe(sources);
  });

  it('lets only editors of the owner correct a report, at the version they read', async () => {
    const incident = accepted<Incident>(await hub.query(REPORT, { input: newIncident() }, { token: editor }), 'reportIncident');
    refused(await hub.query(CORRECT, { input: { id: incident.id, version: 1, notes: 'x' } }), 'UNAUTHENTICATED');
    refused(await hub.query(CORRECT, { input: { id: incident.id, version: 1, notes: 'x' } }, { token: ecowasEditor }), 'FORBIDDEN');
    accepted(await hub.query(CORRECT, { input: { id: incident.id, version: 1, notes: 'First.' } }, { token: editor }), 'correctIncident');
    refused(await hub.query(CORRECT, { input: { id: incident.id, version: 1, notes: 'Stale.' } }, { token: editor }), 'CONFLICT');
    // ECOWAS's RED incident names no UN-JO user: UN-JO may not know it exists.
    const ecowasIncident = accepted<Incident>(
      await hub.query(REPORT, { input: newIncident({ situationId: null, countryIso3: 'NGA', classification: 'RED' }) }, { token: ecowasEditor }),
      'reportIncident',
    );
    const missing = randomUUID();
    const hidden = refused(await hub.query(CORRECT, { input: { id: ecowasIncident.id, version: 1, notes: 'x' } }, { token: editor }), 'NOT_FOUND');
    const absent = refused(await hub.query(CORRECT, { input: { id: missing, version: 1, notes: 'x' } }, { token: editor }), 'NOT_FOUND');
    expect(hidden.message.replace(ecowasIncident.id, 'ID')).toBe(absent.message.replace(missing, 'ID'));
    const trail = await changesInTrail(hub, 'situations', ecowasAdmin, 'Incident');
    expect(trail.filter((e) => e.recordId === ecowasIncident.id)).toEqual([
      expect.objectContaining({ action: 'CREATE', actorSub: 'ecowas-editor', classification: 'RED' }),
    ]);
  });

  it('returns the first incident for a repeated idempotency key, its new source included', async () => {
    const source = { name: `[Test] retried source ${randomUUID().slice(0, 8)}`, type: 'NGO', region: 'Global' };
    const input = newIncident({ source });
    const before = await countRows(hub, 'situations', 'situations.incident');
    const [a, b] = await Promise.all([hub.query(REPORT, { input }, { token: editor }), hub.query(REPORT, { input }, { token: editor })]);
    expect(accepted<Incident>(a, 'reportIncident').id).toBe(accepted<Incident>(b, 'reportIncident').id);
    expect(await countRows(hub, 'situations', 'situations.incident')).toBe(before + 1);
    expect(await countRows(hub, 'situations', 'situations.source WHERE name = $1', [source.name])).toBe(1);
  });

  it('leaves nothing half-written when the database fails after the new source was written', async () => {
    const removeFault = await injectFault(hub, 'situations', 'incident', "NEW.event_type = 'fault-injection'");
    try {
      const counts = () =>
        Promise.all([
          countRows(hub, 'situations', 'situations.incident'),
          countRows(hub, 'situations', 'situations.source'),
          countRows(hub, 'situations', 'situations.idempotency_key'),
          countRows(hub, 'situations', "situations.audit_event WHERE action <> 'READ'"),
        ]);
      const before = await counts();
      const input = newIncident({ eventType: 'fault-injection', source: { name: '[Test] never stored', type: 'MEDIA', region: 'Africa' } });
      failedUnexpectedly(await hub.query(REPORT, { input }, { token: editor }));
      expect(await counts()).toEqual(before);
      // The retry with the same key is a first attempt: nothing of the failed one remains.
      await removeFault();
      const retried = accepted<Incident>(await hub.query(REPORT, { input }, { token: editor }), 'reportIncident');
      expect(retried.source!.name).toBe('[Test] never stored');
    } finally {
      await removeFault();
    }
  });
});
