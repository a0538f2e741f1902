// Issue 16 item 3 through the gateway: the four crimes with incitement as a property of a crime, and
// "crimes occurring" (a current crisis) kept apart from the risk level, in filters and counts, each
// reader seeing it as the latest assessment they may read states it.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { accepted, refused, refusedFields } from '../support/writes';

let hub: Hub;
let editor: string;
let analyst: string;
let ecowasEditor: string;
let ecowasAnalyst: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  analyst = await tokenFor(users.jointOfficeAnalyst);
  ecowasEditor = await tokenFor(users.ecowasEditor);
  ecowasAnalyst = await tokenFor(users.ecowasAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

// No seeded situation is in Malawi: the test's own are all there is.
const COUNTRY = 'MWI';
const OPEN = 'mutation($input: OpenSituationInput!) { openSituation(input: $input) { id crimes incitement } }';
const ASSESS = 'mutation($input: AddRiskAssessmentInput!) { addRiskAssessment(input: $input) { id crimes incitement crimesOccurring overallLevel } }';

function situation(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    countryIso3: COUNTRY,
    title: '[Test] Exercise situation',
    summary: 'Written by the crimes-occurring test.',
    crimes: ['GENOCIDE', 'CRIMES_AGAINST_HUMANITY'],
    openedOn: '2026-01-15',
    classification: 'GREEN',
    ...overrides,
  };
}

function assessment(situationId: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    situationId,
    assessedOn: '2026-10-01',
    overallLevel: 'HIGH',
    crimes: ['GENOCIDE', 'CRIMES_AGAINST_HUMANITY'],
    summary: 'Exercise assessment.',
    classification: 'GREEN',
    factors: [{ riskFactor: 'RF1', level: 'HIGH', indicators: [] }],
    ...overrides,
  };
}

async function open(overrides: Record<string, unknown> = {}): Promise<string> {
  return accepted<{ id: string }>(await hub.query(OPEN, { input: situation(overrides) }, { token: editor }), 'openSituation').id;
}

async function assess(situationId: string, overrides: Record<string, unknown>, token = editor) {
  return accepted<{ id: string; crimesOccurring: string[] }>(
    await hub.query(ASSESS, { input: assessment(situationId, overrides) }, { token }),
    'addRiskAssessment',
  );
}

async function idsWhere(filter: Record<string, unknown>, token: string): Promise<string[]> {
  const answer = await hub.query<{ situations: { nodes: { id: string }[] } }>(
    'query($filter: SituationFilter) { situations(filter: $filter, first: 50) { nodes { id } } }',
    { filter: { countries: [COUNTRY], ...filter } },
    { token },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.situations.nodes.map((n) => n.id).sort();
}

describe('the four crimes and their incitement', () => {
  it('stores incitement beside the crimes it is of', async () => {
    const answer = await hub.query(OPEN, { input: situation({ crimes: ['GENOCIDE'], incitement: ['GENOCIDE'] }) }, { token: editor });
    expect(accepted(answer, 'openSituation')).toMatchObject({ crimes: ['GENOCIDE'], incitement: ['GENOCIDE'] });
  });

  it('refuses incitement to a crime the record does not concern, naming the field', async () => {
    refusedFields(await hub.query(OPEN, { input: situation({ crimes: ['WAR_CRIMES'], incitement: ['GENOCIDE'] }) }, { token: editor }), [
      'incitement',
    ]);
  });

  it('knows no fifth crime called INCITEMENT', async () => {
    const error = refused(await hub.query(OPEN, { input: situation({ crimes: ['INCITEMENT'] }) }, { token: editor }), 'BAD_USER_INPUT');
    expect(error.message).toContain('INCITEMENT');
  });
});

describe('crimes occurring, apart from the risk level', () => {
  let crisis: string;
  let risk: string;

  beforeAll(async () => {
    crisis = await open();
    risk = await open();
    // A current crisis assessed HIGH, and an imminent risk assessed VERY_HIGH with no crimes stated.
    await assess(crisis, { overallLevel: 'HIGH', crimesOccurring: ['CRIMES_AGAINST_HUMANITY'] });
    await assess(risk, { overallLevel: 'VERY_HIGH' });
  });

  it('refuses crimes occurring that the assessment does not concern', async () => {
    refusedFields(
      await hub.query(ASSESS, { input: assessment(crisis, { crimes: ['GENOCIDE'], crimesOccurring: ['WAR_CRIMES'] }) }, { token: editor }),
      ['crimesOccurring'],
    );
  });

  it('filters on crimes occurring and on level independently', async () => {
    expect(await idsWhere({ crimesOccurring: true }, analyst)).toEqual([crisis]);
    expect(await idsWhere({ crimesOccurring: false, minLevel: 'HIGH' }, analyst)).toEqual([risk]);
    expect(await idsWhere({ minLevel: 'VERY_HIGH' }, analyst)).toEqual([risk]);
    expect(await idsWhere({ crimesOccurring: true, minLevel: 'VERY_HIGH' }, analyst)).toEqual([]);
  });

  it('counts situations by crimes occurring beside their level', async () => {
    const answer = await hub.query<{ situationCounts: Record<string, unknown>[] }>(
      `query($filter: SituationFilter) { situationCounts(groupBy: [CRIMES_OCCURRING, LEVEL], filter: $filter) { crimesOccurring level situations } }`,
      { filter: { countries: [COUNTRY], statuses: ['MONITORING'] } },
      { token: analyst },
    );
    expect(answer.errors).toBeUndefined();
    const counts = answer.data!.situationCounts;
    expect(counts).toContainEqual({ crimesOccurring: true, level: 'HIGH', situations: 1 });
    expect(counts).toContainEqual({ crimesOccurring: false, level: 'VERY_HIGH', situations: 1 });
  });

  it('reads crimes occurring from the latest assessment each reader may read', async () => {
    // ECOWAS's later RED assessment of the risk situation states crimes occurring; UN-JO cannot read it.
    await assess(risk, { assessedOn: '2026-11-01', crimesOccurring: ['GENOCIDE'], classification: 'RED', overallLevel: 'VERY_HIGH' }, ecowasEditor);
    expect(await idsWhere({ crimesOccurring: true }, ecowasAnalyst)).toEqual([crisis, risk].sort());
    expect(await idsWhere({ crimesOccurring: true }, analyst)).toEqual([crisis]);
    const counts = await hub.query<{ situationCounts: { crimesOccurring: boolean; situations: number }[] }>(
      `query($filter: SituationFilter) { situationCounts(groupBy: [CRIMES_OCCURRING], filter: $filter) { crimesOccurring situations } }`,
      { filter: { countries: [COUNTRY], crimesOccurring: true } },
      { token: analyst },
    );
    expect(counts.data!.situationCounts).toEqual([{ crimesOccurring: true, situations: 1 }]);
  });
});
