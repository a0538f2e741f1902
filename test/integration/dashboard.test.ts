// The read side for the Office and dashboards: filters, cursor pagination, aggregates,
// the risk trend, and a constant number of SQL statements per subgraph however many rows.
import { Classification, ownership } from '../../subgraphs/kernel/policy/ownership';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { insertMissing, stableId } from '../../subgraphs/kernel/db/seeding';
import { Alert } from '../../subgraphs/alerts/entities/alert.entity';
import { Incident } from '../../subgraphs/situations/entities/incident.entity';
import { RiskAssessment } from '../../subgraphs/situations/entities/risk-assessment.entity';
import { Situation } from '../../subgraphs/situations/entities/situation.entity';
import { startHub, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';

let hub: Hub;
let analyst: string;

beforeAll(async () => {
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

const ask = (query: string, variables?: Record<string, unknown>) => hub.query(query, variables, { token: analyst });
const titles = (connection: { nodes: { title: string }[] }) => connection.nodes.map((n) => n.title);

describe('filters', () => {
  it('finds situations in the Great Lakes region assessed HIGH or worse since a date, with their alerts', async () => {
    const response = await ask(`{
      situations(filter: { partner: "ICGLR", minLevel: HIGH, assessedSince: "2026-01-01" }) {
        totalCount nodes { title currentLevel country { iso3 } alerts { title } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.situations.nodes;
    expect(nodes.map((n: { country: { iso3: string } }) => n.country.iso3).sort()).toEqual(['COD', 'SDN']);
    expect(nodes.every((n: { currentLevel: string }) => ['HIGH', 'VERY_HIGH'].includes(n.currentLevel))).toBe(true);
    expect(response.data!.situations.totalCount).toBe(2);
  });

  it('filters situations by the member states of a partner on a date', async () => {
    const now = await ask('{ situations(filter: { partner: "ECOWAS" }) { nodes { country { iso3 } } } }');
    const then = await ask('{ situations(filter: { partner: "ECOWAS", memberOn: "2019-06-01" }) { nodes { country { iso3 } } } }');
    const isos = (r: typeof now) => r.data!.situations.nodes.map((n: { country: { iso3: string } }) => n.country.iso3).sort();
    expect(isos(now)).toEqual(['NGA']);
    expect(isos(then)).toEqual(['BFA', 'MLI', 'NGA']);
  });

  it('filters by crimes, statuses and the risk factors of the latest assessment', async () => {
    const response = await ask('{ situations(filter: { crimes: [GENOCIDE], riskFactors: ["RF10"] }) { nodes { title } } }');
    expect(response.errors).toBeUndefined();
    expect(titles(response.data!.situations).sort()).toEqual([
      '[Exercise] Scenario A: invented armed groups and hate speech',
      '[Exercise] Scenario E (hypothetical): a fictional armed group targets an invented community',
      '[Exercise] Scenario H: discrimination against an invented minority',
    ]);
  });

  it('filters incidents, alerts and training', async () => {
    const incidents = await ask(
      '{ incidents(filter: { countries: ["NGA"], adminArea: "plateau", minFatalities: 3, sourceTypes: [PARTNER_MECHANISM] }) { totalCount nodes { adm1 fatalitiesBest } } }',
    );
    expect(incidents.errors).toBeUndefined();
    expect(
      incidents.data!.incidents.nodes.every((i: { adm1: string; fatalitiesBest: number }) => i.adm1 === 'Plateau' && i.fatalitiesBest >= 3),
    ).toBe(true);
    expect(incidents.data!.incidents.totalCount).toBeGreaterThan(0);

    const alerts = await ask('{ alerts(filter: { recipients: [SECURITY_COUNCIL] }) { nodes { recipients status } } }');
    expect(alerts.errors).toBeUndefined();
    expect(alerts.data!.alerts.nodes.length).toBeGreaterThan(0);
    expect(alerts.data!.alerts.nodes.every((a: { recipients: string[] }) => a.recipients.includes('SECURITY_COUNCIL'))).toBe(true);

    const training = await ask('{ trainingSessions(filter: { regions: ["Americas"] }) { nodes { city country { iso3 } } } }');
    expect(training.data!.trainingSessions.nodes.map((s: { city: string }) => s.city).sort()).toEqual(['Buenos Aires', 'Montevideo']);
  });

  it.each([
    ['an unknown region', '{ situations(filter: { regions: ["Atlantis"] }) { totalCount } }', 'filter.regions'],
    ['a level range upside down', '{ situations(filter: { minLevel: VERY_HIGH, maxLevel: LOW }) { totalCount } }', 'filter.minLevel'],
    ['a page size above the maximum', '{ situations(first: 1000) { totalCount } }', 'first'],
    ['a cursor the list never gave out', '{ alerts(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
    ['a negative fatality threshold', '{ incidents(filter: { minFatalities: -1 }) { totalCount } }', 'filter.minFatalities'],
    ['an empty grouping', '{ alertCounts(groupBy: []) { alerts } }', 'groupBy'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_case, query, field) => {
    const response = await ask(query);
    expect(response.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
  });
});

describe('cursor pagination', () => {
  it('walks every page once, in a stable order, with the same totalCount on each', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 20; page++) {
      const response: Awaited<ReturnType<typeof ask>> = await ask(
        'query($after: String) { incidents(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }',
        { after },
      );
      expect(response.errors).toBeUndefined();
      const connection = response.data!.incidents;
      if (total === -1) total = connection.totalCount;
      expect(connection.totalCount).toBe(total);
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
  });
});

const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const AN_ID = '5f0c2f8e-1d2b-4c3a-9e8f-0a1b2c3d4e5f';
const FORGED_CURSORS: [string, string][] = [
  ['not base64url', '!!not a cursor!!'],
  ['base64url of no JSON', cursorOf('hello, world')],
  ['JSON that is no list', cursorOf({ openedOn: '2026-01-01' })],
  ['one value too few', cursorOf(['2026-01-01'])],
  ['one value too many', cursorOf(['2026-01-01', AN_ID, 'x'])],
  ['numbers for a date and an ID', cursorOf([20260101, 42])],
  ['nulls', cursorOf([null, null])],
  ['a boolean and a list', cursorOf([true, [AN_ID]])],
  ['a date that does not exist', cursorOf(['2026-02-30', AN_ID])],
  ['year zero', cursorOf(['0000-01-01', AN_ID])],
  ['words for a date', cursorOf(['yesterday', AN_ID])],
  ['an ID that is not a UUID', cursorOf(['2026-01-01', "1' OR '1'='1"])],
  ['a timestamp in month 13', cursorOf(['2026-13-01T00:00:00.000Z', AN_ID])],
  ['a very long value', cursorOf(['2026-01-01', 'a'.repeat(5000)])],
];
const PAGED_LISTS = ['situations', 'incidents', 'trainingSessions', 'alerts'];

describe('forged cursors', () => {
  it.each(PAGED_LISTS.flatMap((list) => FORGED_CURSORS.map(([shape, cursor]) => [list, shape, cursor])))(
    '%s refuses %s as BAD_USER_INPUT naming after',
    async (list, _shape, cursor) => {
      const response = await ask(`query($after: String) { ${list}(first: 2, after: $after) { totalCount nodes { id } } }`, { after: cursor });
      expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) })]);
      expect(response.errors![0].message).toMatch(/after/);
    },
  );

  it('still takes a cursor of another list of the same shape, as the next page after that point', async () => {
    const situations = await ask('{ situations(first: 1) { pageInfo { endCursor } } }');
    const response = await ask('query($after: String) { incidents(first: 1, after: $after) { nodes { id } } }', {
      after: situations.data!.situations.pageInfo.endCursor,
    });
    expect(response.errors).toBeUndefined();
  });
});

describe('aggregates', () => {
  it('answers "how many sessions, in how many countries, how many people trained, 2009 to 2011" in one query', async () => {
    const response = await hub.query(`{
      trainingTotals(from: "2009-01-01", to: "2011-12-31") {
        sessions countries participantsTotal
        reportedTotals { periodFrom periodTo sessions countries participants }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.trainingTotals.reportedTotals).toContainEqual(
      expect.objectContaining({ periodFrom: '2009-01-01', periodTo: '2011-12-31', sessions: 34, countries: 13, participants: 738 }),
    );
    expect(response.data!.trainingTotals.sessions).toBeGreaterThanOrEqual(1);
  });

  it('counts training by partner and by region', async () => {
    const response = await hub.query(
      '{ byPartner: trainingTotalsBy(groupBy: PARTNER) { group sessions } byRegion: trainingTotalsBy(groupBy: REGION) { group sessions countries } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.byPartner.map((g: { group: string }) => g.group)).toEqual(expect.arrayContaining(['AIPR', 'UN-JO']));
    expect(response.data!.byRegion).toContainEqual(expect.objectContaining({ group: 'Americas', sessions: 2, countries: 2 }));
  });

  it('counts situations by level and region, alerts by level and month, incidents by month and country', async () => {
    const response = await ask(`{
      situationCounts(groupBy: [LEVEL, REGION]) { level region situations }
      alertCounts(groupBy: [LEVEL, MONTH]) { level month alerts }
      incidentCounts(groupBy: [MONTH, COUNTRY], filter: { countries: ["COD"] }) { month country incidents fatalities }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.situationCounts).toContainEqual({ level: 'VERY_HIGH', region: 'Africa', situations: 2 });
    const total = response.data!.alertCounts.reduce((sum: number, row: { alerts: number }) => sum + row.alerts, 0);
    const listed = await ask('{ alerts { totalCount } }');
    expect(total).toBe(listed.data!.alerts.totalCount);
    expect(response.data!.incidentCounts.every((row: { country: string }) => row.country === 'COD')).toBe(true);
  });

  it("gives a situation's source diversity and its risk trend with per-factor change", async () => {
    const response = await ask(
      'query($id: ID!) { situation(id: $id) { currentLevel sourceDiversity { type region share } riskTrend { overallLevel overallChange factors { riskFactor level previousLevel change } } } }',
      {
        id: illustrativeSituationId('great-lakes-kivu'),
      },
    );
    expect(response.errors).toBeUndefined();
    const { sourceDiversity, riskTrend, currentLevel } = response.data!.situation;
    expect(sourceDiversity.reduce((sum: number, s: { share: number }) => sum + s.share, 0)).toBeCloseTo(1);
    expect(riskTrend.map((p: { overallLevel: string }) => p.overallLevel)).toEqual(['HIGH', 'VERY_HIGH']);
    expect(riskTrend[1].overallChange).toBe(1);
    expect(riskTrend[1].factors).toContainEqual({ riskFactor: 'RF1', level: 'VERY_HIGH', previousLevel: 'HIGH', change: 1 });
    expect(currentLevel).toBe('VERY_HIGH');
  });
});

describe('SQL statements per request', () => {
  const COUNTRY = 'NZL';
  // As large a page of this many nested lists as the cost limit lets through (each situation may
  // have up to 100 incidents, 20 assessments, 10 alerts...): 30 rows of 500 still tell per-row
  // statements from batched ones.
  const DASHBOARD = `query Dashboard {
    situations(first: 30, filter: { countries: ["${COUNTRY}"] }) {
      totalCount
      nodes {
        id title currentLevel
        country { name subRegion trainingSessions { title } }
        assessments { overallLevel assessedBy { name } }
        incidents { fatalitiesBest source { type } }
        alerts { title level acknowledgements { org } }
        sourceDiversity { type share }
        riskTrend { overallChange }
      }
    }
    situationCounts(groupBy: [LEVEL], filter: { countries: ["${COUNTRY}"] }) { level situations }
  }`;

  async function addSituations(from: number, to: number): Promise<void> {
    const green = ownership({ ownerOrg: 'UN-JO', classification: Classification.GREEN });
    const range = Array.from({ length: to - from }, (_, i) => from + i);
    const id = (n: number) => stableId('statement-count', n);
    await insertMissing(
      hub.subgraphs.situations.db.manager,
      Situation,
      range.map((n) => ({
        id: id(n),
        countryIso3: COUNTRY,
        countryCodes: [COUNTRY],
        title: `Load ${n}`,
        summary: 'x',
        openedOn: '2030-01-01',
        crimes: [],
        illustrative: true,
        ...green,
      })) as Partial<Situation>[],
    );
    await insertMissing(
      hub.subgraphs.situations.db.manager,
      RiskAssessment,
      range.map((n) => ({
        id: stableId('statement-count-assessment', n),
        situationId: id(n),
        frameworkVersion: '2014',
        assessedByOrg: 'UN-JO',
        assessedOn: '2030-02-01',
        overallLevel: 'HIGH',
        crimes: [],
        summary: 'x',
        factors: [{ riskFactor: 'RF1', level: 'HIGH', evidence: null, indicators: [] }],
        ...green,
      })) as unknown as Partial<RiskAssessment>[],
    );
    await insertMissing(
      hub.subgraphs.situations.db.manager,
      Incident,
      range.map((n) => ({
        id: stableId('statement-count-incident', n),
        situationId: id(n),
        countryIso3: COUNTRY,
        occurredOn: '2030-03-01',
        eventType: 'Battles',
        actors: [],
        fatalitiesBest: 1,
        ...green,
      })) as Partial<Incident>[],
    );
    await insertMissing(
      hub.subgraphs.alerts.db.manager,
      Alert,
      range.map((n) => ({
        id: stableId('statement-count-alert', n),
        type: 'BRIEFING',
        level: 'HIGH',
        status: 'DRAFT',
        title: `Load alert ${n}`,
        body: 'x',
        recipients: [],
        recipientOrgs: [],
        crimes: [],
        citedRiskFactors: [],
        situationId: id(n),
        countryIso3: COUNTRY,
        illustrative: true,
        ...green,
      })) as unknown as Partial<Alert>[],
    );
  }

  async function statementsFor(): Promise<Record<string, number>> {
    hub.resetCounts();
    const response = await ask(DASHBOARD);
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(Object.entries(hub.statements).map(([name, statements]) => [name, statements.length]));
  }

  it('is the same for a dashboard over 10 and over 500 situations', async () => {
    await addSituations(0, 10);
    const small = await statementsFor();
    await addSituations(10, 500);
    const large = await statementsFor();
    expect(large).toEqual(small);
    // and small: a handful per subgraph, not one per row
    for (const count of Object.values(small)) expect(count).toBeLessThanOrEqual(12);
  });
});
