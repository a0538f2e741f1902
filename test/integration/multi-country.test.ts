// Situations beyond one country, through the gateway over HTTP: a cross-border situation is found
// through each of its countries, regions and partners; situationCounts counts it once per country
// and region it concerns and once in total; a reader who may not read it finds it through none of
// them; and sourceOrigin tells where the sources of its incident reports are based.
import { randomUUID } from 'node:crypto';
import { startHub, type Hub } from '../support/hub';
import { member, tokenFor, users } from '../support/users';
import { readmeQueries } from '../support/readme';
import { accepted, refusedFields } from '../support/writes';

let hub: Hub;
let editor: string;
let analyst: string;
let ecowasAnalyst: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  analyst = await tokenFor(users.jointOfficeAnalyst);
  ecowasAnalyst = await tokenFor(users.ecowasAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

const OPEN = `mutation Open($input: OpenSituationInput!) {
  openSituation(input: $input) { id version countryIso3 countryCodes countries { iso3 } country { iso3 } } }`;
const UPDATE = 'mutation Update($input: UpdateSituationInput!) { updateSituation(input: $input) { id version countryIso3 countryCodes } }';
const REPORT =
  'mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { id countryIso3 source { id baseCountryIso3 baseRegion region } } }';
const FOUND = 'query Found($filter: SituationFilter) { situations(filter: $filter, first: 100) { totalCount nodes { id } } }';
const IN_COUNTRY = 'query InCountry($iso3: String!) { country(iso3: $iso3) { situations { id } } }';
const MEMBERS = 'query Members($code: String!) { partner(code: $code) { memberStates { iso3 situations { id } } } }';
const COUNTS = 'query Counts($groupBy: [SituationGrouping!]!) { situationCounts(groupBy: $groupBy) { region subRegion country status situations } }';

type Count = { region: string | null; subRegion: string | null; country: string | null; status: string | null; situations: number };

function newSituation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    title: '[Test] Cross-border exercise: armed groups moving between three countries',
    summary: 'Written by the multi-country test; an exercise, not an assessment.',
    crimes: ['WAR_CRIMES'],
    openedOn: '2026-02-01',
    classification: 'GREEN',
    ...overrides,
  };
}

async function open(input: Record<string, unknown>, token = editor): Promise<{ id: string; version: number }> {
  return accepted(await hub.query(OPEN, { input }, { token }), 'openSituation');
}

async function foundIds(filter: Record<string, unknown>, token: string | undefined): Promise<string[]> {
  const response = await hub.query(FOUND, { filter }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.situations.nodes.map((n: { id: string }) => n.id);
}

async function inCountry(iso3: string, token: string | undefined): Promise<string[]> {
  const response = await hub.query(IN_COUNTRY, { iso3 }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.country.situations.map((s: { id: string }) => s.id);
}

async function viaPartner(code: string, token: string | undefined): Promise<Map<string, string[]>> {
  const response = await hub.query(MEMBERS, { code }, { token });
  expect(response.errors).toBeUndefined();
  return new Map(
    response.data!.partner.memberStates.map((m: { iso3: string; situations: { id: string }[] }) => [m.iso3, m.situations.map((s) => s.id)]),
  );
}

async function counts(groupBy: string[], token: string | undefined): Promise<Count[]> {
  const response = await hub.query<{ situationCounts: Count[] }>(COUNTS, { groupBy }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.situationCounts;
}

const countOf = (rows: Count[], match: Partial<Count>) =>
  rows.find((row) => Object.entries(match).every(([key, value]) => row[key as keyof Count] === value))?.situations ?? 0;

describe('a situation concerning several countries', () => {
  // DR Congo (Middle Africa), Rwanda and Uganda (Eastern Africa): all ICGLR members; only Uganda is in IGAD.
  const COUNTRIES = ['COD', 'RWA', 'UGA'];
  let id: string;
  let before: { country: Count[]; region: Count[]; subRegion: Count[]; status: Count[] };

  beforeAll(async () => {
    before = {
      country: await counts(['COUNTRY'], analyst),
      region: await counts(['REGION'], analyst),
      subRegion: await counts(['SUB_REGION'], analyst),
      status: await counts(['STATUS'], analyst),
    };
    const opened = await hub.query(OPEN, { input: newSituation({ countryCodes: COUNTRIES }) }, { token: editor });
    const situation = accepted(opened, 'openSituation');
    expect(situation).toMatchObject({
      countryIso3: 'COD',
      countryCodes: COUNTRIES,
      countries: COUNTRIES.map((iso3) => ({ iso3 })),
      country: { iso3: 'COD' },
    });
    id = situation.id;
  });

  it.each(COUNTRIES)('is found by situations(filter: { countries }) through %s', async (iso3) => {
    expect(await foundIds({ countries: [iso3] }, analyst)).toContain(id);
  });

  it.each(COUNTRIES)('is listed in Country.situations of %s', async (iso3) => {
    expect(await inCountry(iso3, analyst)).toContain(id);
  });

  it.each([
    ['regions', 'Africa'],
    ['subRegions', 'Middle Africa'],
    ['subRegions', 'Eastern Africa'],
  ])('is found by %s %s', async (field, value) => {
    expect(await foundIds({ [field]: [value] }, analyst)).toContain(id);
  });

  it('is not found by a region or a country it does not concern', async () => {
    expect(await foundIds({ regions: ['Europe'] }, analyst)).not.toContain(id);
    expect(await foundIds({ subRegions: ['Western Africa'] }, analyst)).not.toContain(id);
    expect(await foundIds({ countries: ['KEN', 'TZA'] }, analyst)).not.toContain(id);
  });

  it('is found by each partner whose members include one of its countries, and under each such member', async () => {
    expect(await foundIds({ partner: 'ICGLR' }, analyst)).toContain(id);
    expect(await foundIds({ partner: 'IGAD' }, analyst)).toContain(id);
    expect(await foundIds({ partner: 'AU' }, analyst)).toContain(id);
    expect(await foundIds({ partner: 'ECOWAS' }, analyst)).not.toContain(id);
    const icglr = await viaPartner('ICGLR', analyst);
    for (const iso3 of COUNTRIES) expect(icglr.get(iso3)).toContain(id);
    const igad = await viaPartner('IGAD', analyst);
    expect(igad.get('UGA')).toContain(id);
    expect([...igad.values()].flat().filter((s) => s === id)).toHaveLength(1);
  });

  it('is found once, not once per country, by a filter naming several of its countries', async () => {
    const found = await foundIds({ countries: COUNTRIES }, analyst);
    expect(found.filter((s) => s === id)).toHaveLength(1);
  });

  it('counts once in each country, region and sub-region it concerns, and once in the total', async () => {
    const after = {
      country: await counts(['COUNTRY'], analyst),
      region: await counts(['REGION'], analyst),
      subRegion: await counts(['SUB_REGION'], analyst),
      status: await counts(['STATUS'], analyst),
    };
    for (const country of COUNTRIES) expect(countOf(after.country, { country })).toBe(countOf(before.country, { country }) + 1);
    expect(countOf(after.country, { country: 'KEN' })).toBe(countOf(before.country, { country: 'KEN' }));
    // Three countries, one region: counted once in Africa.
    expect(countOf(after.region, { region: 'Africa' })).toBe(countOf(before.region, { region: 'Africa' }) + 1);
    // Rwanda and Uganda are both in Eastern Africa: once there, once in Middle Africa.
    expect(countOf(after.subRegion, { subRegion: 'Eastern Africa' })).toBe(countOf(before.subRegion, { subRegion: 'Eastern Africa' }) + 1);
    expect(countOf(after.subRegion, { subRegion: 'Middle Africa' })).toBe(countOf(before.subRegion, { subRegion: 'Middle Africa' }) + 1);
    const total = (rows: Count[]) => rows.reduce((sum, row) => sum + row.situations, 0);
    expect(total(after.status)).toBe(total(before.status) + 1);
    const both = await counts(['REGION', 'COUNTRY'], analyst);
    for (const country of COUNTRIES) expect(countOf(both, { region: 'Africa', country })).toBeGreaterThanOrEqual(1);
  });

  it('takes incidents in any of its countries and refuses one elsewhere, naming its countries', async () => {
    const incident = (countryIso3: string) => ({
      idempotencyKey: randomUUID(),
      situationId: id,
      countryIso3,
      occurredOn: '2026-03-01',
      latitude: 0,
      longitude: 30,
      eventType: 'Battles',
      classification: 'GREEN',
    });
    const inRwanda = accepted(await hub.query(REPORT, { input: incident('RWA') }, { token: editor }), 'reportIncident');
    expect(inRwanda).toMatchObject({ countryIso3: 'RWA' });
    const error = refusedFields(await hub.query(REPORT, { input: incident('KEN') }, { token: editor }), ['countryIso3']);
    expect(error.message).toContain('COD, RWA, UGA');
  });

  it('is cited by an alert about any of its countries, the alert keeping its own country', async () => {
    const DRAFT = 'mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { id countryIso3 situation { id } } }';
    const alert = (countryIso3: string) => ({
      idempotencyKey: randomUUID(),
      type: 'ADVISORY_NOTE',
      level: 'HIGH',
      title: '[Test] Advisory note on a cross-border exercise',
      body: 'Written by the multi-country test.',
      recipients: ['SECRETARY_GENERAL'],
      crimes: ['WAR_CRIMES'],
      citedRiskFactors: [],
      situationId: id,
      countryIso3,
      classification: 'GREEN',
    });
    expect(accepted(await hub.query(DRAFT, { input: alert('UGA') }, { token: editor }), 'draftAlert')).toMatchObject({
      countryIso3: 'UGA',
      situation: { id },
    });
    const error = refusedFields(await hub.query(DRAFT, { input: alert('KEN') }, { token: editor }), ['countryIso3']);
    expect(error.message).toContain('COD, RWA, UGA');
  });

  it('gains a country through updateSituation, and keeps every one it had', async () => {
    const current = (await hub.query('query($id: ID!) { situation(id: $id) { version } }', { id }, { token: editor })).data!.situation;
    const grown = accepted(
      await hub.query(UPDATE, { input: { id, version: current.version, countryCodes: [...COUNTRIES, 'BDI'] } }, { token: editor }),
      'updateSituation',
    );
    expect(grown).toMatchObject({ countryIso3: 'COD', countryCodes: [...COUNTRIES, 'BDI'] });
    expect(await inCountry('BDI', analyst)).toContain(id);
    refusedFields(await hub.query(UPDATE, { input: { id, version: grown.version, countryCodes: ['COD', 'RWA'] } }, { token: editor }), [
      'countryCodes',
    ]);
    refusedFields(await hub.query(UPDATE, { input: { id, version: grown.version, countryCodes: ['RWA', 'COD', 'UGA', 'BDI'] } }, { token: editor }), [
      'countryCodes',
    ]);
  });
});

describe('the countries of a new situation', () => {
  it('names the unknown code among them', async () => {
    const error = refusedFields(await hub.query(OPEN, { input: newSituation({ countryCodes: ['COD', 'XYZ'] }) }, { token: editor }), [
      'countryCodes',
    ]);
    expect(error.message).toContain('"XYZ"');
  });

  it('refuses a country named twice, an empty list, and a countryIso3 that is not the first of countryCodes', async () => {
    refusedFields(await hub.query(OPEN, { input: newSituation({ countryCodes: ['COD', 'cod'] }) }, { token: editor }), ['countryCodes']);
    refusedFields(await hub.query(OPEN, { input: newSituation({ countryCodes: [] }) }, { token: editor }), ['countryCodes']);
    refusedFields(await hub.query(OPEN, { input: newSituation({ countryIso3: 'RWA', countryCodes: ['COD', 'RWA'] }) }, { token: editor }), [
      'countryIso3',
    ]);
  });

  it('is the one countryIso3 for a client written before countryCodes', async () => {
    const situation = await open(newSituation({ countryIso3: 'cmr' }));
    const read = await hub.query('query($id: ID!) { situation(id: $id) { countryIso3 countryCodes } }', { id: situation.id }, { token: analyst });
    expect(read.data!.situation).toEqual({ countryIso3: 'CMR', countryCodes: ['CMR'] });
  });
});

describe('a cross-border situation a reader may not read', () => {
  // AMBER, owned by UN-JO and shared with no one: ECOWAS and anonymous readers may not know it exists.
  const COUNTRIES = ['KEN', 'TZA'];
  let id: string;
  let beforeEcowas: Count[];
  let beforeAnonymous: Count[];

  beforeAll(async () => {
    beforeEcowas = await counts(['COUNTRY', 'REGION'], ecowasAnalyst);
    beforeAnonymous = await counts(['COUNTRY', 'REGION'], undefined);
    id = (await open(newSituation({ countryCodes: COUNTRIES, classification: 'AMBER', sharedWith: [] }))).id;
    // Its owner does see it, so what follows is the policy, not a missing row.
    expect(await foundIds({ countries: ['TZA'] }, analyst)).toContain(id);
  });

  it.each([
    ['an ECOWAS analyst', () => ecowasAnalyst],
    ['an anonymous reader', () => undefined],
  ])('is found by %s through none of its countries, regions or partners', async (_who, token) => {
    for (const iso3 of COUNTRIES) {
      expect(await foundIds({ countries: [iso3] }, token())).not.toContain(id);
      expect(await inCountry(iso3, token())).not.toContain(id);
    }
    expect(await foundIds({ regions: ['Africa'] }, token())).not.toContain(id);
    expect(await foundIds({ subRegions: ['Eastern Africa'] }, token())).not.toContain(id);
    for (const partner of ['IGAD', 'ICGLR']) expect(await foundIds({ partner }, token())).not.toContain(id);
    const eac = await viaPartner('ICGLR', token());
    expect([...eac.values()].flat()).not.toContain(id);
    const response = await hub.query('query($id: ID!) { situation(id: $id) { id } }', { id }, { token: token() });
    expect(response.data!.situation).toBeNull();
  });

  it('leaves the counts of a reader who may not read it as they were', async () => {
    expect(await counts(['COUNTRY', 'REGION'], ecowasAnalyst)).toEqual(beforeEcowas);
    expect(await counts(['COUNTRY', 'REGION'], undefined)).toEqual(beforeAnonymous);
  });
});

describe('sourceOrigin', () => {
  const ORIGIN = `query Origin($id: ID!) { situation(id: $id) { sourceOrigin {
    situationRegions incidents withinRegion outsideRegion unknownBase outsideShare unknownShare
    byBaseRegion { baseRegion withinSituationRegion incidents share } } } }`;

  it('shares the incident reports out by where their sources are based, inside or outside the regions of the situation', async () => {
    // A cross-border situation in Mali and Niger (Africa), with six incidents: three from a source
    // based in France, one from a source based in Senegal, one from a source with no recorded base,
    // one without a source; and one AMBER incident of ECOWAS that UN-JO may not read.
    const owner = member('UN-JO', 'editor', `un-jo-sources-${randomUUID().slice(0, 8)}`);
    const token = await tokenFor(owner);
    const situation = await open(
      newSituation({ countryCodes: ['MLI', 'NER'], title: '[Test] Exercise: sources of a Sahel border situation' }),
      token,
    );
    const unique = randomUUID().slice(0, 8);
    const report = async (countryIso3: string, source: Record<string, unknown> | null, extra: Record<string, unknown> = {}, as = token) =>
      accepted(
        await hub.query(
          REPORT,
          {
            input: {
              idempotencyKey: randomUUID(),
              situationId: situation.id,
              countryIso3,
              occurredOn: '2026-04-01',
              latitude: 14,
              longitude: 2,
              eventType: 'Violence against civilians',
              classification: 'GREEN',
              ...(source ? { source } : {}),
              ...extra,
            },
          },
          { token: as },
        ),
        'reportIncident',
      );
    const paris = { name: `[Test] Paris desk ${unique}`, type: 'MEDIA', region: 'Africa', baseCountryIso3: 'FRA' };
    const first = await report('MLI', paris);
    expect(first.source).toMatchObject({ baseCountryIso3: 'FRA', baseRegion: 'Europe', region: 'Africa' });
    await report('NER', paris);
    await report('MLI', paris);
    await report('NER', { name: `[Test] Dakar monitor ${unique}`, type: 'NGO', region: 'Africa', baseCountryIso3: 'sen' });
    const unknown = await report('MLI', { name: `[Test] Unplaced source ${unique}`, type: 'OTHER', region: 'Africa' });
    expect(unknown.source).toMatchObject({ baseCountryIso3: null, baseRegion: null });
    await report('NER', null);
    const ecowasEditor = await tokenFor(users.ecowasEditor);
    await report(
      'MLI',
      { name: `[Test] ECOWAS desk ${unique}`, type: 'MEDIA', region: 'Africa', baseCountryIso3: 'FRA' },
      { classification: 'AMBER', sharedWith: [] },
      ecowasEditor,
    );
    refusedFields(
      await hub.query(
        REPORT,
        {
          input: {
            idempotencyKey: randomUUID(),
            situationId: situation.id,
            countryIso3: 'MLI',
            occurredOn: '2026-04-01',
            latitude: 14,
            longitude: 2,
            eventType: 'Battles',
            classification: 'GREEN',
            source: { name: `[Test] Nowhere ${unique}`, type: 'OTHER', region: 'Africa', baseCountryIso3: 'QQQ' },
          },
        },
        { token },
      ),
      ['source.baseCountryIso3'],
    );

    const response = await hub.query(ORIGIN, { id: situation.id }, { token: analyst });
    expect(response.errors).toBeUndefined();
    expect(response.data!.situation.sourceOrigin).toEqual({
      situationRegions: ['Africa'],
      incidents: 6,
      withinRegion: 1,
      outsideRegion: 3,
      unknownBase: 2,
      outsideShare: 0.5,
      unknownShare: 2 / 6,
      byBaseRegion: [
        { baseRegion: 'Europe', withinSituationRegion: false, incidents: 3, share: 0.5 },
        { baseRegion: 'Africa', withinSituationRegion: true, incidents: 1, share: 1 / 6 },
        { baseRegion: null, withinSituationRegion: null, incidents: 2, share: 2 / 6 },
      ],
    });
  });
});

describe("the README's cross-border example", () => {
  it('finds the illustrative central Sahel exercise through Niger, with its three countries', async () => {
    const block = readmeQueries.find((example) => example.name === 'CrossBorder')!.block;
    const response = await hub.query(block, undefined, { token: analyst });
    expect(response.errors).toBeUndefined();
    const sahel = response.data!.situations.nodes.find((n: { countryIso3: string }) => n.countryIso3 === 'BFA');
    expect(sahel).toMatchObject({ countryCodes: ['BFA', 'MLI', 'NER'], countries: [{ name: 'Burkina Faso' }, { name: 'Mali' }, { name: 'Niger' }] });
    expect(sahel.sourceOrigin).toMatchObject({ situationRegions: ['Africa'], outsideRegion: 0 });
    expect(sahel.sourceOrigin.withinRegion).toBeGreaterThan(0);
  });
});
