// Who is at risk, through the gateway over HTTP: the protected groups situations, assessments and
// incidents name, written and read back; incidents' displacement, validated like fatalities and
// counted in the dashboard's aggregates with incidents by group kind; and none of it leaking from
// an incident a reader may not read.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, refused, refusedFields } from '../support/writes';

let hub: Hub;
let editor: string;
let ecowasAnalyst: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  ecowasAnalyst = await tokenFor(users.ecowasAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

const GROUPS = 'groups { kind name }';
const OPEN = `mutation Open($input: OpenSituationInput!) { openSituation(input: $input) { id version ${GROUPS} } }`;
const UPDATE = `mutation Update($input: UpdateSituationInput!) { updateSituation(input: $input) { id version ${GROUPS} } }`;
const ASSESS = `mutation Assess($input: AddRiskAssessmentInput!) { addRiskAssessment(input: $input) { id ${GROUPS} } }`;
const INCIDENT = `id version displacedLow displacedBest displacedHigh fatalitiesBest ${GROUPS}`;
const REPORT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { ${INCIDENT} } }`;
const CORRECT = `mutation Correct($input: CorrectIncidentInput!) { correctIncident(input: $input) { ${INCIDENT} } }`;
const COUNTS = `query Counts($groupBy: [IncidentGrouping!]!, $filter: IncidentFilter) {
  incidentCounts(groupBy: $groupBy, filter: $filter) { groupKind month incidents fatalities displaced }
}`;

type Group = { kind: string; name: string };
type Count = { groupKind: string | null; month: string | null; incidents: number; fatalities: number; displaced: number };

// Kenya has no illustrative situation or incident: what is counted there is what this test wrote.
const COUNTRY = 'KEN';

function newSituation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    countryIso3: COUNTRY,
    title: '[Test] Who is at risk',
    summary: 'Written by the groups and displacement test.',
    crimes: ['GENOCIDE'],
    openedOn: '2026-01-15',
    classification: 'GREEN',
    ...overrides,
  };
}

function newIncident(situationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    situationId,
    countryIso3: COUNTRY,
    occurredOn: '2026-09-20',
    eventType: 'Violence against civilians',
    fatalitiesBest: 2,
    classification: 'GREEN',
    ...overrides,
  };
}

async function open(input = newSituation()): Promise<{ id: string; version: number; groups: Group[] }> {
  return accepted(await hub.query(OPEN, { input }, { token: editor }), 'openSituation');
}

async function report(input: Record<string, unknown>) {
  return accepted<{
    id: string;
    version: number;
    displacedLow: number | null;
    displacedBest: number | null;
    displacedHigh: number | null;
    groups: Group[];
  }>(await hub.query(REPORT, { input }, { token: editor }), 'reportIncident');
}

async function counts(token: string | undefined, groupBy: string[], filter: Record<string, unknown>): Promise<Count[]> {
  return accepted<Count[]>(await hub.query(COUNTS, { groupBy, filter }, { token }), 'incidentCounts');
}

describe('protected groups', () => {
  it('are written and read on situations (names trimmed), changed by updateSituation, and filter situations by kind', async () => {
    const situation = await open(
      newSituation({
        groups: [
          { kind: 'ETHNICAL', name: '  Group P (test)  ' },
          { kind: 'RELIGIOUS', name: 'Group Q (test)' },
        ],
      }),
    );
    expect(situation.groups).toEqual([
      { kind: 'ETHNICAL', name: 'Group P (test)' },
      { kind: 'RELIGIOUS', name: 'Group Q (test)' },
    ]);
    const read = await hub.query(`query($id: ID!) { situation(id: $id) { ${GROUPS} } }`, { id: situation.id }, { token: ecowasAnalyst });
    expect(read.data!.situation.groups).toEqual(situation.groups);

    const found = async (kinds: string[]) =>
      accepted<{ nodes: { id: string }[] }>(
        await hub.query(
          'query($filter: SituationFilter) { situations(filter: $filter, first: 100) { nodes { id } } }',
          {
            filter: { countries: [COUNTRY], groupKinds: kinds },
          },
          { token: ecowasAnalyst },
        ),
        'situations',
      ).nodes.map((n) => n.id);
    expect(await found(['RELIGIOUS'])).toContain(situation.id);
    expect(await found(['NATIONAL', 'RACIAL'])).not.toContain(situation.id);

    const updated = accepted<{ groups: Group[] }>(
      await hub.query(
        UPDATE,
        { input: { id: situation.id, version: situation.version, groups: [{ kind: 'NATIONAL', name: 'Group R (test)' }] } },
        { token: editor },
      ),
      'updateSituation',
    );
    expect(updated.groups).toEqual([{ kind: 'NATIONAL', name: 'Group R (test)' }]);
    expect(await found(['RELIGIOUS'])).not.toContain(situation.id);
    expect(await found(['NATIONAL'])).toContain(situation.id);
  });

  it('are written and read on risk assessments', async () => {
    const situation = await open();
    const assessment = accepted<{ groups: Group[] }>(
      await hub.query(
        ASSESS,
        {
          input: {
            idempotencyKey: randomUUID(),
            situationId: situation.id,
            assessedOn: '2026-10-01',
            overallLevel: 'HIGH',
            crimes: ['GENOCIDE'],
            summary: 'Assessment written by the groups test.',
            classification: 'GREEN',
            factors: [{ riskFactor: 'RF9', level: 'HIGH', indicators: [] }],
            groups: [{ kind: 'RACIAL', name: 'Group S (test)' }],
          },
        },
        { token: editor },
      ),
      'addRiskAssessment',
    );
    expect(assessment.groups).toEqual([{ kind: 'RACIAL', name: 'Group S (test)' }]);
    const read = await hub.query(
      `query($id: ID!) { situation(id: $id) { assessments { ${GROUPS} } } }`,
      { id: situation.id },
      { token: ecowasAnalyst },
    );
    expect(read.data!.situation.assessments).toEqual([{ groups: [{ kind: 'RACIAL', name: 'Group S (test)' }] }]);
  });

  it('are written on incidents, changed by correctIncident, and filter incidents by kind', async () => {
    const situation = await open();
    const incident = await report(newIncident(situation.id, { groups: [{ kind: 'RELIGIOUS', name: 'Group T (test)' }] }));
    expect(incident.groups).toEqual([{ kind: 'RELIGIOUS', name: 'Group T (test)' }]);
    const listed = async (kinds: string[]) =>
      accepted<{ nodes: { id: string }[] }>(
        await hub.query(
          'query($filter: IncidentFilter) { incidents(filter: $filter, first: 100) { nodes { id } } }',
          {
            filter: { situation: situation.id, groupKinds: kinds },
          },
          { token: editor },
        ),
        'incidents',
      ).nodes.map((n) => n.id);
    expect(await listed(['RELIGIOUS'])).toEqual([incident.id]);
    expect(await listed(['ETHNICAL'])).toEqual([]);
    const corrected = accepted<{ groups: Group[] }>(
      await hub.query(CORRECT, { input: { id: incident.id, version: incident.version, groups: [] } }, { token: editor }),
      'correctIncident',
    );
    expect(corrected.groups).toEqual([]);
    expect(await listed(['RELIGIOUS'])).toEqual([]);
  });

  it('refuses a blank or overlong name, a group named twice and an unknown kind, as BAD_USER_INPUT, storing nothing', async () => {
    const situation = await open();
    refusedFields(
      await hub.query(REPORT, { input: newIncident(situation.id, { groups: [{ kind: 'ETHNICAL', name: '   ' }] }) }, { token: editor }),
      ['groups.0.name'],
      true,
    );
    refusedFields(
      await hub.query(OPEN, { input: newSituation({ groups: [{ kind: 'ETHNICAL', name: 'x'.repeat(201) }] }) }, { token: editor }),
      ['groups.0.name'],
      true,
    );
    refusedFields(
      await hub.query(
        OPEN,
        {
          input: newSituation({
            groups: [
              { kind: 'ETHNICAL', name: 'Group U (test)' },
              { kind: 'ETHNICAL', name: 'group u (test) ' },
            ],
          }),
        },
        { token: editor },
      ),
      ['groups.1'],
      true,
    );
    refused(
      await hub.query(OPEN, { input: newSituation({ groups: [{ kind: 'TRIBAL', name: 'Group V (test)' }] }) }, { token: editor }),
      'BAD_USER_INPUT',
    );
    const listed = await hub.query(
      'query($filter: IncidentFilter) { incidents(filter: $filter, first: 100) { nodes { id } } }',
      {
        filter: { situation: situation.id },
      },
      { token: editor },
    );
    expect(listed.data!.incidents.nodes).toEqual([]);
  });
});

describe('displacement on incidents', () => {
  it('is stored as low / best / high, each optional, and refused when high is below low or an estimate is negative', async () => {
    const situation = await open();
    const incident = await report(newIncident(situation.id, { displacedLow: 100, displacedBest: 150, displacedHigh: 400 }));
    expect(incident).toMatchObject({ displacedLow: 100, displacedBest: 150, displacedHigh: 400 });
    const onlyBest = await report(newIncident(situation.id, { displacedBest: 20 }));
    expect(onlyBest).toMatchObject({ displacedLow: null, displacedBest: 20, displacedHigh: null });

    refusedFields(
      await hub.query(REPORT, { input: newIncident(situation.id, { displacedLow: 50, displacedHigh: 10 }) }, { token: editor }),
      ['displacedLow'],
      true,
    );
    refusedFields(
      await hub.query(REPORT, { input: newIncident(situation.id, { displacedLow: 5, displacedBest: 10, displacedHigh: 8 }) }, { token: editor }),
      ['displacedHigh'],
      true,
    );
    refused(await hub.query(REPORT, { input: newIncident(situation.id, { displacedBest: -1 }) }, { token: editor }), 'BAD_USER_INPUT');
    // A correction is held to the rules with the values already stored.
    refusedFields(
      await hub.query(CORRECT, { input: { id: incident.id, version: incident.version, displacedHigh: 120 } }, { token: editor }),
      ['displacedHigh'],
      true,
    );
    const corrected = accepted<{ displacedHigh: number | null; displacedLow: number | null }>(
      await hub.query(CORRECT, { input: { id: incident.id, version: incident.version, displacedHigh: null, displacedLow: 90 } }, { token: editor }),
      'correctIncident',
    );
    expect(corrected).toMatchObject({ displacedLow: 90, displacedHigh: null });
  });
});

describe('the dashboard aggregates', () => {
  it('sum the best displacement estimates beside fatalities, count incidents by group kind, and show a reader nothing of an incident it may not read', async () => {
    const situation = await open();
    await report(
      newIncident(situation.id, {
        occurredOn: '2026-07-03',
        displacedBest: 100,
        fatalitiesBest: 1,
        groups: [{ kind: 'ETHNICAL', name: 'Group W (test)' }],
      }),
    );
    await report(
      newIncident(situation.id, {
        occurredOn: '2026-07-20',
        displacedBest: 30,
        fatalitiesBest: 4,
        groups: [
          { kind: 'ETHNICAL', name: 'Group W (test)' },
          { kind: 'RELIGIOUS', name: 'Group X (test)' },
        ],
      }),
    );
    await report(newIncident(situation.id, { occurredOn: '2026-08-02', fatalitiesBest: 2 }));
    // UN-JO's AMBER incident, shared with no one: ECOWAS may not learn it exists, nor its group or its displacement.
    await report(
      newIncident(situation.id, {
        occurredOn: '2026-08-09',
        displacedBest: 5000,
        fatalitiesBest: 7,
        classification: 'AMBER',
        sharedWith: [],
        groups: [{ kind: 'NATIONAL', name: 'Group Y (test)' }],
      }),
    );
    const filter = { situation: situation.id };

    expect(await counts(editor, ['MONTH'], filter)).toEqual([
      { groupKind: null, month: '2026-07', incidents: 2, fatalities: 5, displaced: 130 },
      { groupKind: null, month: '2026-08', incidents: 2, fatalities: 9, displaced: 5000 },
    ]);
    expect(await counts(editor, ['GROUP_KIND'], filter)).toEqual([
      { groupKind: 'ETHNICAL', month: null, incidents: 2, fatalities: 5, displaced: 130 },
      { groupKind: 'NATIONAL', month: null, incidents: 1, fatalities: 7, displaced: 5000 },
      { groupKind: 'RELIGIOUS', month: null, incidents: 1, fatalities: 4, displaced: 30 },
      { groupKind: null, month: null, incidents: 1, fatalities: 2, displaced: 0 },
    ]);

    expect(await counts(ecowasAnalyst, ['MONTH'], filter)).toEqual([
      { groupKind: null, month: '2026-07', incidents: 2, fatalities: 5, displaced: 130 },
      { groupKind: null, month: '2026-08', incidents: 1, fatalities: 2, displaced: 0 },
    ]);
    expect(await counts(ecowasAnalyst, ['GROUP_KIND'], filter)).toEqual([
      { groupKind: 'ETHNICAL', month: null, incidents: 2, fatalities: 5, displaced: 130 },
      { groupKind: 'RELIGIOUS', month: null, incidents: 1, fatalities: 4, displaced: 30 },
      { groupKind: null, month: null, incidents: 1, fatalities: 2, displaced: 0 },
    ]);
    expect(await counts(ecowasAnalyst, ['GROUP_KIND'], { ...filter, groupKinds: ['NATIONAL'] })).toEqual([]);
    expect(await counts(ecowasAnalyst, ['MONTH'], { ...filter, minDisplaced: 1000 })).toEqual([]);
    const listed = await hub.query(
      'query($filter: IncidentFilter) { incidents(filter: $filter, first: 100) { nodes { id groups { kind } displacedBest } } }',
      { filter: { ...filter, groupKinds: ['NATIONAL'] } },
      { token: ecowasAnalyst },
    );
    expect(listed.data!.incidents.nodes).toEqual([]);
    // Anonymous readers see the GREEN incidents only as far as GREEN goes: nothing here.
    expect(await counts(undefined, ['GROUP_KIND'], filter)).toEqual([]);
  });

  it('count situations by group kind', async () => {
    const situation = await open(newSituation({ countryIso3: 'TZA', groups: [{ kind: 'RACIAL', name: 'Group Z (test)' }] }));
    const response = await hub.query(
      'query($filter: SituationFilter) { situationCounts(groupBy: [GROUP_KIND], filter: $filter) { groupKind situations } }',
      { filter: { countries: ['TZA'] } },
      { token: editor },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.situationCounts).toContainEqual({ groupKind: 'RACIAL', situations: 1 });
    expect(situation.groups).toHaveLength(1);
  });
});
