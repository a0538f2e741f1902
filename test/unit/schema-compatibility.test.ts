// The compatibility rule of schema:check and schema:compose: the supergraph composed from a changed
// subgraph SDL is compared, as clients see it, with the one composed from the hub's own SDLs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  IntendedChangesError,
  compareSupergraphs,
  formatFinding,
  readIntendedChanges,
  unmarkedBreaking,
  type Finding,
} from '../../schema/compatibility';
import { SCHEMA_DIR, compose, printSubgraphs } from '../../schema/supergraph';

let printed: Record<string, string>;
let current: string;

beforeAll(async () => {
  printed = await printSubgraphs();
  current = compose(printed);
});

/** The supergraph with the partners subgraph's SDL edited by `from` → `to` (which must occur). */
function withPartners(from: string | RegExp, to: string): string {
  const edited = printed.partners.replace(from, to);
  expect(edited).not.toBe(printed.partners);
  return compose({ ...printed, partners: edited });
}

/** Query.partner with its description. */
const PARTNER_QUERY = / {2}"""One partner organisation[^\n]*\n {2}partner\(code: String!\): Partner\n/;

const at = (findings: Finding[], coordinate: string) => findings.filter((f) => f.path === coordinate);

describe('the compatibility check of the composed supergraph', () => {
  it('finds no change between a supergraph and itself', async () => {
    expect(await compareSupergraphs(current, current)).toEqual([]);
  });

  it('calls a removed field breaking', async () => {
    const findings = await compareSupergraphs(current, withPartners(PARTNER_QUERY, ''));
    expect(at(findings, 'Query.partner')).toEqual([
      { verdict: 'breaking', path: 'Query.partner', message: "Field 'partner' was removed from object type 'Query'", why: expect.any(String) },
    ]);
    expect(unmarkedBreaking(findings)).toHaveLength(1);
  });

  it('calls a changed field type breaking', async () => {
    const findings = await compareSupergraphs(current, withPartners('  isoNumeric: String\n', '  isoNumeric: Int\n'));
    expect(findings).toEqual([
      expect.objectContaining({ verdict: 'breaking', path: 'Country.isoNumeric', message: expect.stringContaining("'String' to 'Int'") }),
    ]);
  });

  it('calls a nullable argument or input field made non-null breaking, and a non-null field made nullable', async () => {
    const argument = await compareSupergraphs(current, withPartners('countries(filter: CountryFilter)', 'countries(filter: CountryFilter!)'));
    expect(argument).toEqual([expect.objectContaining({ verdict: 'breaking', path: 'Query.countries.filter' })]);

    const input = await compareSupergraphs(
      current,
      withPartners('  region: String\n  """UN M49 sub-region', '  region: String!\n  """UN M49 sub-region'),
    );
    expect(input).toEqual([expect.objectContaining({ verdict: 'breaking', path: 'CountryFilter.region' })]);

    const output = await compareSupergraphs(
      current,
      withPartners('  name: String!\n  """UN M49 region, e.g.', '  name: String\n  """UN M49 region, e.g.'),
    );
    expect(output).toEqual([expect.objectContaining({ verdict: 'breaking', path: 'Country.name' })]);
  });

  it('calls a nullable field made non-null safe, and a new optional argument dangerous', async () => {
    const output = await compareSupergraphs(current, withPartners('  isoNumeric: String\n', '  isoNumeric: String!\n'));
    expect(output).toEqual([expect.objectContaining({ verdict: 'safe', path: 'Country.isoNumeric' })]);

    const argument = await compareSupergraphs(
      current,
      withPartners('partner(code: String!): Partner', 'partner(code: String!, on: LocalDate): Partner'),
    );
    expect(argument).toEqual([expect.objectContaining({ verdict: 'dangerous', path: 'Query.partner.on' })]);
  });

  it('calls an added field safe', async () => {
    const findings = await compareSupergraphs(
      current,
      withPartners('  partner(code: String!): Partner\n', '  partner(code: String!): Partner\n  partnerCount: Int\n'),
    );
    expect(findings).toEqual([{ verdict: 'safe', path: 'Query.partnerCount', message: "Field 'partnerCount' was added to object type 'Query'" }]);
    expect(unmarkedBreaking(findings)).toEqual([]);
  });

  it('ignores what clients cannot see: a field marked @inaccessible', async () => {
    const findings = await compareSupergraphs(
      current,
      withPartners('  partner(code: String!): Partner\n', '  partner(code: String!): Partner\n  partnerCount: Int @inaccessible\n'),
    );
    expect(findings).toEqual([]);
  });

  it('lets a breaking change pass when an entry with its coordinate and message marks it, and only then', async () => {
    const removed = withPartners(PARTNER_QUERY, '');
    const message = "Field 'partner' was removed from object type 'Query'";
    const marked = await compareSupergraphs(current, removed, [{ path: 'Query.partner', message, reason: 'partners(code:) replaces it' }]);
    expect(unmarkedBreaking(marked)).toEqual([]);
    expect(formatFinding(marked.find((f) => f.path === 'Query.partner')!)).toBe(
      `BREAKING  Query.partner: ${message}  [intended: partners(code:) replaces it]`,
    );

    const elsewhere = await compareSupergraphs(current, removed, [{ path: 'Query.partners', message, reason: 'a mark on another coordinate' }]);
    expect(unmarkedBreaking(elsewhere)).toHaveLength(1);
  });
});

describe('schema/intended-changes.json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-intended-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read as a list of marks, and none when the file is missing', () => {
    expect(readIntendedChanges(dir)).toEqual([]);
    writeFileSync(path.join(dir, 'intended-changes.json'), JSON.stringify([{ path: 'Query.partner', message: 'm', reason: 'r' }]));
    expect(readIntendedChanges(dir)).toEqual([{ path: 'Query.partner', message: 'm', reason: 'r' }]);
  });

  it('refuses a mark without a reason, unknown keys, and a file that is not JSON', () => {
    writeFileSync(path.join(dir, 'intended-changes.json'), JSON.stringify([{ path: 'Query.partner', message: 'm', reason: ' ' }]));
    expect(() => readIntendedChanges(dir)).toThrow(/entry 0\.reason: needs a reason/);
    writeFileSync(path.join(dir, 'intended-changes.json'), JSON.stringify([{ message: 'm', reason: 'r', why: 'x' }]));
    expect(() => readIntendedChanges(dir)).toThrow(IntendedChangesError);
    writeFileSync(path.join(dir, 'intended-changes.json'), '[{');
    expect(() => readIntendedChanges(dir)).toThrow(/is not JSON/);
  });

  it('holds only well-formed marks in the repository', () => {
    expect(Array.isArray(readIntendedChanges(SCHEMA_DIR))).toBe(true);
  });
});
