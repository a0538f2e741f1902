// Regressions for the eight findings of issue 9, each through the gateway over HTTP on a hub of
// its own, with its state built through the public mutations as the right users. Every describe
// works in a country the seed does not use, so what each reader sees and counts is exactly what
// it built.
import { randomUUID } from 'node:crypto';
import { startHub, type GraphQLResponse, type Hub } from '../support/hub';
import { member, tokenFor } from '../support/users';
import { accepted, countRows, refusedFields } from '../support/writes';

let hub: Hub;

beforeAll(async () => {
  hub = await startHub();
});

afterAll(async () => {
  await hub?.stop();
});

// ---- What the tests read and write ----------------------------------------------------------

const SITUATION = 'id version ownerOrg classification sharedWith countryIso3 title';
const OPEN = `mutation Open($input: OpenSituationInput!) { openSituation(input: $input) { ${SITUATION} } }`;
const UPDATE = `mutation Update($input: UpdateSituationInput!) { updateSituation(input: $input) { ${SITUATION} } }`;

const ALERT = `id version status classification sharedWith recipientOrgs title countryIso3
  situation { id }
  statusHistory { toStatus changedBy changedByOrg note }
  acknowledgements { id org acknowledgedBy }
  supersedes { id } supersededBy { id }`;
const DRAFT = `mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { ${ALERT} } }`;
const EDIT = `mutation Edit($input: EditAlertInput!) { editAlert(input: $input) { ${ALERT} } }`;
const ISSUE = `mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { ${ALERT} } }`;
const CORRECT = `mutation Correct($input: CorrectAlertInput!) { correctAlert(input: $input) { ${ALERT} } }`;
const ACKNOWLEDGE = `mutation Acknowledge($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { id org acknowledgedBy } }`;
const ALERT_BY_ID = `query Alert($id: ID!) { alert(id: $id) { ${ALERT} } }`;

const ASSESSMENT = 'id assessmentNumber classification sharedWith overallLevel situation { id }';
const ASSESS = `mutation Assess($input: AddRiskAssessmentInput!) { addRiskAssessment(input: $input) { ${ASSESSMENT} } }`;

const INCIDENT = 'id version classification sharedWith countryIso3 notes situation { id }';
const REPORT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { ${INCIDENT} } }`;
const CORRECT_INCIDENT = `mutation CorrectIncident($input: CorrectIncidentInput!) { correctIncident(input: $input) { ${INCIDENT} } }`;

const IMPORT = `mutation Import($content: String!, $classification: Classification) {
  importIncidents(input: { format: HXL, content: $content, classification: $classification }) {
    rows created updated unchanged rejected outcomes { line externalId status id errors { field message } }
  }
}`;

type Situation = { id: string; version: number; ownerOrg: string; classification: string; sharedWith: string[]; countryIso3: string; title: string };
type Alert = {
  id: string;
  version: number;
  status: string;
  classification: string;
  sharedWith: string[];
  recipientOrgs: string[];
  title: string;
  situation: { id: string } | null;
  statusHistory: { toStatus: string; changedBy: string | null; changedByOrg: string; note: string | null }[];
  acknowledgements: { id: string; org: string; acknowledgedBy: string | null }[];
  supersedes: { id: string } | null;
  supersededBy: { id: string } | null;
};
type Assessment = { id: string; assessmentNumber: number; classification: string; overallLevel: string; situation: { id: string } | null };
type Incident = {
  id: string;
  version: number;
  classification: string;
  sharedWith: string[];
  countryIso3: string;
  notes: string | null;
  situation: { id: string } | null;
};
type ImportOutcome = { line: number; externalId: string | null; status: string; id: string | null; errors: { field: string; message: string }[] };
type AuditEvent = { action: string; recordType: string; recordId: string; actorSub: string | null; actorOrg: string | null; classification: string };

const token = (org: string, role: 'viewer' | 'editor' | 'admin', sub: string) => tokenFor(member(org, role, sub));

function ok<T>(response: GraphQLResponse, field: string): T {
  return accepted<T>(response, field);
}

/** The data of a read that must succeed. */
async function read<T = Record<string, any>>(query: string, variables: Record<string, unknown>, bearer?: string): Promise<T> {
  const response = await hub.query<T>(query, variables, { token: bearer });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

function newSituation(countryIso3: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    countryIso3,
    title: `[Test] Situation in ${countryIso3} ${randomUUID().slice(0, 8)}`,
    summary: 'Opened by the confidentiality regressions.',
    crimes: ['CRIMES_AGAINST_HUMANITY'],
    openedOn: '2026-01-15',
    classification: 'GREEN',
    ...overrides,
  };
}

async function open(bearer: string, countryIso3: string, overrides: Record<string, unknown> = {}): Promise<Situation> {
  return ok<Situation>(await hub.query(OPEN, { input: newSituation(countryIso3, overrides) }, { token: bearer }), 'openSituation');
}

async function update(bearer: string, situation: Situation, changes: Record<string, unknown>): Promise<Situation> {
  return ok<Situation>(
    await hub.query(UPDATE, { input: { id: situation.id, version: situation.version, ...changes } }, { token: bearer }),
    'updateSituation',
  );
}

function newAlert(countryIso3: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    type: 'EARLY_WARNING',
    level: 'HIGH',
    title: `[Test] Alert on ${countryIso3} ${randomUUID().slice(0, 8)}`,
    body: 'Written by the confidentiality regressions.',
    recipients: ['SECRETARY_GENERAL'],
    recipientOrgs: [],
    crimes: ['CRIMES_AGAINST_HUMANITY'],
    citedRiskFactors: [],
    situationId: null,
    countryIso3,
    classification: 'GREEN',
    ...overrides,
  };
}

async function draft(bearer: string, countryIso3: string, overrides: Record<string, unknown> = {}): Promise<Alert> {
  return ok<Alert>(await hub.query(DRAFT, { input: newAlert(countryIso3, overrides) }, { token: bearer }), 'draftAlert');
}

async function issue(bearer: string, alert: Alert, note?: string): Promise<Alert> {
  return ok<Alert>(
    await hub.query(ISSUE, { input: { id: alert.id, version: alert.version, ...(note ? { note } : {}) } }, { token: bearer }),
    'issueAlert',
  );
}

function newAssessment(situationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    situationId,
    assessedOn: '2026-03-01',
    overallLevel: 'HIGH',
    crimes: ['GENOCIDE'],
    summary: 'Assessed by the confidentiality regressions.',
    classification: 'GREEN',
    factors: [{ riskFactor: 'RF1', level: 'HIGH', indicators: [] }],
    ...overrides,
  };
}

async function assess(bearer: string, situationId: string, overrides: Record<string, unknown> = {}): Promise<Assessment> {
  return ok<Assessment>(await hub.query(ASSESS, { input: newAssessment(situationId, overrides) }, { token: bearer }), 'addRiskAssessment');
}

function newIncident(countryIso3: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    countryIso3,
    occurredOn: '2026-02-10',
    eventType: 'Violence against civilians',
    notes: 'Reported by the confidentiality regressions.',
    classification: 'GREEN',
    ...overrides,
  };
}

async function report(bearer: string, countryIso3: string, overrides: Record<string, unknown> = {}): Promise<Incident> {
  return ok<Incident>(await hub.query(REPORT, { input: newIncident(countryIso3, overrides) }, { token: bearer }), 'reportIncident');
}

const alertRows = () => countRows(hub, 'alerts', 'alerts.alert');
const assessmentRows = () => countRows(hub, 'situations', 'situations.risk_assessment');
const incidentRows = () => countRows(hub, 'situations', 'situations.incident');

/** Every id in an answer, for asserting that a hidden record's id appears nowhere in it. */
function text(value: unknown): string {
  return JSON.stringify(value);
}

/** `probe()` until `done` holds of its answer or `timeoutMs` passes; returns the last answer. */
async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
    value = await probe();
  }
  return value;
}

// ---- 1. References --------------------------------------------------------------------------

describe('finding 1: a reference to a situation the reader may not read', () => {
  const COUNTRY = 'ISL';
  let situation: Situation;
  let alert: Alert;
  let ecowas: string;
  let unjo: string;

  beforeAll(async () => {
    const icglrEditor = await token('ICGLR', 'editor', 'icglr-editor-1');
    const unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-1');
    ecowas = await token('ECOWAS', 'viewer', 'ecowas-analyst-1');
    unjo = await token('UN-JO', 'viewer', 'un-jo-analyst-1');
    situation = await open(icglrEditor, COUNTRY, { classification: 'GREEN' });
    alert = await issue(unjoEditor, await draft(unjoEditor, COUNTRY, { classification: 'GREEN', situationId: situation.id }));
    // Before the owner narrows it, ECOWAS reads the situation through the alert: the path works.
    const before = await read<{ alert: Alert }>(ALERT_BY_ID, { id: alert.id }, ecowas);
    expect(before.alert.situation).toEqual({ id: situation.id });
    situation = await update(icglrEditor, situation, { classification: 'AMBER', sharedWith: ['UN-JO'] });
  });

  it('hides the situation an alert cites: situation is null and its id appears nowhere', async () => {
    const answer = await read<{ alert: (Alert & { situation: { id: string; alerts: { id: string }[] } | null }) | null }>(
      `query($id: ID!) { alert(id: $id) { id situation { id alerts { id } } } }`,
      { id: alert.id },
      ecowas,
    );
    if (answer.alert) expect(answer.alert.situation).toBeNull();
    expect(text(answer)).not.toContain(situation.id);
    // UN-JO, which may read the situation, still reaches it and its alerts through the alert.
    const seen = await read<{ alert: { situation: { id: string; alerts: { id: string }[] } } }>(
      `query($id: ID!) { alert(id: $id) { situation { id alerts { id } } } }`,
      { id: alert.id },
      unjo,
    );
    expect(seen.alert.situation.id).toBe(situation.id);
    expect(seen.alert.situation.alerts.map((a) => a.id)).toContain(alert.id);
  });

  it('hides it on every list and contributed path that leads to the alert', async () => {
    const paths = await read(
      `query($country: String!) {
        alerts(filter: { countries: [$country] }) { totalCount nodes { id situation { id alerts { id } } } }
        country(iso3: $country) { situations { id } alerts { id situation { id alerts { id } } } }
        partner(code: "UN-JO") { alertsIssued { id situation { id } } }
        situations(filter: { countries: [$country] }) { totalCount nodes { id } }
        situationCounts(filter: { countries: [$country] }, groupBy: [COUNTRY]) { country situations }
      }`,
      { country: COUNTRY },
      ecowas,
    );
    expect(text(paths)).not.toContain(situation.id);
    // Where the alert itself is still listed, it points at nothing.
    const reached: Alert[] = [...paths.alerts.nodes, ...paths.country.alerts, ...paths.partner.alertsIssued];
    for (const node of reached.filter((a) => a.id === alert.id)) expect(node.situation).toBeNull();
  });

  it('lets no list filtered by the hidden situation confirm it, nor reach Situation.alerts for it', async () => {
    const filtered = `query($situation: ID!) {
      alerts(filter: { situation: $situation }) { totalCount nodes { id } }
      incidents(filter: { situation: $situation }) { totalCount nodes { id } }
      situation(id: $situation) { id alerts { id } }
    }`;
    const hidden = await read(filtered, { situation: situation.id }, ecowas);
    const unknown = await read(filtered, { situation: randomUUID() }, ecowas);
    expect(hidden).toEqual(unknown);
    expect(hidden.situation).toBeNull();
    // The same filter as UN-JO finds the alert: the filter itself works.
    const seen = await read(filtered, { situation: situation.id }, unjo);
    expect(seen.alerts.nodes.map((a: { id: string }) => a.id)).toContain(alert.id);
  });
});

// ---- 2. No write-down when writing ----------------------------------------------------------

describe('finding 2: a derived record is shared no wider than its source', () => {
  const COUNTRY = 'NOR';
  let unjoEditor: string;
  let strict: Situation; // ECOWAS, AMBER_STRICT, shared with UN-JO
  let amber: Situation; // ECOWAS, AMBER, shared with UN-JO
  let red: Situation; // UN-JO, RED, naming one AU user
  let green: Situation; // UN-JO, GREEN

  beforeAll(async () => {
    const ecowasEditor = await token('ECOWAS', 'editor', 'ecowas-editor-2');
    unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-2');
    strict = await open(ecowasEditor, COUNTRY, { classification: 'AMBER_STRICT', sharedWith: ['UN-JO'] });
    amber = await open(ecowasEditor, COUNTRY, { classification: 'AMBER', sharedWith: ['UN-JO'] });
    red = await open(unjoEditor, COUNTRY, { classification: 'RED', sharedWithUsers: ['au-named-2'] });
    green = await open(unjoEditor, COUNTRY, { classification: 'GREEN' });
  });

  it('refuses a RED alert, assessment or incident citing an AMBER_STRICT situation when it names users', async () => {
    const before = [await alertRows(), await assessmentRows(), await incidentRows()];
    const naming = { classification: 'RED', sharedWithUsers: ['au-analyst-2'] };
    refusedFields(await hub.query(DRAFT, { input: newAlert(COUNTRY, { situationId: strict.id, ...naming }) }, { token: unjoEditor }), [
      'sharedWithUsers',
    ]);
    refusedFields(await hub.query(ASSESS, { input: newAssessment(strict.id, naming) }, { token: unjoEditor }), ['sharedWithUsers']);
    refusedFields(await hub.query(REPORT, { input: newIncident(COUNTRY, { situationId: strict.id, ...naming }) }, { token: unjoEditor }), [
      'sharedWithUsers',
    ]);
    expect([await alertRows(), await assessmentRows(), await incidentRows()]).toEqual(before);
    // RED inside UN-JO, naming nobody, reaches no reader the situation does not have.
    const inside = await draft(unjoEditor, COUNTRY, { situationId: strict.id, classification: 'RED' });
    expect(inside).toMatchObject({ classification: 'RED', situation: { id: strict.id } });
  });

  it('refuses a CLEAR alert or a GREEN assessment citing a RED situation, and a RED one naming other users', async () => {
    const before = [await alertRows(), await assessmentRows(), await incidentRows()];
    refusedFields(await hub.query(DRAFT, { input: newAlert(COUNTRY, { situationId: red.id, classification: 'CLEAR' }) }, { token: unjoEditor }), [
      'classification',
    ]);
    refusedFields(
      await hub.query(
        DRAFT,
        { input: newAlert(COUNTRY, { situationId: red.id, classification: 'AMBER', sharedWith: ['AU'] }) },
        { token: unjoEditor },
      ),
      ['classification'],
    );
    refusedFields(await hub.query(ASSESS, { input: newAssessment(red.id, { classification: 'GREEN' }) }, { token: unjoEditor }), ['classification']);
    refusedFields(await hub.query(REPORT, { input: newIncident(COUNTRY, { situationId: red.id, classification: 'GREEN' }) }, { token: unjoEditor }), [
      'classification',
    ]);
    refusedFields(
      await hub.query(
        DRAFT,
        { input: newAlert(COUNTRY, { situationId: red.id, classification: 'RED', sharedWithUsers: ['ecowas-analyst-2'] }) },
        { token: unjoEditor },
      ),
      ['sharedWithUsers'],
    );
    expect([await alertRows(), await assessmentRows(), await incidentRows()]).toEqual(before);
    // RED naming only the situation's own named reader is within it.
    const within = await draft(unjoEditor, COUNTRY, { situationId: red.id, classification: 'RED', sharedWithUsers: ['au-named-2'] });
    expect(within).toMatchObject({ classification: 'RED', situation: { id: red.id } });
  });

  it('refuses a CLEAR alert, assessment or incident citing a GREEN situation', async () => {
    const before = [await alertRows(), await assessmentRows(), await incidentRows()];
    refusedFields(await hub.query(DRAFT, { input: newAlert(COUNTRY, { situationId: green.id, classification: 'CLEAR' }) }, { token: unjoEditor }), [
      'classification',
    ]);
    refusedFields(await hub.query(ASSESS, { input: newAssessment(green.id, { classification: 'CLEAR' }) }, { token: unjoEditor }), [
      'classification',
    ]);
    refusedFields(
      await hub.query(REPORT, { input: newIncident(COUNTRY, { situationId: green.id, classification: 'CLEAR' }) }, { token: unjoEditor }),
      ['classification'],
    );
    expect([await alertRows(), await assessmentRows(), await incidentRows()]).toEqual(before);
    expect(await draft(unjoEditor, COUNTRY, { situationId: green.id, classification: 'GREEN' })).toMatchObject({ classification: 'GREEN' });
  });

  it('keeps a record citing an AMBER situation inside its circle: level, sharedWith and recipientOrgs', async () => {
    const before = [await alertRows(), await assessmentRows(), await incidentRows()];
    refusedFields(await hub.query(DRAFT, { input: newAlert(COUNTRY, { situationId: amber.id, classification: 'GREEN' }) }, { token: unjoEditor }), [
      'classification',
    ]);
    refusedFields(
      await hub.query(
        DRAFT,
        { input: newAlert(COUNTRY, { situationId: amber.id, classification: 'AMBER', sharedWith: ['AU'] }) },
        { token: unjoEditor },
      ),
      ['sharedWith'],
    );
    refusedFields(
      await hub.query(
        DRAFT,
        {
          input: newAlert(COUNTRY, { situationId: amber.id, classification: 'AMBER', recipients: ['PARTNER_ORGANISATIONS'], recipientOrgs: ['AU'] }),
        },
        { token: unjoEditor },
      ),
      ['recipientOrgs'],
    );
    refusedFields(
      await hub.query(ASSESS, { input: newAssessment(amber.id, { classification: 'AMBER', sharedWith: ['AU'] }) }, { token: unjoEditor }),
      ['sharedWith'],
    );
    refusedFields(
      await hub.query(REPORT, { input: newIncident(COUNTRY, { situationId: amber.id, classification: 'GREEN' }) }, { token: unjoEditor }),
      ['classification'],
    );
    expect([await alertRows(), await assessmentRows(), await incidentRows()]).toEqual(before);
    const within = await draft(unjoEditor, COUNTRY, {
      situationId: amber.id,
      classification: 'AMBER',
      recipients: ['PARTNER_ORGANISATIONS'],
      recipientOrgs: ['ECOWAS'],
    });
    expect(within).toMatchObject({ classification: 'AMBER', recipientOrgs: ['ECOWAS'] });
  });

  it('refuses an incident citing a source more strictly classified than itself', async () => {
    const source = { name: `[Test] Confidential informant network ${randomUUID().slice(0, 8)}`, type: 'NGO', region: 'Europe' };
    const first = ok<Incident & { source: { id: string } }>(
      await hub.query(
        `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { id classification source { id classification } } }`,
        { input: newIncident(COUNTRY, { classification: 'AMBER', sharedWith: [], source }) },
        { token: unjoEditor },
      ),
      'reportIncident',
    );
    expect(first.source).toMatchObject({ classification: 'AMBER' });
    const before = await incidentRows();
    refusedFields(
      await hub.query(REPORT, { input: newIncident(COUNTRY, { classification: 'GREEN', sourceId: first.source.id }) }, { token: unjoEditor }),
      ['classification'],
    );
    refusedFields(
      await hub.query(
        REPORT,
        { input: newIncident(COUNTRY, { classification: 'AMBER', sharedWith: ['AU'], sourceId: first.source.id }) },
        { token: unjoEditor },
      ),
      ['sharedWith'],
    );
    expect(await incidentRows()).toBe(before);
  });
});

// ---- 3. Declassifying by dropping the citation ----------------------------------------------

describe('finding 3: a derived record keeps its source as its floor', () => {
  const COUNTRY = 'FIN';
  let ecowasEditor: string;
  let unjoEditor: string;
  let unjo: string;
  let au: string;

  beforeAll(async () => {
    ecowasEditor = await token('ECOWAS', 'editor', 'ecowas-editor-3');
    unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-3');
    unjo = await token('UN-JO', 'viewer', 'un-jo-analyst-3');
    au = await token('AU', 'viewer', 'au-analyst-3');
  });

  const strictSituation = () => open(ecowasEditor, COUNTRY, { classification: 'AMBER_STRICT', sharedWith: ['UN-JO', 'AU'] });

  it('refuses editAlert({ classification: CLEAR, situationId: null }) on an alert derived from an AMBER_STRICT situation, and every later lowering', async () => {
    const situation = await strictSituation();
    const alert = await draft(unjoEditor, COUNTRY, { situationId: situation.id, classification: 'AMBER_STRICT' });
    refusedFields(
      await hub.query(EDIT, { input: { id: alert.id, version: alert.version, classification: 'CLEAR', situationId: null } }, { token: unjoEditor }),
      ['classification'],
    );
    const stored = (await read<{ alert: Alert }>(ALERT_BY_ID, { id: alert.id }, unjoEditor)).alert;
    expect(stored).toMatchObject({ version: alert.version, classification: 'AMBER_STRICT', situation: { id: situation.id } });

    // Dropping the citation alone is allowed; the situation stays the alert's floor afterwards.
    const uncited = ok<Alert>(
      await hub.query(EDIT, { input: { id: alert.id, version: stored.version, situationId: null } }, { token: unjoEditor }),
      'editAlert',
    );
    expect(uncited).toMatchObject({ classification: 'AMBER_STRICT', situation: null });
    refusedFields(await hub.query(EDIT, { input: { id: alert.id, version: uncited.version, classification: 'GREEN' } }, { token: unjoEditor }), [
      'classification',
    ]);
    refusedFields(await hub.query(EDIT, { input: { id: alert.id, version: uncited.version, sharedWith: ['ICGLR'] } }, { token: unjoEditor }), [
      'sharedWith',
    ]);
    // A correction is a later version of the same alert: the floor holds for it too.
    const sent = await issue(unjoEditor, uncited);
    const before = await alertRows();
    refusedFields(
      await hub.query(
        CORRECT,
        { input: { idempotencyKey: randomUUID(), id: alert.id, version: sent.version, classification: 'GREEN', note: 'Declassified.' } },
        { token: unjoEditor },
      ),
      ['classification'],
    );
    expect(await alertRows()).toBe(before);
  });

  it('refuses correctIncident({ classification: CLEAR, situationId: null }) on an incident of an AMBER_STRICT situation, and every later lowering', async () => {
    const situation = await strictSituation();
    const incident = await report(unjoEditor, COUNTRY, { situationId: situation.id, classification: 'AMBER_STRICT', sharedWith: ['AU'] });
    refusedFields(
      await hub.query(
        CORRECT_INCIDENT,
        { input: { id: incident.id, version: incident.version, classification: 'CLEAR', situationId: null } },
        { token: unjoEditor },
      ),
      ['classification'],
    );
    const [stored] = (
      await read<{ incidents: { nodes: Incident[] } }>(
        `query($c: String!) { incidents(filter: { countries: [$c] }, first: 100) { nodes { ${INCIDENT} } } }`,
        { c: COUNTRY },
        unjoEditor,
      )
    ).incidents.nodes.filter((i) => i.id === incident.id);
    expect(stored).toMatchObject({ version: incident.version, classification: 'AMBER_STRICT', situation: { id: situation.id } });

    const uncited = ok<Incident>(
      await hub.query(CORRECT_INCIDENT, { input: { id: incident.id, version: stored.version, situationId: null } }, { token: unjoEditor }),
      'correctIncident',
    );
    expect(uncited).toMatchObject({ classification: 'AMBER_STRICT', situation: null });
    refusedFields(
      await hub.query(CORRECT_INCIDENT, { input: { id: incident.id, version: uncited.version, classification: 'GREEN' } }, { token: unjoEditor }),
      ['classification'],
    );
    refusedFields(
      await hub.query(CORRECT_INCIDENT, { input: { id: incident.id, version: uncited.version, sharedWith: ['AU', 'ICGLR'] } }, { token: unjoEditor }),
      ['sharedWith'],
    );
  });

  it('makes derived records follow their source when its owner narrows it, also after the citation was dropped', async () => {
    let situation = await strictSituation();
    const alert = await issue(
      unjoEditor,
      await draft(unjoEditor, COUNTRY, {
        situationId: situation.id,
        classification: 'AMBER_STRICT',
        recipients: ['PARTNER_ORGANISATIONS'],
        recipientOrgs: ['AU'],
      }),
    );
    const assessment = await assess(unjoEditor, situation.id, { classification: 'AMBER_STRICT', sharedWith: ['AU'] });
    const incident = await report(unjoEditor, COUNTRY, { situationId: situation.id, classification: 'AMBER_STRICT', sharedWith: ['AU'] });
    const dropped = await report(unjoEditor, COUNTRY, { situationId: situation.id, classification: 'AMBER_STRICT', sharedWith: ['AU'] });
    ok(
      await hub.query(CORRECT_INCIDENT, { input: { id: dropped.id, version: dropped.version, situationId: null } }, { token: unjoEditor }),
      'correctIncident',
    );

    const derived = `query($id: ID!, $country: String!) {
      alert(id: $id) { id }
      alerts(filter: { countries: [$country] }, first: 100) { nodes { id } }
      incidents(filter: { countries: [$country] }, first: 100) { nodes { id } }
      partner(code: "UN-JO") { assessments { id } }
    }`;
    const ids = (answer: any) => [
      ...(answer.alert ? [answer.alert.id] : []),
      ...answer.alerts.nodes.map((n: { id: string }) => n.id),
      ...answer.incidents.nodes.map((n: { id: string }) => n.id),
      ...answer.partner.assessments.map((a: { id: string }) => a.id),
    ];
    const mine = [alert.id, assessment.id, incident.id, dropped.id];
    // While the situation is shared with AU, AU reads all four.
    expect(ids(await read(derived, { id: alert.id, country: COUNTRY }, au))).toEqual(expect.arrayContaining(mine));

    situation = await update(ecowasEditor, situation, { sharedWith: ['UN-JO'] });
    expect(situation.sharedWith).toEqual(['UN-JO']);
    const afterNarrowing = ids(await read(derived, { id: alert.id, country: COUNTRY }, au));
    for (const id of mine) expect(afterNarrowing).not.toContain(id);
    // UN-JO, still in the situation's circle, reads them all.
    expect(ids(await read(derived, { id: alert.id, country: COUNTRY }, unjo))).toEqual(expect.arrayContaining(mine));
  });

  it("lifts the floor only when the source's owner lifts the source", async () => {
    const situation = await strictSituation();
    const alert = await draft(unjoEditor, COUNTRY, { situationId: situation.id, classification: 'AMBER_STRICT' });
    const uncited = ok<Alert>(
      await hub.query(EDIT, { input: { id: alert.id, version: alert.version, situationId: null } }, { token: unjoEditor }),
      'editAlert',
    );
    refusedFields(await hub.query(EDIT, { input: { id: alert.id, version: uncited.version, classification: 'GREEN' } }, { token: unjoEditor }), [
      'classification',
    ]);

    await update(ecowasEditor, situation, { classification: 'GREEN' });
    // The source is GREEN now: the alert may be GREEN, still not CLEAR (nothing CLEAR cites GREEN).
    refusedFields(await hub.query(EDIT, { input: { id: alert.id, version: uncited.version, classification: 'CLEAR' } }, { token: unjoEditor }), [
      'classification',
    ]);
    const lifted = ok<Alert>(
      await hub.query(EDIT, { input: { id: alert.id, version: uncited.version, classification: 'GREEN' } }, { token: unjoEditor }),
      'editAlert',
    );
    expect(lifted.classification).toBe('GREEN');
  });
});

// ---- 4. Histories and corrections -----------------------------------------------------------

describe('finding 4: a correction that drops an organisation', () => {
  const COUNTRY = 'DNK';
  const NOTE = `[Test] Corrects the casualty figures ${randomUUID()}`;
  let original: Alert;
  let correction: Alert;
  let au: string;
  let icglr: string;

  beforeAll(async () => {
    const unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-4');
    au = await token('AU', 'viewer', 'au-analyst-4');
    icglr = await token('ICGLR', 'viewer', 'icglr-analyst-4');
    original = await issue(
      unjoEditor,
      await draft(unjoEditor, COUNTRY, { classification: 'AMBER', recipients: ['PARTNER_ORGANISATIONS'], recipientOrgs: ['AU', 'ICGLR'] }),
    );
    expect([...original.sharedWith].sort()).toEqual(['AU', 'ICGLR']);
    // Before the correction AU reads the alert.
    expect((await read<{ alert: Alert | null }>(ALERT_BY_ID, { id: original.id }, au)).alert?.id).toBe(original.id);
    correction = ok<Alert>(
      await hub.query(
        CORRECT,
        {
          input: {
            idempotencyKey: randomUUID(),
            id: original.id,
            version: original.version,
            recipientOrgs: ['ICGLR'],
            sharedWith: ['ICGLR'],
            note: NOTE,
          },
        },
        { token: unjoEditor },
      ),
      'correctAlert',
    );
    expect(correction.sharedWith).toEqual(['ICGLR']);
  });

  it("hides the old version, its history and the correction's note from the dropped organisation", async () => {
    const answers = await read(
      `query($old: ID!, $new: ID!, $country: String!) {
        old: alert(id: $old) { ${ALERT} }
        new: alert(id: $new) { ${ALERT} }
        alerts(filter: { countries: [$country] }, first: 100) { totalCount nodes { ${ALERT} } }
        superseded: alerts(filter: { statuses: [SUPERSEDED], countries: [$country] }) { totalCount nodes { id } }
        alertCounts(filter: { countries: [$country] }, groupBy: [STATUS]) { status alerts }
        country(iso3: $country) { alerts { ${ALERT} } }
      }`,
      { old: original.id, new: correction.id, country: COUNTRY },
      au,
    );
    expect(answers.old).toBeNull();
    expect(answers.new).toBeNull();
    expect(text(answers)).not.toContain(NOTE);
    expect(text(answers)).not.toContain(original.id);
    expect(text(answers)).not.toContain(correction.id);
    expect(answers.superseded.totalCount).toBe(0);
    expect(answers.alertCounts.filter((c: { status: string }) => c.status === 'SUPERSEDED')).toEqual([]);
  });

  it('never shows a reader SUPERSEDED without the correction that supersedes it', async () => {
    for (const reader of [au, icglr]) {
      const listed = await read<{ alerts: { nodes: Alert[] } }>(
        `query($c: String!) { alerts(filter: { countries: [$c] }, first: 100) { nodes { ${ALERT} } } }`,
        { c: COUNTRY },
        reader,
      );
      for (const alert of listed.alerts.nodes.filter((a) => a.status === 'SUPERSEDED')) expect(alert.supersededBy).not.toBeNull();
    }
    // ICGLR, which both versions reach, reads the old one as superseded by the correction, with the note.
    const old = (await read<{ alert: Alert }>(ALERT_BY_ID, { id: original.id }, icglr)).alert;
    expect(old).toMatchObject({ status: 'SUPERSEDED', supersededBy: { id: correction.id } });
    expect(old.statusHistory.map((s) => s.note)).toContain(NOTE);
  });
});

// ---- 5. Counters, numbers, versions ---------------------------------------------------------

describe('finding 5: numbers and versions over rows the reader may not see', () => {
  const COUNTRY = 'SWE';
  let situation: Situation;
  let hidden: Assessment;
  let visible: Assessment;
  let au: string;
  let unjo: string;

  beforeAll(async () => {
    const unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-5');
    au = await token('AU', 'viewer', 'au-analyst-5');
    unjo = await token('UN-JO', 'viewer', 'un-jo-analyst-5');
    situation = await open(unjoEditor, COUNTRY, { classification: 'GREEN' });
    hidden = await assess(unjoEditor, situation.id, { classification: 'AMBER', sharedWith: [], assessedOn: '2026-03-01', overallLevel: 'HIGH' });
    visible = await assess(unjoEditor, situation.id, { classification: 'GREEN', assessedOn: '2026-04-01', overallLevel: 'VERY_HIGH' });
  });

  it('numbers assessments without gaps for a reader who cannot see an earlier one', async () => {
    const query = `query($id: ID!) {
      situation(id: $id) { assessments { id assessmentNumber } latestAssessment { id assessmentNumber } }
      partner(code: "UN-JO") { assessments { id assessmentNumber } }
    }`;
    const owner = await read(query, { id: situation.id }, unjo);
    expect(owner.situation.assessments).toEqual([
      { id: hidden.id, assessmentNumber: 1 },
      { id: visible.id, assessmentNumber: 2 },
    ]);
    const reader = await read(query, { id: situation.id }, au);
    expect(reader.situation.assessments).toEqual([{ id: visible.id, assessmentNumber: 1 }]);
    expect(reader.situation.latestAssessment).toEqual({ id: visible.id, assessmentNumber: 1 });
    expect(reader.partner.assessments.filter((a: { id: string }) => a.id === visible.id)).toEqual([{ id: visible.id, assessmentNumber: 1 }]);
    expect(text(reader)).not.toContain(hidden.id);
  });

  it('computes the risk trend only over assessments the reader may read', async () => {
    const query = `query($id: ID!) { situation(id: $id) { riskTrend { assessmentId overallLevel overallChange factors { riskFactor previousLevel change } } } }`;
    const owner = await read(query, { id: situation.id }, unjo);
    expect(owner.situation.riskTrend.map((p: { assessmentId: string }) => p.assessmentId)).toEqual([hidden.id, visible.id]);
    expect(owner.situation.riskTrend[1].overallChange).toBe(1);
    const reader = await read(query, { id: situation.id }, au);
    expect(reader.situation.riskTrend.map((p: { assessmentId: string }) => p.assessmentId)).toEqual([visible.id]);
    // The change from a level the reader may not see would reveal that level.
    expect(reader.situation.riskTrend[0].overallChange).toBeNull();
    expect(reader.situation.riskTrend[0].factors.map((f: { previousLevel: string | null }) => f.previousLevel)).toEqual([null]);
  });

  it('derives the current level and the level counts only from assessments the reader may read', async () => {
    const unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-5');
    const elsewhere = 'CZE';
    const monitored = await open(unjoEditor, elsewhere, { classification: 'GREEN' });
    const earlier = await assess(unjoEditor, monitored.id, {
      classification: 'GREEN',
      assessedOn: '2026-03-01',
      overallLevel: 'LOW',
      factors: [{ riskFactor: 'RF1', level: 'LOW', indicators: [] }],
    });
    const later = await assess(unjoEditor, monitored.id, {
      classification: 'AMBER',
      sharedWith: [],
      assessedOn: '2026-05-01',
      overallLevel: 'VERY_HIGH',
    });
    const query = `query($id: ID!, $country: String!) {
      situation(id: $id) { currentLevel latestAssessment { id } }
      severe: situations(filter: { countries: [$country], minLevel: VERY_HIGH }) { totalCount nodes { id } }
      situationCounts(filter: { countries: [$country] }, groupBy: [LEVEL]) { level situations }
    }`;
    const owner = await read(query, { id: monitored.id, country: elsewhere }, unjo);
    expect(owner.situation).toEqual({ currentLevel: 'VERY_HIGH', latestAssessment: { id: later.id } });
    expect(owner.severe.totalCount).toBe(1);
    const reader = await read(query, { id: monitored.id, country: elsewhere }, au);
    expect(reader.situation).toEqual({ currentLevel: 'LOW', latestAssessment: { id: earlier.id } });
    expect(reader.severe).toEqual({ totalCount: 0, nodes: [] });
    expect(reader.situationCounts).toEqual([{ level: 'LOW', situations: 1 }]);
  });

  it("leaves a partner's public version and updatedAt unchanged by setSharingDefaults", async () => {
    const sadcAdmin = await token('SADC', 'admin', 'sadc-admin-5');
    const PARTNER = `{ partner(code: "SADC") { version updatedAt sharingDefaults { classification sharedWith } } }`;
    const before = (await read(PARTNER, {}, au)).partner;
    const ownBefore = (await read(PARTNER, {}, sadcAdmin)).partner;
    const set = await hub.query(
      `mutation($input: SetSharingDefaultsInput!) { setSharingDefaults(input: $input) { version updatedAt sharingDefaults { classification sharedWith } } }`,
      { input: { code: 'SADC', version: ownBefore.version, classification: 'AMBER', sharedWith: ['UN-JO'] } },
      { token: sadcAdmin },
    );
    expect(ok<{ sharingDefaults: unknown }>(set, 'setSharingDefaults').sharingDefaults).toEqual({ classification: 'AMBER', sharedWith: ['UN-JO'] });
    const after = (await read(PARTNER, {}, au)).partner;
    expect({ version: after.version, updatedAt: after.updatedAt }).toEqual({ version: before.version, updatedAt: before.updatedAt });
    const ownAfter = (await read(PARTNER, {}, sadcAdmin)).partner;
    expect({ version: ownAfter.version, updatedAt: ownAfter.updatedAt }).toEqual({ version: ownBefore.version, updatedAt: ownBefore.updatedAt });
    expect(ownAfter.sharingDefaults).toEqual({ classification: 'AMBER', sharedWith: ['UN-JO'] });
  });
});

// ---- 6. Error messages ----------------------------------------------------------------------

describe('finding 6: error messages of imports about a situation made unreadable', () => {
  const COUNTRY = 'EST';
  const ELSEWHERE = 'LUX';
  let situation: Situation;
  let auEditor: string;
  const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const withSituation = (rows: [string, string, string, string][]) =>
    `#meta+id,#date,#country+code,#event+type,#meta+situation\n${rows.map((r) => [...r.slice(0, 3), 'Battles', r[3]].join(',')).join('\n')}\n`;
  const withoutSituation = (rows: [string, string, string][]) =>
    `#meta+id,#date,#country+code,#event+type\n${rows.map((r) => [...r, 'Battles'].join(',')).join('\n')}\n`;

  async function importFile(content: string): Promise<ImportOutcome[]> {
    const response = await hub.query(IMPORT, { content, classification: 'GREEN' }, { token: auEditor });
    expect(response.errors).toBeUndefined();
    return response.data!.importIncidents.outcomes;
  }

  /** What a message may not quote: the situation's country, classification, owner, sharing and title. */
  function expectNothingQuoted(outcome: ImportOutcome): void {
    const said = text(outcome.errors);
    for (const secret of [COUNTRY, 'AMBER', 'ECOWAS', 'UN-JO', situation.title]) expect(said).not.toContain(secret);
  }

  beforeAll(async () => {
    const ecowasEditor = await token('ECOWAS', 'editor', 'ecowas-editor-6');
    auEditor = await token('AU', 'editor', 'au-editor-6');
    situation = await open(ecowasEditor, COUNTRY, { classification: 'GREEN' });
    const [first] = await importFile(withSituation([['R6-1', '2026-02-01', COUNTRY, situation.id]]));
    expect(first).toMatchObject({ status: 'created', errors: [] });
    situation = await update(ecowasEditor, situation, { classification: 'AMBER_STRICT', sharedWith: ['UN-JO'] });
  });

  it('rejects a row naming the situation exactly as one naming a situation that does not exist', async () => {
    const missing = randomUUID();
    const [named, unknown] = await importFile(
      withSituation([
        ['R6-1', '2026-02-02', COUNTRY, situation.id],
        ['R6-2', '2026-02-02', COUNTRY, missing],
      ]),
    );
    expect(named.status).toBe('rejected');
    expectNothingQuoted(named);
    expect(named.errors.map((e) => ({ ...e, message: e.message.replace(uuids, 'ID') }))).toEqual(
      unknown.errors.map((e) => ({ ...e, message: e.message.replace(uuids, 'ID') })),
    );
  });

  it('rejects a change to an incident still attached to it as if the situation were unknown, quoting nothing of it', async () => {
    const missing = randomUUID();
    const [kept] = await importFile(withoutSituation([['R6-1', '2026-02-03', ELSEWHERE]]));
    const [unknown] = await importFile(withSituation([['R6-3', '2026-02-03', ELSEWHERE, missing]]));
    expect(kept.status).toBe('rejected');
    expectNothingQuoted(kept);
    // The hub quotes back only an id the row sent: compare with the quoted id taken away.
    const unquoted = (e: { message: string }) => ({ ...e, message: e.message.replace(new RegExp(` ?${uuids.source}`, 'gi'), '') });
    expect(kept.errors.map(unquoted)).toEqual(unknown.errors.map(unquoted));
  });
});

describe('finding 6: error messages of writes to records whose source was made unreadable', () => {
  const COUNTRY = 'SVK';
  const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const sameAnswer = (a: GraphQLResponse, b: GraphQLResponse) =>
    expect(JSON.stringify(a.errors).replace(uuids, 'ID')).toBe(JSON.stringify(b.errors).replace(uuids, 'ID'));

  it('answers a change to a record derived from it exactly as a change to a record that does not exist', async () => {
    const ecowasEditor = await token('ECOWAS', 'editor', 'ecowas-editor-6b');
    const auEditor = await token('AU', 'editor', 'au-editor-6b');
    let situation = await open(ecowasEditor, COUNTRY, { classification: 'GREEN' });
    const incident = await report(auEditor, COUNTRY, { situationId: situation.id, classification: 'GREEN' });
    const alert = await draft(auEditor, COUNTRY, { situationId: situation.id, classification: 'GREEN' });
    situation = await update(ecowasEditor, situation, { classification: 'AMBER_STRICT', sharedWith: ['UN-JO'] });

    const correcting = (id: string) =>
      hub.query(CORRECT_INCIDENT, { input: { id, version: incident.version, countryIso3: 'SVN', classification: 'GREEN' } }, { token: auEditor });
    const editing = (id: string) =>
      hub.query(EDIT, { input: { id, version: alert.version, countryIso3: 'SVN', classification: 'CLEAR' } }, { token: auEditor });
    for (const [write, id] of [
      [correcting, incident.id],
      [editing, alert.id],
    ] as const) {
      const hidden = await write(id);
      const missing = await write(randomUUID());
      expect(hidden.errors).toHaveLength(1);
      sameAnswer(hidden, missing);
      for (const secret of [COUNTRY, 'AMBER', 'ECOWAS', 'UN-JO', situation.title]) expect(JSON.stringify(hidden.errors)).not.toContain(secret);
    }
  });
});

// ---- 7. Aggregates are audited --------------------------------------------------------------

describe('finding 7: aggregates and counts over AMBER records are audited', () => {
  const COUNTRY = 'LVA';
  let situation: Situation;
  let incident: Incident;
  let alert: Alert;
  let ecowasAdmin: string;

  beforeAll(async () => {
    const ecowasEditor = await token('ECOWAS', 'editor', 'ecowas-editor-7');
    ecowasAdmin = await token('ECOWAS', 'admin', 'ecowas-admin-7');
    situation = await open(ecowasEditor, COUNTRY, { classification: 'AMBER', sharedWith: ['UN-JO'] });
    incident = await report(ecowasEditor, COUNTRY, { situationId: situation.id, classification: 'AMBER', sharedWith: ['UN-JO'] });
    alert = await issue(
      ecowasEditor,
      await draft(ecowasEditor, COUNTRY, {
        situationId: situation.id,
        classification: 'AMBER',
        recipients: ['PARTNER_ORGANISATIONS'],
        recipientOrgs: ['UN-JO'],
      }),
    );
    expect(alert.sharedWith).toEqual(['UN-JO']);
  });

  /** The AGGREGATE events by `actorSub` that the owner's admin reads for `recordId`. */
  async function aggregatesBy(subgraph: string, recordId: string, actorSub: string): Promise<AuditEvent[]> {
    const field = `${subgraph}AuditTrail`;
    const probe = async () => {
      const response = await hub.query<Record<string, AuditEvent[]>>(
        `query Trail($filter: AuditTrailFilter) { ${field}(filter: $filter, limit: 500) { action recordType recordId actorSub actorOrg classification } }`,
        { filter: { actions: ['AGGREGATE'], recordId } },
        { token: ecowasAdmin },
      );
      expect(response.errors).toBeUndefined();
      return response.data![field].filter((e) => e.actorSub === actorSub);
    };
    return waitFor(probe, (events) => events.length > 0);
  }

  /** Runs `query` as a UN-JO reader of its own, so that the events it leaves are told apart. */
  async function countAs(sub: string, query: string): Promise<Record<string, any>> {
    return read(query, { country: COUNTRY }, await token('UN-JO', 'viewer', sub));
  }

  it.each([
    [
      'situationCounts',
      'situations',
      'Situation',
      () => situation.id,
      `query($country: String!) { situationCounts(filter: { countries: [$country] }, groupBy: [COUNTRY]) { country situations } }`,
      (d: any) => d.situationCounts[0].situations,
    ],
    [
      'incidentCounts',
      'situations',
      'Incident',
      () => incident.id,
      `query($country: String!) { incidentCounts(filter: { countries: [$country] }, groupBy: [COUNTRY]) { country incidents } }`,
      (d: any) => d.incidentCounts[0].incidents,
    ],
    [
      'situations totalCount',
      'situations',
      'Situation',
      () => situation.id,
      `query($country: String!) { situations(filter: { countries: [$country] }) { totalCount } }`,
      (d: any) => d.situations.totalCount,
    ],
    [
      'situations totalCount with first: 0',
      'situations',
      'Situation',
      () => situation.id,
      `query($country: String!) { situations(filter: { countries: [$country] }, first: 0) { totalCount } }`,
      (d: any) => d.situations.totalCount,
    ],
    [
      'incidents totalCount with first: 0',
      'situations',
      'Incident',
      () => incident.id,
      `query($country: String!) { incidents(filter: { countries: [$country] }, first: 0) { totalCount } }`,
      (d: any) => d.incidents.totalCount,
    ],
    [
      'alerts totalCount with first: 0',
      'alerts',
      'Alert',
      () => alert.id,
      `query($country: String!) { alerts(filter: { countries: [$country] }, first: 0) { totalCount } }`,
      (d: any) => d.alerts.totalCount,
    ],
    [
      'alertCounts',
      'alerts',
      'Alert',
      () => alert.id,
      `query($country: String!) { alertCounts(filter: { countries: [$country] }, groupBy: [COUNTRY]) { country alerts } }`,
      (d: any) => d.alertCounts[0].alerts,
    ],
  ] as const)('records an AGGREGATE event naming the record for %s', async (name, subgraph, recordType, recordId, query, counted) => {
    const sub = `un-jo-counter-${name.replace(/\W+/g, '-')}`;
    const answer = await countAs(sub, query);
    // The reader counted exactly the one AMBER record of this describe.
    expect(counted(answer)).toBe(1);
    const events = await aggregatesBy(subgraph, recordId(), sub);
    expect(events).toContainEqual({
      action: 'AGGREGATE',
      recordType,
      recordId: recordId(),
      actorSub: sub,
      actorOrg: 'UN-JO',
      classification: 'AMBER',
    });
  });
});

// ---- 8. Drafts and staff ----------------------------------------------------------------------

describe('finding 8: drafts and staff ids', () => {
  const COUNTRY = 'LTU';
  let unjoEditor: string;
  let unjo: string;
  let au: string;
  let icglr: string;

  beforeAll(async () => {
    unjoEditor = await token('UN-JO', 'editor', 'un-jo-editor-8');
    unjo = await token('UN-JO', 'viewer', 'un-jo-analyst-8');
    au = await token('AU', 'viewer', 'au-analyst-8');
    icglr = await token('ICGLR', 'viewer', 'icglr-analyst-8');
  });

  const LISTS = `query($country: String!) {
    alerts(filter: { countries: [$country] }, first: 100) { totalCount nodes { id } }
    alertCounts(filter: { countries: [$country] }, groupBy: [STATUS]) { status alerts }
    country(iso3: $country) { alerts { id } }
  }`;

  it("hides a draft from its level's audience, whatever the level, until it is issued", async () => {
    const clear = await draft(unjoEditor, COUNTRY, { classification: 'CLEAR', recipients: ['PUBLIC'] });
    const green = await draft(unjoEditor, COUNTRY, { classification: 'GREEN' });
    // Shared with AU, and naming an AU analyst, from the start: still the Office's own until issued.
    const amber = await draft(unjoEditor, COUNTRY, { classification: 'AMBER', sharedWith: ['AU'] });
    const red = await draft(unjoEditor, COUNTRY, { classification: 'RED', sharedWithUsers: ['au-analyst-8'] });
    const ids = [clear.id, green.id, amber.id, red.id];
    const BY_ID = `query($a: ID!, $b: ID!, $c: ID!, $d: ID!) {
      a: alert(id: $a) { id statusHistory { toStatus } } b: alert(id: $b) { id } c: alert(id: $c) { id } d: alert(id: $d) { id }
    }`;
    for (const reader of [undefined, au]) {
      const byId = await read(BY_ID, { a: clear.id, b: green.id, c: amber.id, d: red.id }, reader);
      expect(byId).toEqual({ a: null, b: null, c: null, d: null });
      const lists = await read(LISTS, { country: COUNTRY }, reader);
      for (const id of ids) expect(text(lists)).not.toContain(id);
      expect(lists.alerts.totalCount).toBe(0);
      expect(lists.alertCounts).toEqual([]);
    }
    // The owner's own organisation reads its drafts.
    const own = await read(LISTS, { country: COUNTRY }, unjo);
    expect(own.alerts.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(ids));

    for (const alert of [clear, green, amber, red]) await issue(unjoEditor, alert);
    expect((await read<{ alert: Alert | null }>(ALERT_BY_ID, { id: clear.id })).alert?.id).toBe(clear.id);
    const issuedForAu = await read(LISTS, { country: COUNTRY }, au);
    expect(issuedForAu.alerts.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(ids));
  });

  it('shows changedBy and acknowledgedBy only to their own organisation', async () => {
    const alert = await issue(
      unjoEditor,
      await draft(unjoEditor, COUNTRY, { classification: 'CLEAR', recipients: ['PUBLIC', 'PARTNER_ORGANISATIONS'], recipientOrgs: ['AU'] }),
      'Sent.',
    );
    const acknowledged = ok<{ org: string; acknowledgedBy: string | null }>(
      await hub.query(ACKNOWLEDGE, { input: { alertId: alert.id } }, { token: au }),
      'acknowledgeAlert',
    );
    expect(acknowledged).toMatchObject({ org: 'AU', acknowledgedBy: 'au-analyst-8' });

    const STAFF = `query($id: ID!) { alert(id: $id) { statusHistory { changedBy changedByOrg } acknowledgements { org acknowledgedBy } } }`;
    const as = async (reader?: string) => (await read<{ alert: Alert }>(STAFF, { id: alert.id }, reader)).alert;

    const anonymous = await as(undefined);
    expect(anonymous.statusHistory.map((s) => [s.changedBy, s.changedByOrg])).toEqual([
      [null, 'UN-JO'],
      [null, 'UN-JO'],
    ]);
    for (const ack of anonymous.acknowledgements) expect(ack.acknowledgedBy).toBeNull();

    const other = await as(icglr);
    expect(other.statusHistory.map((s) => s.changedBy)).toEqual([null, null]);
    for (const ack of other.acknowledgements) expect(ack.acknowledgedBy).toBeNull();

    // The alert's owner reads the acknowledgement, by AU, but not who at AU made it.
    const owner = await as(unjo);
    expect(owner.statusHistory.map((s) => s.changedBy)).toEqual(['un-jo-editor-8', 'un-jo-editor-8']);
    expect(owner.acknowledgements).toEqual([{ org: 'AU', acknowledgedBy: null }]);

    const recipient = await as(au);
    expect(recipient.statusHistory.map((s) => s.changedBy)).toEqual([null, null]);
    expect(recipient.acknowledgements).toEqual([{ org: 'AU', acknowledgedBy: 'au-analyst-8' }]);
  });
});
