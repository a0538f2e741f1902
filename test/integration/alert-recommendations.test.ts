// Alerts that recommend and cite, through the gateway over HTTP: recommendations by pillar of the
// Responsibility to Protect, and the assessments and incidents an alert rests on, held to the
// no-write-down rule (a citation the writer may not read is refused as one that does not exist;
// a reader sees only the cited records they may read).
import { randomUUID } from 'node:crypto';
import { illustrativeAssessmentId, illustrativeIncidentId, illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startHub, type Hub } from '../support/hub';
import { accepted, countRows, injectFault, refused, refusedFields } from '../support/writes';
import { tokenFor, users } from '../support/users';

let hub: Hub;
let editor: string;
let auAnalyst: string;
let icglrEditor: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  auAnalyst = await tokenFor(users.auAnalyst);
  icglrEditor = await tokenFor(users.icglrEditor);
});

afterAll(async () => {
  await hub?.stop();
});

const ALERT = `id version status classification type recipients
  recommendations { text addressee addresseeCode pillar }
  citedAssessments { id overallLevel } citedIncidents { id place }`;
const DRAFT = `mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { ${ALERT} } }`;
const EDIT = `mutation Edit($input: EditAlertInput!) { editAlert(input: $input) { ${ALERT} } }`;
const ISSUE = `mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { ${ALERT} } }`;
const ALERT_BY_ID = `query Alert($id: ID!) { alert(id: $id) { ${ALERT} } }`;
const ALERTS = `query Alerts($filter: AlertFilter) { alerts(filter: $filter, first: 100) { edges { node { id } } } }`;
const COUNTS = `query Counts($filter: AlertFilter) { alertCounts(groupBy: [TYPE], filter: $filter) { type alerts } }`;
const REPORT_INCIDENT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { id version } }`;
const CORRECT_INCIDENT = `mutation Correct($input: CorrectIncidentInput!) { correctIncident(input: $input) { id version sharedWith } }`;

type Alert = {
  id: string;
  version: number;
  status: string;
  recommendations: { text: string; addressee: string; addresseeCode: string | null; pillar: string }[];
  citedAssessments: { id: string }[];
  citedIncidents: { id: string }[];
};

// ICGLR's AMBER Kivu situation, shared with UN-JO and AU; its assessments and incidents share its readership.
const KIVU = illustrativeSituationId('great-lakes-kivu');
const KIVU_ASSESSMENT = illustrativeAssessmentId('great-lakes-kivu', '2026-09-15');
const KIVU_INCIDENT = illustrativeIncidentId('great-lakes-kivu', 0, 0);
// OSCE's RED assessment, naming no UN-JO user: UN-JO may not know it exists.
const OSCE_ASSESSMENT = illustrativeAssessmentId('europe-minorities', '2026-03-03');

const RECOMMENDATIONS = [
  { text: '[Test] Adopt and fund a national plan against hate speech.', addressee: 'MEMBER_STATE', addresseeCode: 'COD', pillar: 'PILLAR_1' },
  { text: '[Test] Support the national committee with training.', addressee: 'REGIONAL_ORGANISATION', addresseeCode: 'ICGLR', pillar: 'PILLAR_2' },
  { text: '[Test] Consider timely and decisive collective action.', addressee: 'SECURITY_COUNCIL', pillar: 'PILLAR_3' },
];

function kivuNote(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    type: 'ADVISORY_NOTE',
    level: 'HIGH',
    title: '[Test] Advisory note: preventive action in the Kivus',
    body: 'Test alert written by the recommendations test.',
    recipients: ['SECRETARY_GENERAL', 'PARTNER_ORGANISATIONS'],
    recipientOrgs: ['AU'],
    crimes: ['GENOCIDE'],
    situationId: KIVU,
    countryIso3: 'COD',
    classification: 'AMBER',
    recommendations: RECOMMENDATIONS,
    citedAssessmentIds: [KIVU_ASSESSMENT],
    citedIncidentIds: [KIVU_INCIDENT],
    ...overrides,
  };
}

async function draft(input: Record<string, unknown> = kivuNote()): Promise<Alert> {
  return accepted<Alert>(await hub.query(DRAFT, { input }, { token: editor }), 'draftAlert');
}

async function issued(input: Record<string, unknown>): Promise<Alert> {
  const alert = await draft(input);
  return accepted<Alert>(await hub.query(ISSUE, { input: { id: alert.id, version: alert.version } }, { token: editor }), 'issueAlert');
}

/** ICGLR's incident in the Kivus, AMBER and shared with UN-JO and AU, as the situation is. */
async function kivuIncident(): Promise<{ id: string; version: number }> {
  return accepted(
    await hub.query(
      REPORT_INCIDENT,
      {
        input: {
          idempotencyKey: randomUUID(),
          situationId: KIVU,
          countryIso3: 'COD',
          occurredOn: '2026-10-01',
          adm1: 'North Kivu',
          place: '[Test] locality',
          latitude: -1.68,
          longitude: 29.22,
          eventType: 'Violence against civilians',
          actors: ['[Test] armed group'],
          fatalitiesLow: 1,
          fatalitiesBest: 2,
          fatalitiesHigh: 3,
          notes: 'Reported by the recommendations test.',
          classification: 'AMBER',
          sharedWith: ['UN-JO', 'AU'],
        },
      },
      { token: icglrEditor },
    ),
    'reportIncident',
  );
}

const alertRows = () => countRows(hub, 'alerts', 'alerts.alert');

describe('alerts that recommend and cite', () => {
  it('writes an alert with recommendations by pillar and cited evidence, and reads it back through the gateway', async () => {
    const drafted = await draft();
    expect(drafted.recommendations).toEqual([RECOMMENDATIONS[0], RECOMMENDATIONS[1], { ...RECOMMENDATIONS[2], addresseeCode: null }]);
    expect(drafted.citedAssessments.map((a) => a.id)).toEqual([KIVU_ASSESSMENT]);
    expect(drafted.citedIncidents.map((i) => i.id)).toEqual([KIVU_INCIDENT]);

    const alert = await issued(kivuNote({ type: 'REPORT', recipients: ['GENERAL_ASSEMBLY', 'HUMAN_RIGHTS_COUNCIL', 'PARTNER_ORGANISATIONS'] }));
    const read = (await hub.query(ALERT_BY_ID, { id: alert.id }, { token: auAnalyst })).data!.alert as Alert;
    expect(read).toMatchObject({ type: 'REPORT', recipients: ['GENERAL_ASSEMBLY', 'HUMAN_RIGHTS_COUNCIL', 'PARTNER_ORGANISATIONS'] });
    expect(read.recommendations.map((r) => r.pillar)).toEqual(['PILLAR_1', 'PILLAR_2', 'PILLAR_3']);
    expect(read.citedAssessments.map((a) => a.id)).toEqual([KIVU_ASSESSMENT]);

    // Pillar and addressee hold for the same recommendation: pillar 3 for the Security Council, not pillar 1 for it.
    const found = async (filter: Record<string, unknown>) =>
      ((await hub.query(ALERTS, { filter }, { token: auAnalyst })).data!.alerts.edges as { node: { id: string } }[]).map((e) => e.node.id);
    expect(await found({ recommendationPillars: ['PILLAR_3'], recommendationAddressees: ['SECURITY_COUNCIL'] })).toContain(alert.id);
    expect(await found({ recommendationPillars: ['PILLAR_1'], recommendationAddressees: ['SECURITY_COUNCIL'] })).not.toContain(alert.id);
    expect(await found({ recommendationPillars: ['PILLAR_2'] })).toContain(alert.id);
    const counts = (await hub.query(COUNTS, { filter: { recommendationPillars: ['PILLAR_3'] } }, { token: auAnalyst })).data!.alertCounts;
    expect(counts).toEqual(expect.arrayContaining([{ type: 'REPORT', alerts: expect.any(Number) }]));

    // An edit replaces the recommendations; the citations stay.
    const edited = accepted<Alert>(
      await hub.query(EDIT, { input: { id: drafted.id, version: drafted.version, recommendations: [RECOMMENDATIONS[2]] } }, { token: editor }),
      'editAlert',
    );
    expect(edited.recommendations).toEqual([{ ...RECOMMENDATIONS[2], addresseeCode: null }]);
    expect(edited.citedIncidents.map((i) => i.id)).toEqual([KIVU_INCIDENT]);
  });

  it('refuses addressee codes the reference data does not hold, and a code where none applies, storing nothing', async () => {
    const before = await alertRows();
    refusedFields(
      await hub.query(
        DRAFT,
        { input: kivuNote({ recommendations: [{ text: '[Test] Act.', addressee: 'MEMBER_STATE', addresseeCode: 'XXY', pillar: 'PILLAR_1' }] }) },
        { token: editor },
      ),
      ['recommendations'],
    );
    refusedFields(
      await hub.query(
        DRAFT,
        {
          input: kivuNote({
            recommendations: [{ text: '[Test] Act.', addressee: 'REGIONAL_ORGANISATION', addresseeCode: 'NOPE', pillar: 'PILLAR_2' }],
          }),
        },
        { token: editor },
      ),
      ['recommendations'],
    );
    refusedFields(
      await hub.query(
        DRAFT,
        { input: kivuNote({ recommendations: [{ text: '[Test] Act.', addressee: 'MEMBER_STATE', pillar: 'PILLAR_1' }] }) },
        { token: editor },
      ),
      ['recommendations[0].addresseeCode'],
    );
    refusedFields(
      await hub.query(
        DRAFT,
        { input: kivuNote({ recommendations: [{ text: '[Test] Act.', addressee: 'SECURITY_COUNCIL', addresseeCode: 'COD', pillar: 'PILLAR_3' }] }) },
        { token: editor },
      ),
      ['recommendations[0].addresseeCode'],
    );
    expect(await alertRows()).toBe(before);
  });

  it('refuses a citation the writer may not read exactly as one of a record that does not exist', async () => {
    const before = await alertRows();
    const missing = randomUUID();
    const hidden = refusedFields(await hub.query(DRAFT, { input: kivuNote({ citedAssessmentIds: [OSCE_ASSESSMENT] }) }, { token: editor }), [
      'citedAssessmentIds',
    ]);
    const absent = refusedFields(await hub.query(DRAFT, { input: kivuNote({ citedAssessmentIds: [missing] }) }, { token: editor }), [
      'citedAssessmentIds',
    ]);
    expect(hidden.message.replace(OSCE_ASSESSMENT, 'ID')).toBe(absent.message.replace(missing, 'ID'));
    expect(hidden.extensions).toEqual(absent.extensions);
    refusedFields(await hub.query(DRAFT, { input: kivuNote({ citedIncidentIds: [randomUUID()] }) }, { token: editor }), ['citedIncidentIds']);
    expect(await alertRows()).toBe(before);
  });

  it('refuses an alert that would reach readers the cited records do not (no write-down)', async () => {
    const before = await alertRows();
    // A CLEAR alert citing ICGLR's AMBER assessment, with no situation to say so.
    refusedFields(
      await hub.query(DRAFT, { input: kivuNote({ situationId: null, citedIncidentIds: [], classification: 'CLEAR' }) }, { token: editor }),
      ['classification'],
    );
    // Addressed to an organisation the cited incident is not shared with.
    refusedFields(
      await hub.query(DRAFT, { input: kivuNote({ situationId: null, citedAssessmentIds: [], recipientOrgs: ['ECOWAS'] }) }, { token: editor }),
      ['recipientOrgs'],
    );
    expect(await alertRows()).toBe(before);
    // Nor can an edit of a draft that cites nothing now drop below what it once cited.
    const drafted = await draft(kivuNote({ situationId: null }));
    const edited = accepted<Alert>(
      await hub.query(EDIT, { input: { id: drafted.id, version: drafted.version, citedAssessmentIds: [], citedIncidentIds: [] } }, { token: editor }),
      'editAlert',
    );
    refusedFields(await hub.query(EDIT, { input: { id: edited.id, version: edited.version, classification: 'GREEN' } }, { token: editor }), [
      'classification',
    ]);
  });

  it("follows a cited incident's readership, and shows a reader only the cited records they may read", async () => {
    const followed = await kivuIncident();
    const alert = await issued(kivuNote({ citedIncidentIds: [followed.id] }));
    expect(((await hub.query(ALERT_BY_ID, { id: alert.id }, { token: auAnalyst })).data!.alert as Alert).citedIncidents.map((i) => i.id)).toEqual([
      followed.id,
    ]);
    // ICGLR stops sharing the incident with AU: the alert citing it follows, so AU no longer reads it.
    accepted(
      await hub.query(CORRECT_INCIDENT, { input: { id: followed.id, version: followed.version, sharedWith: ['UN-JO'] } }, { token: icglrEditor }),
      'correctIncident',
    );
    expect((await hub.query(ALERT_BY_ID, { id: alert.id }, { token: auAnalyst })).data!.alert).toBeNull();

    // Were the alerts subgraph not told (here its floors fail to move), the reader still never sees the incident.
    const unfollowed = await kivuIncident();
    const second = await issued(kivuNote({ citedIncidentIds: [KIVU_INCIDENT, unfollowed.id] }));
    const heal = await injectFault(hub, 'alerts', 'record_floor', 'TRUE', 'UPDATE');
    try {
      accepted(
        await hub.query(
          CORRECT_INCIDENT,
          { input: { id: unfollowed.id, version: unfollowed.version, sharedWith: ['UN-JO'] } },
          { token: icglrEditor },
        ),
        'correctIncident',
      );
    } finally {
      await heal();
    }
    const seen = (await hub.query(ALERT_BY_ID, { id: second.id }, { token: auAnalyst })).data!.alert as Alert;
    expect(seen.citedIncidents.map((i) => i.id)).toEqual([KIVU_INCIDENT]);
    const unjo = (await hub.query(ALERT_BY_ID, { id: second.id }, { token: editor })).data!.alert as Alert;
    expect(unjo.citedIncidents.map((i) => i.id).sort()).toEqual([KIVU_INCIDENT, unfollowed.id].sort());
  });

  it('follows cited incidents whose readership an import through the hub changed', async () => {
    const [first, second] = [await kivuIncident(), await kivuIncident()];
    const alert = await issued(kivuNote({ citedIncidentIds: [first.id, second.id] }));
    expect((await hub.query(ALERT_BY_ID, { id: alert.id }, { token: auAnalyst })).data!.alert).not.toBeNull();
    // ICGLR exports the two incidents and imports them again shared with UN-JO only: the alert follows them both.
    const exported = accepted<{ content: string }>(
      await hub.query(`query Export { exportIncidents(format: JSONL) { content } }`, {}, { token: icglrEditor }),
      'exportIncidents',
    );
    const lines = exported.content.split('\n').filter((line) => line.includes(first.id) || line.includes(second.id));
    expect(lines).toHaveLength(2);
    const report = accepted<{ updated: number }>(
      await hub.query(
        `mutation Import($input: ImportIncidentsInput!) { importIncidents(input: $input) { updated } }`,
        { input: { format: 'JSONL', content: lines.join('\n'), classification: 'AMBER', sharedWith: ['UN-JO'] } },
        { token: icglrEditor },
      ),
      'importIncidents',
    );
    expect(report.updated).toBe(2);
    expect((await hub.query(ALERT_BY_ID, { id: alert.id }, { token: auAnalyst })).data!.alert).toBeNull();
    expect((await hub.query(ALERTS, {}, { token: auAnalyst })).data!.alerts).not.toMatchObject({
      edges: expect.arrayContaining([{ node: { id: alert.id } }]),
    });
    const unjo = (await hub.query(ALERT_BY_ID, { id: alert.id }, { token: editor })).data!.alert as Alert;
    expect(unjo.citedIncidents.map((i) => i.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('keeps the citation ids out of the API: the evidence is reached only through the situations subgraph', async () => {
    const response = await hub.query(`query { alerts(first: 1) { edges { node { citedIncidentIds } } } }`, {}, { token: editor });
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    refused(response, 'GRAPHQL_VALIDATION_FAILED');
  });
});
