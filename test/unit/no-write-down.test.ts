// The no-write-down rule as a table: for a source at each level and a derived record at each
// level and sharing, whether the derived record may be written, and which field is blamed.
import { checkNoWriteDown, writeDownProblems, type Readership } from '../../subgraphs/kernel/policy/no-write-down';
import { Classification } from '../../subgraphs/kernel/policy/ownership';

const { CLEAR, GREEN, AMBER, AMBER_STRICT, RED } = Classification;

function record(ownerOrg: string, classification: Classification, sharedWith: string[] = [], sharedWithUsers: string[] = []): Readership {
  return { ownerOrg, classification, sharedWith, sharedWithUsers };
}

// ECOWAS's source, read by ECOWAS and UN-JO (AMBER levels) or by ECOWAS and user "named" (RED).
const sources: Record<Classification, Readership> = {
  CLEAR: record('ECOWAS', CLEAR),
  GREEN: record('ECOWAS', GREEN),
  AMBER: record('ECOWAS', AMBER, ['UN-JO']),
  AMBER_STRICT: record('ECOWAS', AMBER_STRICT, ['UN-JO']),
  RED: record('ECOWAS', RED, [], ['named']),
};

// [source level, derived record, fields blamed ([] = allowed)]
const TABLE: [Classification, Readership, string[]][] = [
  [CLEAR, record('UN-JO', CLEAR), []],
  [CLEAR, record('AU', RED, [], ['anyone']), []],
  [GREEN, record('UN-JO', CLEAR), ['classification']],
  [GREEN, record('UN-JO', GREEN), []],
  [GREEN, record('UN-JO', AMBER, ['AU']), []],
  [AMBER, record('UN-JO', GREEN), ['classification']],
  [AMBER, record('UN-JO', AMBER), []],
  [AMBER, record('UN-JO', AMBER, ['ECOWAS']), []],
  [AMBER, record('UN-JO', AMBER, ['AU']), ['sharedWith']],
  [AMBER, record('UN-JO', AMBER_STRICT, ['ECOWAS']), []],
  [AMBER, record('UN-JO', RED), []],
  [AMBER, record('UN-JO', RED, [], ['someone']), ['sharedWithUsers']],
  [AMBER, record('AU', AMBER), ['classification']],
  [AMBER_STRICT, record('UN-JO', AMBER), ['classification']],
  [AMBER_STRICT, record('UN-JO', AMBER_STRICT, ['ECOWAS']), []],
  [AMBER_STRICT, record('UN-JO', AMBER_STRICT, ['AU', 'ECOWAS']), ['sharedWith']],
  [AMBER_STRICT, record('UN-JO', RED), []],
  [AMBER_STRICT, record('UN-JO', RED, [], ['named']), ['sharedWithUsers']],
  [RED, record('ECOWAS', AMBER_STRICT), ['classification']],
  [RED, record('ECOWAS', RED), []],
  [RED, record('ECOWAS', RED, [], ['named']), []],
  [RED, record('ECOWAS', RED, [], ['named', 'other']), ['sharedWithUsers']],
  [RED, record('UN-JO', RED, [], ['named']), ['classification']],
];

describe('no write-down', () => {
  it.each(
    TABLE.map(
      ([level, derived, blamed]) =>
        [
          level,
          `${derived.ownerOrg} ${derived.classification} [${[...derived.sharedWith, ...derived.sharedWithUsers].join(' ')}]`,
          blamed.join(', ') || 'nothing',
          derived,
          blamed,
        ] as const,
    ),
  )('a record citing an ECOWAS %s record as %s: blames %s', (level, _label, _blamed, derived, blamed) => {
    expect(
      writeDownProblems(derived, sources[level])
        .map((p) => p.field)
        .sort(),
    ).toEqual([...blamed].sort());
  });

  it('holds a record to every floor it has, and names each field once', () => {
    const found: { field: string; message: string }[] = [];
    checkNoWriteDown({ add: (field, message) => found.push({ field, message }) }, record('UN-JO', GREEN), [
      sources.AMBER,
      sources.AMBER_STRICT,
      sources.CLEAR,
    ]);
    expect(found.map((p) => p.field)).toEqual(['classification', 'classification']);
    expect(found[1].message).toMatch(/AMBER_STRICT or RED/);
  });

  it("counts an AMBER alert's recipient organisations as shared with, and blames recipientOrgs", () => {
    const found: string[] = [];
    checkNoWriteDown({ add: (field) => found.push(field) }, record('UN-JO', AMBER), [sources.AMBER], ['ECOWAS', 'AU']);
    expect(found).toEqual(['recipientOrgs']);
    const none: string[] = [];
    checkNoWriteDown({ add: (field) => none.push(field) }, record('UN-JO', RED), [sources.AMBER], ['ECOWAS', 'AU']);
    expect(none).toEqual([]);
  });
});
