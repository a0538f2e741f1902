// Import and export a partner can rely on, through the gateway: incidents reported in the hub
// export and import back with no change, imports apply the organisation's sharing defaults and
// say so, and the exportIncidents query gives only what the reader's organisation owns.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, countRows, refused } from '../support/writes';

const REPORT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { id externalId classification } }`;
const EXPORT = `query Export($format: ImportFormat!, $filter: IncidentFilter) { exportIncidents(format: $format, filter: $filter) { format incidents content } }`;
const IMPORT = `mutation Import($input: ImportIncidentsInput!) {
  importIncidents(input: $input) { rows created updated unchanged rejected sharing outcomes { externalId status id errors { field message } } }
}`;
const INCIDENT = `query Incident($filter: IncidentFilter) { incidents(filter: $filter, first: 100) { nodes { id externalId ownerOrg classification sharedWith } } }`;
const PARTNER = `query Partner($code: String!) { partner(code: $code) { version } }`;
const SET_DEFAULTS = `mutation Defaults($input: SetSharingDefaultsInput!) { setSharingDefaults(input: $input) { sharingDefaults { classification sharedWith } } }`;

type Export = { format: string; incidents: number; content: string };

let hub: Hub;
let ecowas: string;
let au: string;

function report(token: string, input: Record<string, unknown>) {
  return hub.query(REPORT, { input: { idempotencyKey: randomUUID(), occurredOn: '2020-06-01', eventType: 'Protests', ...input } }, { token });
}

beforeAll(async () => {
  hub = await startHub();
  [ecowas, au] = await Promise.all([tokenFor(users.ecowasEditor), tokenFor(users.auEditor)]);
});

afterAll(async () => {
  await hub?.stop();
});

describe('exporting incidents reported in the hub, and importing them back', () => {
  // A year no seeded incident has: the export holds this file's incidents only.
  const YEAR = { from: '2020-01-01', to: '2020-12-31' };
  const reported: { id: string; externalId: string }[] = [];

  beforeAll(async () => {
    for (const input of [
      { countryIso3: 'GHA', classification: 'GREEN', eventTypeCode: 'RIOTS', subEventTypeCode: 'MOB_VIOLENCE', actors: ['Group A', 'Group B'] },
      {
        countryIso3: 'SEN',
        classification: 'AMBER',
        sharedWith: ['UN-JO'],
        eventType: 'armed clash',
        notes: 'Line one,\nline two "quoted"; é',
        fatalitiesLow: 1,
        fatalitiesBest: 2,
        fatalitiesHigh: 5,
        source: { name: `Radio ${randomUUID()}`, type: 'MEDIA', region: 'Africa' },
      },
      { countryIso3: 'CIV', classification: 'GREEN', eventType: 'Cattle raid', latitude: 5.3, longitude: -4.0, place: 'Illustrative place' },
    ])
      reported.push(accepted(await report(ecowas, input), 'reportIncident'));
    // Another organisation's incident ECOWAS may read, in the same year: not ECOWAS's to export.
    accepted(await report(au, { countryIso3: 'GHA', classification: 'GREEN' }), 'reportIncident');
  });

  it('gives every incident reported in the hub its hub id as its external id', () => {
    expect(reported.every((incident) => incident.externalId === incident.id)).toBe(true);
  });

  it.each(['HXL', 'JSONL'])('exports as %s only what the organisation owns, and the file imports back with no change', async (format) => {
    const exported = accepted<Export>(await hub.query(EXPORT, { format, filter: YEAR }, { token: ecowas }), 'exportIncidents');
    expect(exported).toMatchObject({ format, incidents: reported.length });
    for (const { id } of reported) expect(exported.content).toContain(id);
    if (format === 'HXL') expect(exported.content.split('\r\n')[1]).toMatch(/^#meta\+id,/);
    else expect(exported.content.trim().split('\n')).toHaveLength(reported.length);

    const before = await countRows(hub, 'situations', 'situations.incident');
    const versions = await countRows(hub, 'situations', 'situations.incident WHERE version > 1');
    const imported = accepted<{ rows: number; created: number; updated: number; unchanged: number; rejected: number; outcomes: { id: string }[] }>(
      await hub.query(IMPORT, { input: { format, content: exported.content } }, { token: ecowas }),
      'importIncidents',
    );
    expect(imported).toMatchObject({ rows: reported.length, created: 0, updated: 0, unchanged: reported.length, rejected: 0 });
    expect(imported.outcomes.map((o) => o.id).sort()).toEqual(reported.map((r) => r.id).sort());
    expect(await countRows(hub, 'situations', 'situations.incident')).toBe(before);
    expect(await countRows(hub, 'situations', 'situations.incident WHERE version > 1')).toBe(versions);
  });

  it('notes the export of an AMBER incident in the audit trail, as a read by the exporter', async () => {
    const amber = reported[1].id;
    const trail = await hub.query(
      'query($id: String!) { situationsAuditTrail(filter: { recordId: $id, actions: [READ] }) { actorSub operationName recordType } }',
      { id: amber },
      { token: await tokenFor(users.ecowasAdmin) },
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data!.situationsAuditTrail).toContainEqual({ actorSub: 'ecowas-editor', operationName: 'Export', recordType: 'Incident' });
  });

  it("gives another organisation's reader only its own organisation's incidents", async () => {
    const exported = accepted<Export>(await hub.query(EXPORT, { format: 'JSONL', filter: YEAR }, { token: au }), 'exportIncidents');
    expect(exported.incidents).toBe(1);
    for (const { id } of reported) expect(exported.content).not.toContain(id);
  });

  it('applies the filter, and refuses anonymous callers', async () => {
    const ghana = accepted<Export>(
      await hub.query(EXPORT, { format: 'JSONL', filter: { ...YEAR, countries: ['GHA'] } }, { token: await tokenFor(users.ecowasAnalyst) }),
      'exportIncidents',
    );
    expect(ghana.incidents).toBe(1);
    expect(JSON.parse(ghana.content)).toMatchObject({ externalId: reported[0].id, eventTypeCode: 'RIOTS', subEventTypeCode: 'MOB_VIOLENCE' });
    refused(await hub.query(EXPORT, { format: 'HXL' }), 'UNAUTHENTICATED');
  });
});

describe("importing with the organisation's sharing defaults", () => {
  const file = (id: string) => `#meta+id,#date,#country+code,#event+type\n${id},2020-03-04,GHA,Protests\n`;

  it('gives new incidents without a classification the defaults, and says so in the report', async () => {
    const admin = await tokenFor(users.ecowasAdmin);
    const { version } = accepted<{ version: number }>(await hub.query(PARTNER, { code: 'ECOWAS' }, { token: admin }), 'partner');
    accepted(
      await hub.query(SET_DEFAULTS, { input: { code: 'ECOWAS', version, classification: 'AMBER', sharedWith: ['UN-JO'] } }, { token: admin }),
      'setSharingDefaults',
    );

    const defaulted = accepted<{ created: number; sharing: string }>(
      await hub.query(IMPORT, { input: { format: 'HXL', content: file('SD-1') } }, { token: ecowas }),
      'importIncidents',
    );
    expect(defaulted.created).toBe(1);
    expect(defaulted.sharing).toMatch(/AMBER, shared with UN-JO, taken from ECOWAS's sharing defaults/);

    const explicit = accepted<{ created: number; sharing: string }>(
      await hub.query(IMPORT, { input: { format: 'HXL', content: file('SD-2'), classification: 'GREEN' } }, { token: ecowas }),
      'importIncidents',
    );
    expect(explicit.sharing).toMatch(/GREEN, shared with no other organisation, taken from the import's classification/);

    const listed = accepted<{ nodes: { externalId: string; classification: string; sharedWith: string[] }[] }>(
      await hub.query(INCIDENT, { filter: { from: '2020-03-04', to: '2020-03-04' } }, { token: ecowas }),
      'incidents',
    );
    const byId = Object.fromEntries(listed.nodes.map((n) => [n.externalId, [n.classification, n.sharedWith]]));
    expect(byId).toEqual({ 'SD-1': ['AMBER', ['UN-JO']], 'SD-2': ['GREEN', []] });
    // The Office, named in the defaults, reads the defaulted incident; the AU does not.
    const seen = async (token: string) =>
      accepted<{ nodes: { externalId: string }[] }>(
        await hub.query(INCIDENT, { filter: { from: '2020-03-04', to: '2020-03-04' } }, { token }),
        'incidents',
      ).nodes.map((n) => n.externalId);
    expect((await seen(await tokenFor(users.jointOfficeAnalyst))).sort()).toEqual(['SD-1', 'SD-2']);
    expect(await seen(au)).toEqual(['SD-2']);
  });
});
