// The Framework of Analysis as data that can be cited, through the gateway over HTTP: which wording
// was checked against the 2014 text (Indicator.verified), the versions' sources, the 2009 categories
// as the UN lists them, COMMON factors, and a partner loading its own indicator scheme that its
// assessments are then checked against (issue 16 items 7 and 8).
import { randomUUID } from 'node:crypto';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startHub, type Hub } from '../support/hub';
import { member, tokenFor, users } from '../support/users';
import { accepted, countRows, refused, refusedFields } from '../support/writes';
import { readmeMutations } from '../support/readme';
import type { Role } from '../../platform/identity';

let hub: Hub;
let igadAdmin: string;
let igadEditor: string;
let ecowasAdmin: string;
let ecowasEditor: string;
let jointOfficeAdmin: string;

beforeAll(async () => {
  hub = await startHub();
  igadAdmin = await tokenFor(member('IGAD', 'admin', 'igad-admin'));
  igadEditor = await tokenFor(member('IGAD', 'editor', 'igad-editor'));
  ecowasAdmin = await tokenFor(users.ecowasAdmin);
  ecowasEditor = await tokenFor(users.ecowasEditor);
  jointOfficeAdmin = await tokenFor(users.jointOfficeAdmin);
});

afterAll(async () => {
  await hub?.stop();
});

const FRAMEWORK = `query Framework($version: String!) {
  framework(version: $version) {
    id title source sourceNote hubNumbering ownerOrg classification
    riskFactors { code number title scope verified wordingStatus wordingNote indicators { code position text verified wordingStatus wordingNote } }
  }
}`;
const LOAD = `mutation Load($input: LoadFrameworkVersionInput!) { loadFrameworkVersion(input: $input) { id source ownerOrg classification riskFactors { code indicators { code verified } } } }`;
const ASSESS = `mutation Assess($input: AddRiskAssessmentInput!) {
  addRiskAssessment(input: $input) { id frameworkVersion ownerOrg factors { riskFactor indicators { indicator observed } } }
}`;

type Indicator = { code: string; position: number; text: string; verified: boolean; wordingStatus: string; wordingNote: string | null };
type RiskFactor = { code: string; number: number; title: string; scope: string; verified: boolean; wordingStatus: string; indicators: Indicator[] };
type Framework = {
  id: string;
  title: string;
  source: string;
  sourceNote: string | null;
  hubNumbering: boolean;
  ownerOrg: string;
  riskFactors: RiskFactor[];
};

// A UN-JO situation every reader may read (CLEAR), so any partner may assess it.
const SOUTH_SUDAN = illustrativeSituationId('horn-south-sudan');
const CHECKED_2014 = ['RF7', 'RF8', 'RF9', 'RF13'];

async function framework(version: string, token?: string): Promise<Framework | null> {
  const response = await hub.query<{ framework: Framework | null }>(FRAMEWORK, { version }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.framework;
}

/** A small, clearly illustrative scheme in the shape of a partner's own (not CEWARN's real indicators). */
function scheme(version: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version,
    title: '[Illustrative] Test early-warning indicator scheme',
    year: 2026,
    description: 'Invented for the framework tests; no partner uses it.',
    source: 'Illustrative test scheme, written for the hub tests',
    riskFactors: [
      {
        code: 'P1',
        title: '[Illustrative] Pastoral and resource conflict',
        wordingStatus: 'VERIFIED',
        indicators: [
          { code: 'P1.1', text: '[Illustrative] Raids on livestock reported in the week.', wordingStatus: 'VERIFIED' },
          { code: 'P1.2', text: '[Illustrative] Competition over water points.', wordingStatus: 'PARAPHRASED' },
        ],
      },
      {
        code: 'P2',
        title: '[Illustrative] Communication and rhetoric',
        scope: 'GENOCIDE',
        indicators: [{ code: 'P2.1', text: '[Illustrative] Broadcasts naming a community as enemies.' }],
      },
    ],
    ...overrides,
  };
}

function assessment(frameworkVersion: string, factors: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    situationId: SOUTH_SUDAN,
    frameworkVersion,
    assessedOn: '2026-10-01',
    overallLevel: 'MODERATE',
    crimes: ['WAR_CRIMES'],
    summary: '[Illustrative] Assessment written by the framework test.',
    classification: 'GREEN',
    factors,
    ...overrides,
  };
}

describe('the 2014 Framework of Analysis as the hub holds it', () => {
  let fw: Framework;
  beforeAll(async () => {
    fw = (await framework('2014'))!;
  });

  it('names its source and says that the hub holds the text only in part', () => {
    expect(fw.source).toBe('United Nations, Framework of Analysis for Atrocity Crimes: A Tool for Prevention, 2014');
    expect(fw.sourceNote).toMatch(/partial copies/);
    expect(fw.hubNumbering).toBe(false);
  });

  it('marks risk factors 7, 8, 9 and 13 verified, and their indicators, but for the two whose end is from memory', () => {
    const checked = fw.riskFactors.filter((f) => CHECKED_2014.includes(f.code));
    expect(checked.map((f) => f.code)).toEqual(CHECKED_2014);
    for (const factor of checked) {
      expect(factor).toMatchObject({ verified: true, wordingStatus: 'VERIFIED' });
      for (const indicator of factor.indicators.filter((i) => i.code !== '13.10'))
        expect([indicator.code, indicator.verified, indicator.wordingStatus]).toEqual([indicator.code, true, 'VERIFIED']);
    }
    const rf13 = checked.find((f) => f.code === 'RF13')!;
    expect(rf13.indicators.find((i) => i.code === '13.10')).toMatchObject({ verified: false, wordingStatus: 'RECONSTRUCTED' });
    expect(rf13.indicators.filter((i) => i.verified)).toHaveLength(9);
  });

  it('marks every indicator of the other factors paraphrased or reconstructed, never verified', () => {
    const others = fw.riskFactors.filter((f) => !CHECKED_2014.includes(f.code));
    expect(others).toHaveLength(10);
    for (const factor of others) {
      expect(factor).toMatchObject({ verified: false, wordingStatus: 'PARAPHRASED' });
      expect(factor.indicators.length).toBeGreaterThan(0);
      for (const indicator of factor.indicators) {
        expect(indicator.verified).toBe(false);
        expect(['PARAPHRASED', 'RECONSTRUCTED']).toContain(indicator.wordingStatus);
      }
    }
    expect(fw.riskFactors.find((f) => f.code === 'RF14')!.indicators.every((i) => i.wordingStatus === 'RECONSTRUCTED')).toBe(true);
    expect(fw.riskFactors.find((f) => f.code === 'RF1')!.indicators.every((i) => i.wordingStatus === 'PARAPHRASED')).toBe(true);
  });

  it('calls the eight factors common to all atrocity crimes COMMON', () => {
    expect(fw.riskFactors.filter((f) => f.scope === 'COMMON').map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(fw.riskFactors.map((f) => f.scope).slice(8)).toEqual([
      'GENOCIDE',
      'GENOCIDE',
      'CRIMES_AGAINST_HUMANITY',
      'CRIMES_AGAINST_HUMANITY',
      'WAR_CRIMES',
      'WAR_CRIMES',
    ]);
  });
});

describe('the 2009 framework as the UN lists it', () => {
  let fw: Framework;
  beforeAll(async () => {
    fw = (await framework('2009'))!;
  });

  it('titles category 4 without "Political"', () => {
    expect(fw.riskFactors.find((f) => f.code === 'C4')!.title).toBe('Motivation of key actors and acts that encourage division');
    expect(JSON.stringify(fw.riskFactors.map((f) => f.title))).not.toMatch(/political/i);
  });

  it('lists the internal deployment of the military and the commencement of hostilities as two triggers', () => {
    const triggers = fw.riskFactors.find((f) => f.code === 'C8')!.indicators;
    expect(triggers.map((i) => [i.code, i.position])).toEqual([
      ['8.1', 1],
      ['8.2', 2],
      ['8.3', 3],
      ['8.6', 4],
      ['8.4', 5],
      ['8.5', 6],
    ]);
    expect(triggers.find((i) => i.code === '8.3')!.text).toBe('Internal deployment of the military to act against civilians.');
    expect(triggers.find((i) => i.code === '8.6')!.text).toBe('Commencement of armed hostilities.');
  });

  it("says its indicator numbering is the hub's own, and claims no checked wording", () => {
    expect(fw.hubNumbering).toBe(true);
    expect(fw.sourceNote).toMatch(/numbering \(1\.1 \.\.\. 8\.6\) is the hub's own/);
    expect(fw.source).toMatch(/A\/69\/266/);
    expect(fw.riskFactors.flatMap((f) => f.indicators).some((i) => i.verified)).toBe(false);
  });
});

describe("a partner's own indicator scheme", () => {
  const VERSION = 'IGAD-TEST-EW';
  let loaded: Framework;

  beforeAll(async () => {
    loaded = accepted<Framework>(await hub.query(LOAD, { input: scheme(VERSION) }, { token: igadAdmin }), 'loadFrameworkVersion');
  });

  it("is loaded by the organisation's admin as a version it owns, beside the Office's", async () => {
    expect(loaded).toMatchObject({
      id: VERSION,
      ownerOrg: 'IGAD',
      classification: 'GREEN',
      source: 'Illustrative test scheme, written for the hub tests',
    });
    const read = (await framework(VERSION, ecowasEditor))!;
    expect(read.riskFactors.map((f) => [f.code, f.number, f.scope])).toEqual([
      ['P1', 1, 'COMMON'],
      ['P2', 2, 'GENOCIDE'],
    ]);
    expect(read.riskFactors[0].indicators.map((i) => [i.code, i.position, i.verified, i.wordingStatus])).toEqual([
      ['P1.1', 1, true, 'VERIFIED'],
      ['P1.2', 2, false, 'PARAPHRASED'],
    ]);
    // A wording the loader did not say it checked is not presented as the scheme's own text.
    expect(read.riskFactors.map((f) => [f.code, f.verified, f.wordingStatus])).toEqual([
      ['P1', true, 'VERIFIED'],
      ['P2', false, 'RECONSTRUCTED'],
    ]);
    expect(read.riskFactors[1].indicators.map((i) => [i.code, i.verified, i.wordingStatus])).toEqual([['P2.1', false, 'RECONSTRUCTED']]);
    // GREEN: the community's, not the anonymous reader's.
    expect(await framework(VERSION)).toBeNull();
  });

  it('is what the assessments under it are checked against', async () => {
    const ok = accepted<{ frameworkVersion: string; ownerOrg: string }>(
      await hub.query(
        ASSESS,
        {
          input: assessment(VERSION, [
            { riskFactor: 'P1', level: 'HIGH', indicators: [{ indicator: 'P1.1', observed: true }] },
            { riskFactor: 'P2', level: 'LOW', indicators: [{ indicator: 'P2.1', observed: false }] },
          ]),
        },
        { token: igadEditor },
      ),
      'addRiskAssessment',
    );
    expect(ok).toMatchObject({ frameworkVersion: VERSION, ownerOrg: 'IGAD' });

    const before = await countRows(hub, 'situations', 'situations.risk_assessment WHERE framework_version = $1', [VERSION]);
    refusedFields(
      await hub.query(
        ASSESS,
        {
          input: assessment(VERSION, [
            { riskFactor: 'RF1', level: 'HIGH', indicators: [] },
            { riskFactor: 'P1', level: 'HIGH', indicators: [{ indicator: '1.1', observed: true }] },
            { riskFactor: 'P2', level: 'HIGH', indicators: [{ indicator: 'P1.1', observed: true }] },
          ]),
        },
        { token: igadEditor },
      ),
      ['factors.0.riskFactor', 'factors.1.indicators.0.indicator', 'factors.2.indicators.0.indicator'],
      true,
    );
    expect(await countRows(hub, 'situations', 'situations.risk_assessment WHERE framework_version = $1', [VERSION])).toBe(before);
  });

  it("cannot overwrite the Office's 2014 version, nor be named after another organisation", async () => {
    const before = await framework('2014');
    for (const version of ['2014', '2009', 'ECOWAS-EW', 'IGAD-'])
      refused(await hub.query(LOAD, { input: scheme(version) }, { token: igadAdmin }), 'FORBIDDEN');
    refused(await hub.query(LOAD, { input: scheme('2014') }, { token: jointOfficeAdmin }), 'FORBIDDEN');
    expect(await framework('2014')).toEqual(before);
    expect(await countRows(hub, 'situations', "situations.framework WHERE id NOT IN ('2014', '2009', $1)", [VERSION])).toBe(0);
  });

  it('is never changed once loaded: loading its name again is a CONFLICT', async () => {
    refused(await hub.query(LOAD, { input: scheme(VERSION, { title: '[Illustrative] A different title' }) }, { token: igadAdmin }), 'CONFLICT');
    expect((await framework(VERSION, igadEditor))!.title).toBe('[Illustrative] Test early-warning indicator scheme');
  });

  it('is loaded by admins only', async () => {
    refused(await hub.query(LOAD, { input: scheme('IGAD-BY-EDITOR') }, { token: igadEditor }), 'FORBIDDEN');
    refused(await hub.query(LOAD, { input: scheme('IGAD-ANONYMOUS') }), 'UNAUTHENTICATED');
    expect(await countRows(hub, 'situations', "situations.framework WHERE id IN ('IGAD-BY-EDITOR', 'IGAD-ANONYMOUS')")).toBe(0);
  });

  it('refuses codes given twice, and stores nothing of it', async () => {
    const twice = scheme('IGAD-TWICE', {
      riskFactors: [
        { code: 'P1', title: 'One', indicators: [{ code: 'X.1', text: 'One.' }] },
        { code: 'P1', title: 'Again', indicators: [{ code: 'X.1', text: 'Again.' }] },
      ],
    });
    refusedFields(await hub.query(LOAD, { input: twice }, { token: igadAdmin }), ['riskFactors.1.code', 'riskFactors.1.indicators.0.code'], true);
    const empty = scheme('IGAD-EMPTY', { riskFactors: [{ code: 'P1', title: 'No indicators', indicators: [] }] });
    refused(await hub.query(LOAD, { input: empty }, { token: igadAdmin }), 'BAD_USER_INPUT');
    expect(await countRows(hub, 'situations', "situations.framework WHERE id IN ('IGAD-TWICE', 'IGAD-EMPTY')")).toBe(0);
    expect(await countRows(hub, 'situations', "situations.risk_factor WHERE framework_version IN ('IGAD-TWICE', 'IGAD-EMPTY')")).toBe(0);
  });

  it('shared narrowly, is invisible to others, and no assessment under it is read more widely', async () => {
    const VERSION_AMBER = 'ECOWAS-INTERNAL';
    accepted(
      await hub.query(LOAD, { input: scheme(VERSION_AMBER, { classification: 'AMBER', sharedWith: [] }) }, { token: ecowasAdmin }),
      'loadFrameworkVersion',
    );
    expect(await framework(VERSION_AMBER, igadEditor)).toBeNull();
    // To IGAD it looks like a version that does not exist.
    refusedFields(
      await hub.query(ASSESS, { input: assessment(VERSION_AMBER, [{ riskFactor: 'P1', level: 'LOW', indicators: [] }]) }, { token: igadEditor }),
      ['frameworkVersion'],
      true,
    );
    refusedFields(
      await hub.query(
        ASSESS,
        { input: assessment(VERSION_AMBER, [{ riskFactor: 'P1', level: 'LOW', indicators: [] }], { classification: 'GREEN' }) },
        { token: ecowasEditor },
      ),
      ['classification'],
      true,
    );
    accepted(
      await hub.query(
        ASSESS,
        { input: assessment(VERSION_AMBER, [{ riskFactor: 'P1', level: 'LOW', indicators: [] }], { classification: 'AMBER', sharedWith: [] }) },
        { token: ecowasEditor },
      ),
      'addRiskAssessment',
    );
  });

  it('is loaded as the README shows it, with the token the README mints for it', async () => {
    const example = readmeMutations.find((e) => e.name === 'LoadScheme')!;
    expect([example.org, example.roles]).toEqual(['IGAD', 'admin']);
    const token = await tokenFor(member(example.org, example.roles as Role, 'readme-igad-admin'));
    const response = await hub.query(example.block, undefined, { token });
    expect(response.errors).toBeUndefined();
    expect(response.data!.loadFrameworkVersion).toMatchObject({ id: 'IGAD-EXAMPLE-1', ownerOrg: 'IGAD', classification: 'GREEN' });
    accepted(
      await hub.query(
        ASSESS,
        { input: assessment('IGAD-EXAMPLE-1', [{ riskFactor: 'E1', level: 'LOW', indicators: [{ indicator: 'E1.2', observed: true }] }]) },
        { token: igadEditor },
      ),
      'addRiskAssessment',
    );
  });
});
