// The hub end to end: four subgraphs and the gateway on ephemeral ports, real HTTP between them.
import { illustrativeAssessmentId, illustrativeIncidentId, illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { stableId } from '../../subgraphs/kernel/db/seeding';
import { EXERCISE_NOTICE as SITUATION_NOTICE, ILLUSTRATIVE_SITUATIONS } from '../../subgraphs/situations/data/illustrative';
import { EXERCISE_NOTE_MARK, EXERCISE_NOTICE as ALERT_NOTICE, ILLUSTRATIVE_ALERTS } from '../../subgraphs/alerts/data/alerts';
import { postGraphQL, startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { baseOf } from '../support/network';
import { subgraphNames } from '../../platform/manifest';

let hub: Hub;
/** An analyst of the Office: sees what partners shared with UN-JO, and the RED record naming them. */
let analyst: string;

beforeAll(async () => {
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

/** The headers the gateway would send `subgraph` for the analyst. */
async function asGateway(subgraph: string): Promise<Record<string, string>> {
  return hub.keys.vouch(users.jointOfficeAnalyst, 'test', subgraph);
}

afterAll(async () => {
  await hub?.stop();
});

const WALK = `query Walk($code: String!) {
  partner(code: $code) {
    code
    name
    memberStates {
      iso3
      name
      subRegion
      situations { id title currentLevel alerts { id title level status } }
      trainingSessions { title startDate city }
    }
  }
}`;

function noStackTraces(response: unknown): void {
  expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .+\.js:\d+/i);
}

describe('the federated hub', () => {
  it('walks partner → member states → situations → alerts and training in one query through the gateway', async () => {
    const response = await hub.query(WALK, { code: 'ICGLR' }, { token: analyst });
    expect(response.errors).toBeUndefined();
    const partner = response.data!.partner;
    expect(partner.name).toBe('International Conference on the Great Lakes Region');
    const members = Object.fromEntries(partner.memberStates.map((c: { iso3: string }) => [c.iso3, c]));
    expect(Object.keys(members).sort()).toEqual(['AGO', 'BDI', 'CAF', 'COD', 'COG', 'KEN', 'RWA', 'SDN', 'SSD', 'TZA', 'UGA', 'ZMB']);
    // partners subgraph
    expect(members.COD.subRegion).toBe('Middle Africa');
    // situations subgraph, through Country.situations
    const kivu = members.COD.situations.find((s: { id: string }) => s.id === illustrativeSituationId('great-lakes-kivu'));
    expect(kivu).toMatchObject({ currentLevel: 'VERY_HIGH' });
    // alerts subgraph, through Situation.alerts
    expect(kivu.alerts.length).toBeGreaterThan(0);
    // training subgraph, through Country.trainingSessions
    expect(members.UGA.trainingSessions.map((t: { city: string }) => t.city)).toContain('Kampala');
    expect(members.TZA.trainingSessions.map((t: { city: string }) => t.city)).toContain('Dar es Salaam');
  });

  it('answers members on a date from membership periods (ECOWAS before and after the 2025 withdrawals)', async () => {
    const response = await hub.query(`{
      partner(code: "ECOWAS") {
        before: memberStates(on: "2019-06-01") { iso3 }
        now: memberStates { iso3 }
        memberships { countryIso3 validTo status }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const before = response.data!.partner.before.map((c: { iso3: string }) => c.iso3);
    const now = response.data!.partner.now.map((c: { iso3: string }) => c.iso3);
    expect(before).toEqual(expect.arrayContaining(['BFA', 'MLI', 'NER', 'NGA']));
    expect(now).toContain('NGA');
    expect(now).not.toEqual(expect.arrayContaining(['MLI']));
    expect(now).not.toContain('BFA');
    const mali = response.data!.partner.memberships.filter((m: { countryIso3: string }) => m.countryIso3 === 'MLI');
    expect(mali.map((m: { validTo: string }) => m.validTo)).toContain('2025-01-29');
  });

  it('resolves entities across subgraphs: a situation with its country, assessor and alerts', async () => {
    const id = illustrativeSituationId('asia-rakhine');
    const response = await hub.query(
      `query($id: ID!) { situation(id: $id) {
        title illustrative
        country { iso3 name region alerts { id } trainingSessions { id } }
        assessments { assessedOn overallLevel assessedBy { code name } }
        alerts { title }
      } }`,
      { id },
      { token: analyst },
    );
    expect(response.errors).toBeUndefined();
    const situation = response.data!.situation;
    expect(situation.illustrative).toBe(true);
    expect(situation.title).toMatch(/^\[Exercise\] Scenario H: /);
    expect(situation.country).toMatchObject({ iso3: 'MMR', name: 'Myanmar', region: 'Asia' });
    expect(situation.assessments.map((a: { overallLevel: string }) => a.overallLevel)).toEqual(['VERY_HIGH', 'HIGH']);
    expect(situation.assessments[0].assessedBy).toEqual({
      code: 'UN-JO',
      name: 'United Nations Office on Genocide Prevention and the Responsibility to Protect',
    });
  });

  it('answers _entities at each subgraph for the keys other subgraphs hold', async () => {
    const representations = [
      { __typename: 'Country', iso3: 'COD' },
      { __typename: 'Country', iso3: 'ISL' },
    ];
    const situations = await postGraphQL<{ _entities: { situations: { id: string }[] }[] }>(
      hub.subgraphs.situations.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { situations { id } } } }',
      { r: representations },
      { headers: await asGateway('situations') },
    );
    expect(situations.errors).toBeUndefined();
    expect(situations.data!._entities[0].situations.map((s) => s.id)).toContain(illustrativeSituationId('great-lakes-kivu'));
    expect(situations.data!._entities[1].situations).toEqual([]);

    const partners = await postGraphQL<{ _entities: ({ name: string } | null)[] }>(
      hub.subgraphs.partners.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { name } ... on Partner { name } } }',
      {
        r: [
          { __typename: 'Country', iso3: 'NGA' },
          { __typename: 'Partner', code: 'OSCE' },
          { __typename: 'Country', iso3: 'QQQ' },
        ],
      },
      { headers: await asGateway('partners') },
    );
    expect(partners.data!._entities).toEqual([{ name: 'Nigeria' }, { name: 'Organization for Security and Co-operation in Europe' }, null]);
  });

  it('loads the Framework of Analysis as data, both versions', async () => {
    const response = await hub.query('{ frameworks { id year riskFactors { code scope indicators { code } } } }');
    expect(response.errors).toBeUndefined();
    const [latest, earlier] = response.data!.frameworks;
    expect(latest.id).toBe('2014');
    expect(latest.riskFactors).toHaveLength(14);
    expect(latest.riskFactors[8]).toMatchObject({ code: 'RF9', scope: 'GENOCIDE' });
    expect(latest.riskFactors[0].indicators[0].code).toBe('1.1');
    expect(earlier.id).toBe('2009');
    expect(earlier.riskFactors).toHaveLength(8);
  });
});

/** Every page of a root connection, as `token` sees it. */
async function allNodes<T>(field: string, selection: string, token: string): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  do {
    const response = await hub.query(
      `query($after: String) { ${field}(first: 25, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
      { after },
      { token },
    );
    expect(response.errors).toBeUndefined();
    const page = response.data![field] as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };
    nodes.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

interface SeenSituation {
  id: string;
  title: string;
  summary: string;
  illustrative: boolean;
  assessments: { id: string; summary: string }[];
  incidents: { id: string; notes: string | null }[];
}

interface SeenAlert {
  id: string;
  title: string;
  body: string;
  illustrative: boolean;
  statusHistory: { id: string; note: string | null }[];
  acknowledgements: { id: string; note: string | null }[];
  recommendations: { text: string }[];
}

describe('the illustrative data', () => {
  // Between them these readers see every illustrative record: the Office (what partners share with it,
  // and the Darfur scenario named to its analyst), the OSCE adviser (the confidential Moldova scenario)
  // and ICGLR (its draft, shared with no one yet).
  const readers = [users.jointOfficeAnalyst, users.osceEditor, users.icglrEditor];

  it('reads as exercises everywhere: titles, texts, assessments, incidents, alert histories and acknowledgements', async () => {
    const situations = new Map<string, SeenSituation>();
    const alerts = new Map<string, SeenAlert>();
    for (const reader of readers) {
      const token = await tokenFor(reader);
      for (const s of await allNodes<SeenSituation>(
        'situations',
        'id title summary illustrative assessments { id summary } incidents { id notes }',
        token,
      ))
        if (s.illustrative) situations.set(s.id, s);
      for (const a of await allNodes<SeenAlert>(
        'alerts',
        'id title body illustrative statusHistory { id note } acknowledgements { id note } recommendations { text }',
        token,
      ))
        if (a.illustrative) alerts.set(a.id, a);
    }

    // Every seeded record is found, by the id the seed gave it.
    expect([...situations.keys()].sort()).toEqual(ILLUSTRATIVE_SITUATIONS.map((s) => illustrativeSituationId(s.key)).sort());
    const assessments = new Map([...situations.values()].flatMap((s) => s.assessments.map((a) => [a.id, a] as const)));
    const incidents = new Map([...situations.values()].flatMap((s) => s.incidents.map((i) => [i.id, i] as const)));
    for (const s of ILLUSTRATIVE_SITUATIONS) {
      for (const a of s.assessments) expect(assessments.has(illustrativeAssessmentId(s.key, a.on))).toBe(true);
      // The seed writes three incidents at each place.
      s.incidentPlaces.forEach((_place, p) => [0, 1, 2].forEach((n) => expect(incidents.has(illustrativeIncidentId(s.key, p, n))).toBe(true)));
    }
    expect([...alerts.keys()].sort()).toEqual(ILLUSTRATIVE_ALERTS.map((a) => stableId('illustrative-alert', a.key)).sort());

    // Each of them says it is an exercise.
    for (const s of situations.values()) {
      expect(s.title).toMatch(/^\[Exercise\] /);
      expect(s.summary).toBe(`${s.title}. ${SITUATION_NOTICE}`);
      for (const a of s.assessments) expect(a.summary).toMatch(/^Exercise assessment \d+ of "\[Exercise\] .*"\. /);
      for (const a of s.assessments) expect(a.summary.endsWith(SITUATION_NOTICE)).toBe(true);
      for (const i of s.incidents) expect(i.notes).toContain(SITUATION_NOTICE);
    }
    for (const a of alerts.values()) {
      expect(a.title).toMatch(/^\[Exercise\] /);
      expect(a.body.endsWith(ALERT_NOTICE)).toBe(true);
      const seeded = ILLUSTRATIVE_ALERTS.find((s) => stableId('illustrative-alert', s.key) === a.id)!;
      expect(a.statusHistory).toHaveLength(seeded.history.length);
      expect(a.acknowledgements).toHaveLength(seeded.acknowledgements.length);
      for (const note of [...a.statusHistory, ...a.acknowledgements].map((row) => row.note)) expect(note?.endsWith(EXERCISE_NOTE_MARK)).toBe(true);
      for (const r of a.recommendations) expect(r.text).toMatch(/\(Exercise recommendation, invented for trying the hub: .*\)$/);
    }
  });

  it.each(['HUMAN_RIGHTS_COUNCIL', 'GENERAL_ASSEMBLY'])(
    'finds the exercise report to the %s by filtering on type REPORT and that recipient',
    async (recipient) => {
      const REPORTS = `query($filter: AlertFilter) { alerts(filter: $filter) { nodes { id type title body illustrative recipients recommendations { addressee } } } }`;
      const report = stableId('illustrative-alert', 'south-sudan-report');
      // CLEAR, as the Office's reports to intergovernmental bodies are: anonymous readers find it too.
      for (const token of [await tokenFor(users.jointOfficeAnalyst), undefined]) {
        const response = await hub.query(REPORTS, { filter: { types: ['REPORT'], recipients: [recipient] } }, { token });
        expect(response.errors).toBeUndefined();
        type Report = { id: string; type: string; body: string; recipients: string[]; recommendations: { addressee: string }[] };
        const found = (response.data!.alerts.nodes as Report[]).find((a) => a.id === report);
        expect(found).toMatchObject({ type: 'REPORT', illustrative: true, title: expect.stringMatching(/^\[Exercise\] Report /) });
        expect(found!.recipients).toContain(recipient);
        expect(found!.body.endsWith(ALERT_NOTICE)).toBe(true);
        expect(found!.recommendations.map((r) => r.addressee)).toContain(recipient);
      }
      // Another type with the same recipient does not find it.
      const other = await hub.query(REPORTS, { filter: { types: ['BRIEFING'], recipients: [recipient] } });
      expect((other.data!.alerts.nodes as { id: string }[]).map((a) => a.id)).not.toContain(report);
    },
  );
});

describe('bad input', () => {
  it.each([
    ['an unknown country code', '{ country(iso3: "ZZZ") { name } }', 'iso3'],
    ['a malformed country code', '{ country(iso3: "Nigeria") { name } }', 'iso3'],
    ['a malformed situation id', '{ situation(id: "42") { title } }', 'id'],
    ['an unknown country in a filter', '{ situations(filter: { countries: ["NGA", "XYZ"] }) { nodes { id } } }', 'filter.countries'],
    ['an impossible date', '{ partner(code: "AU") { memberStates(on: "2025-02-30") { iso3 } } }', undefined],
  ])('rejects %s with BAD_USER_INPUT and no stack trace', async (_case, query, field) => {
    const response = await hub.query(query);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    if (field) expect(response.errors?.[0].extensions?.field).toBe(field);
    noStackTraces(response);
  });

  it('rejects a wrong enum value in variables with BAD_USER_INPUT', async () => {
    const response = await hub.query('query($s: [SituationStatus!]) { situations(filter: { statuses: $s }) { nodes { id } } }', { s: ['ON_FIRE'] });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    noStackTraces(response);
  });

  it('rejects a wrong enum literal in the query as a validation failure', async () => {
    const response = await hub.query('{ situations(filter: { statuses: [ON_FIRE] }) { nodes { id } } }');
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    noStackTraces(response);
  });

  it('answers malformed JSON with a 400 and a GraphQL-shaped error', async () => {
    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    noStackTraces(body);
  });
});

describe('health and readiness', () => {
  it('answers /health and /ready on the gateway and every subgraph', async () => {
    for (const url of [hub.gateway.url, ...Object.values(hub.subgraphs).map((s) => s.url)]) {
      const base = url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(200);
    }
    const gateway = await (await fetch(`${baseOf(hub.gateway.url)}/ready`)).json();
    expect(gateway).toEqual({
      status: 'ready',
      service: 'gateway',
      degraded: false,
      subgraphs: Object.fromEntries(subgraphNames().map((name) => [name, 'ready'])),
    });
  });
});
