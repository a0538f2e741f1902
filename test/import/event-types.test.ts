// Incident event types as codes of ACLED's typology, through the gateway: reportIncident with codes
// or text, the importer mapping what partners write and reporting what it cannot, and counts and
// filters by code, so "protests" and "Protests" are one event type.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, refusedFields } from '../support/writes';

const INCIDENT = 'id eventType eventTypeCode subEventType subEventTypeCode';
const REPORT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { ${INCIDENT} } }`;
const CORRECT = `mutation Correct($input: CorrectIncidentInput!) { correctIncident(input: $input) { ${INCIDENT} version } }`;
const IMPORT = `mutation Import($content: String!) {
  importIncidents(input: { format: HXL, content: $content }) {
    rows created rejected outcomes { line externalId status id errors { field column message } warnings { field column message } }
  }
}`;
const COUNTS = `query Counts($filter: IncidentFilter) { incidentCounts(groupBy: [EVENT_TYPE], filter: $filter) { eventType eventTypeCode incidents } }`;
const LIST = `query List($filter: IncidentFilter) { incidents(filter: $filter, first: 100) { nodes { ${INCIDENT} externalId } } }`;

type Incident = { id: string; eventType: string; eventTypeCode: string | null; subEventType: string | null; subEventTypeCode: string | null };

// Dates no seeded incident has, so the counts below are this file's own.
const WINDOW = { countries: ['GMB'], from: '2021-05-01', to: '2021-05-31' };

let hub: Hub;
let editor: string;

const report = (input: Record<string, unknown>) =>
  hub.query(
    REPORT,
    { input: { idempotencyKey: randomUUID(), countryIso3: 'GMB', occurredOn: '2021-04-02', classification: 'GREEN', ...input } },
    { token: editor },
  );

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.ecowasEditor);
});

afterAll(async () => {
  await hub?.stop();
});

describe('reportIncident with event type codes', () => {
  it('takes a code and writes its label as the text, or reads the code from the text', async () => {
    expect(accepted<Incident>(await report({ eventTypeCode: 'PROTESTS' }), 'reportIncident')).toMatchObject({
      eventType: 'Protests',
      eventTypeCode: 'PROTESTS',
      subEventTypeCode: null,
    });
    expect(accepted<Incident>(await report({ eventType: '  armed   CLASH ' }), 'reportIncident')).toMatchObject({
      eventType: 'armed   CLASH',
      eventTypeCode: 'BATTLES',
      subEventTypeCode: 'ARMED_CLASH',
    });
    expect(
      accepted<Incident>(await report({ eventType: 'Unrest', eventTypeCode: 'RIOTS', subEventTypeCode: 'MOB_VIOLENCE' }), 'reportIncident'),
    ).toMatchObject({ eventType: 'Unrest', eventTypeCode: 'RIOTS', subEventType: null, subEventTypeCode: 'MOB_VIOLENCE' });
  });

  it('keeps text the typology does not know, with no code', async () => {
    expect(accepted<Incident>(await report({ eventType: 'Cattle raid' }), 'reportIncident')).toMatchObject({
      eventType: 'Cattle raid',
      eventTypeCode: null,
    });
  });

  it('refuses a sub-event type of another type, and a report with no event type at all', async () => {
    const wrong = refusedFields(await report({ eventTypeCode: 'PROTESTS', subEventTypeCode: 'ARMED_CLASH' }), ['subEventTypeCode'], true);
    expect(wrong.message).toMatch(/ARMED_CLASH is a sub-event type of BATTLES, not of PROTESTS/);
    refusedFields(await report({ subEventTypeCode: 'ARMED_CLASH', eventType: 'Cattle raid' }), ['subEventTypeCode'], true);
    refusedFields(await report({}), ['eventType'], true);
  });

  it('reads the code again when a correction changes the text', async () => {
    const reported = accepted<Incident>(await report({ eventType: 'Protests' }), 'reportIncident');
    const corrected = accepted<Incident>(
      await hub.query(CORRECT, { input: { id: reported.id, version: 1, eventType: 'Riots' } }, { token: editor }),
      'correctIncident',
    );
    expect(corrected).toMatchObject({ eventType: 'Riots', eventTypeCode: 'RIOTS' });
  });
});

describe('importing event types', () => {
  const file = [
    '#meta+id,#date,#country+code,#event+type,#event+type+sub',
    'ET-1,2021-05-03,GMB,protests,',
    'ET-2,2021-05-04,GMB,Protests,Peaceful protest',
    'ET-3,2021-05-05,GMB,armed clash,',
    'ET-4,2021-05-06,GMB,Riots,mob  violence',
    'ET-5,2021-05-07,GMB,xyz,',
    'ET-6,2021-05-08,GMB,Battles,Peaceful protest',
  ].join('\n');
  let outcomes: { line: number; externalId: string; status: string; warnings: { field: string; column: string; message: string }[] }[];

  beforeAll(async () => {
    const imported = await hub.query(IMPORT, { content: file }, { token: editor });
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importIncidents).toMatchObject({ rows: 6, created: 6, rejected: 0 });
    outcomes = imported.data!.importIncidents.outcomes;
  });

  it('maps what partners write to codes, case- and space-insensitively', async () => {
    const listed = accepted<{ nodes: (Incident & { externalId: string })[] }>(
      await hub.query(LIST, { filter: WINDOW }, { token: editor }),
      'incidents',
    );
    const byId = Object.fromEntries(listed.nodes.map((n) => [n.externalId, [n.eventTypeCode, n.subEventTypeCode]]));
    expect(byId).toEqual({
      'ET-1': ['PROTESTS', null],
      'ET-2': ['PROTESTS', 'PEACEFUL_PROTEST'],
      'ET-3': ['BATTLES', 'ARMED_CLASH'],
      'ET-4': ['RIOTS', 'MOB_VIOLENCE'],
      'ET-5': [null, null],
      'ET-6': ['BATTLES', null],
    });
  });

  it('imports a row it cannot map with its text, and says so on that row', () => {
    const warned = outcomes.filter((o) => o.warnings.length > 0);
    expect(warned.map((o) => o.externalId)).toEqual(['ET-5', 'ET-6']);
    expect(warned[0]).toMatchObject({ status: 'created', warnings: [{ field: 'eventType', column: '#event+type' }] });
    expect(warned[0].warnings[0].message).toMatch(/event type "xyz" not mapped/);
    expect(warned[1].warnings[0]).toMatchObject({ field: 'subEventType', column: '#event+type+sub' });
    expect(warned[1].warnings[0].message).toMatch(/sub-event type "Peaceful protest" not mapped to an ACLED sub-event type of Battles/);
  });

  it('rejects a row naming a code the typology does not have', async () => {
    const coded = '#meta+id,#date,#country+code,#event+type,#event+type+code\nET-9,2021-05-09,GMB,Protests,PICNIC\n';
    const imported = await hub.query(IMPORT, { content: coded }, { token: editor });
    expect(imported.data!.importIncidents.outcomes[0]).toMatchObject({
      status: 'rejected',
      errors: [{ field: 'eventTypeCode', column: '#event+type+code' }],
    });
  });

  it('counts incidents by code, so "protests" and "Protests" are one event type', async () => {
    const counts = accepted<{ eventType: string | null; eventTypeCode: string | null; incidents: number }[]>(
      await hub.query(COUNTS, { filter: WINDOW }, { token: editor }),
      'incidentCounts',
    );
    const sorted = [...counts].sort((a, b) => String(a.eventTypeCode).localeCompare(String(b.eventTypeCode)));
    expect(sorted).toEqual([
      { eventType: 'Battles', eventTypeCode: 'BATTLES', incidents: 2 },
      { eventType: null, eventTypeCode: null, incidents: 1 },
      { eventType: 'Protests', eventTypeCode: 'PROTESTS', incidents: 2 },
      { eventType: 'Riots', eventTypeCode: 'RIOTS', incidents: 1 },
    ]);
  });

  it('filters incidents by event type and sub-event type code', async () => {
    const protests = accepted<{ nodes: { externalId: string }[] }>(
      await hub.query(LIST, { filter: { ...WINDOW, eventTypeCodes: ['PROTESTS', 'RIOTS'] } }, { token: editor }),
      'incidents',
    );
    expect(protests.nodes.map((n) => n.externalId).sort()).toEqual(['ET-1', 'ET-2', 'ET-4']);
    const clashes = accepted<{ nodes: { externalId: string }[] }>(
      await hub.query(LIST, { filter: { ...WINDOW, subEventTypeCodes: ['ARMED_CLASH'] } }, { token: editor }),
      'incidents',
    );
    expect(clashes.nodes.map((n) => n.externalId)).toEqual(['ET-3']);
  });
});
