// The importer's plan (subgraphs/situations/import/import-plan.ts) decides what each row does
// without a database: these tests give it what the lookups would have found and check the
// decisions, case by case and, for any batch of rows, that every row gets one outcome in order
// and that only the sources a stored row cites are created.
import fc from 'fast-check';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { DatePrecision, GeoPrecision } from '../../subgraphs/situations/entities/incident.entity';
import type { Settings } from '../../subgraphs/situations/import/import-options';
import { planBatch, type Known, type Pending, type SituationFacts, type StoredIncident } from '../../subgraphs/situations/import/import-plan';
import type { IncidentDraft } from '../../subgraphs/situations/import/incident-row';

const SITUATION: SituationFacts = {
  id: '11111111-1111-4111-8111-111111111111',
  countryIso3: 'NGA',
  countryCodes: ['NGA'],
  ownerOrg: 'ECOWAS',
  classification: Classification.AMBER,
  sharedWith: ['UN-JO'],
  sharedWithUsers: [],
};
const SECRET: SituationFacts = {
  ...SITUATION,
  id: '22222222-2222-4222-8222-222222222222',
  ownerOrg: 'AU',
  classification: Classification.RED,
  sharedWith: [],
};
const UNKNOWN = '33333333-3333-4333-8333-333333333333';
const SETTINGS: Settings = {
  org: 'ECOWAS',
  audit: { actorSub: null, operationName: 'bulk import' },
  created: { classification: Classification.AMBER, sharedWith: [] },
  sharing: '',
  batchSize: 500,
  today: '2026-12-02',
  followsReadership: true,
};

function ids() {
  let next = 0;
  return () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
}

function draft(externalId: string, values: IncidentDraft['values'] = {}, source?: IncidentDraft['source']): IncidentDraft {
  return { externalId, values: { countryIso3: 'NGA', occurredOn: '2026-03-01', eventType: 'Riots', situationId: SITUATION.id, ...values }, source };
}

function row(line: number, d: IncidentDraft): Pending {
  return { line, externalId: d.externalId, draft: d };
}

function stored(externalId: string, overrides: Partial<StoredIncident> = {}): StoredIncident & { externalId: string } {
  return {
    id: `99999999-9999-4999-8999-${externalId.padStart(12, '0')}`,
    externalId,
    version: 3,
    situationId: SITUATION.id,
    countryIso3: 'NGA',
    occurredOn: '2026-03-01',
    datePrecision: DatePrecision.DAY,
    adm1: null,
    adm2: null,
    place: null,
    latitude: null,
    longitude: null,
    geoPrecision: GeoPrecision.EXACT,
    eventType: 'Riots',
    eventTypeCode: 'RIOTS',
    subEventTypeCode: null,
    subEventType: null,
    actors: [],
    fatalitiesLow: null,
    fatalitiesBest: null,
    fatalitiesHigh: null,
    notes: null,
    displacedLow: null,
    displacedBest: null,
    displacedHigh: null,
    groups: [],
    sourceId: null,
    classification: Classification.AMBER,
    sharedWith: [],
    sharedWithUsers: [],
    ...overrides,
  };
}

function known(parts: Partial<Omit<Known, 'existing'>> & { existing?: (StoredIncident & { externalId: string })[] } = {}): Known {
  const situations = new Map([SITUATION, SECRET].map((s) => [s.id, s]));
  return {
    floors: new Map(),
    hidden: new Set(),
    nameable: (id) => situations.has(id),
    situation: (id) => situations.get(id),
    source: () => undefined,
    seenOn: () => undefined,
    ...parts,
    existing: new Map((parts.existing ?? []).map((incident) => [incident.externalId, incident])),
  };
}

describe('the import plan', () => {
  it('creates an unknown external id with the defaults, its situation as floor and the source it names', () => {
    const plan = planBatch(SETTINGS, known(), [row(2, draft('e1', {}, { name: 'Radio Kaduna', type: null }))], ids());
    expect(plan.outcomes).toEqual([{ line: 2, externalId: 'e1', status: 'created', id: '00000000-0000-4000-8000-000000000002' }]);
    expect(plan.sources).toEqual([
      { id: '00000000-0000-4000-8000-000000000001', name: 'Radio Kaduna', type: 'OTHER', region: 'Africa', baseCountryIso3: null },
    ]);
    expect(plan.creates).toHaveLength(1);
    expect(plan.creates[0]).toMatchObject({
      externalId: 'e1',
      ownerOrg: 'ECOWAS',
      createdByOrg: 'ECOWAS',
      classification: Classification.AMBER,
      sharedWith: [],
      sourceId: '00000000-0000-4000-8000-000000000001',
      geoPrecision: GeoPrecision.EXACT,
    });
    expect(plan.floors).toEqual([{ recordId: plan.creates[0].id, cited: [expect.objectContaining({ type: 'Situation', id: SITUATION.id })] }]);
  });

  it('rejects a row naming a situation it may not name, quoting only the id the row sent, and creates none of its sources', () => {
    const plan = planBatch(SETTINGS, known(), [row(2, draft('e1', { situationId: UNKNOWN }, { name: 'New source', type: null }))], ids());
    expect(plan.outcomes).toEqual([
      {
        line: 2,
        externalId: 'e1',
        status: 'rejected',
        errors: [{ field: 'situationId', message: `situationId: no situation ${UNKNOWN} (it must be the id of a situation in the hub)` }],
      },
    ]);
    expect(plan.sources).toEqual([]);
    expect(plan.creates).toEqual([]);
  });

  it('leaves a stored incident unchanged when the row repeats it, and updates only what differs, at the version read', () => {
    const existing = [stored('e1'), stored('e2')];
    const plan = planBatch(SETTINGS, known({ existing }), [row(2, draft('e1')), row(3, draft('e2', { notes: 'new' }))], ids());
    expect(plan.outcomes.map((o) => [o.externalId, o.status, o.id])).toEqual([
      ['e1', 'unchanged', existing[0].id],
      ['e2', 'updated', existing[1].id],
    ]);
    expect(plan.updates).toEqual([
      { id: existing[1].id, version: 3, changes: { notes: 'new' }, classification: Classification.AMBER, readershipChanged: false },
    ]);
    expect(plan.creates).toEqual([]);
    expect([...plan.seen]).toEqual([
      ['e1', 2],
      ['e2', 3],
    ]);
  });

  it('refuses a later row giving an external id other values, in the batch or after an earlier batch', () => {
    const inBatch = planBatch(SETTINGS, known(), [row(2, draft('e1')), row(3, draft('e1')), row(4, draft('e1', { notes: 'other' }))], ids());
    expect(inBatch.outcomes.map((o) => o.status)).toEqual(['created', 'unchanged', 'rejected']);
    expect(inBatch.outcomes[2].errors?.[0]).toMatchObject({ field: 'externalId', message: expect.stringContaining('also on line 2') });

    const later = planBatch(
      SETTINGS,
      known({ existing: [stored('e1')], seenOn: (id) => (id === 'e1' ? 7 : undefined) }),
      [row(9, draft('e1', { notes: 'other' }))],
      ids(),
    );
    expect(later.outcomes[0]).toMatchObject({
      status: 'rejected',
      errors: [{ field: 'externalId', message: expect.stringContaining('also on line 7') }],
    });
    expect(later.updates).toEqual([]);
  });

  it('treats a stored incident the caller may not read as an unknown situation and leaves it alone', () => {
    const hiddenOne = stored('e1');
    const withoutSituation = draft('e1', { notes: 'x' });
    delete withoutSituation.values.situationId;
    const plan = planBatch(SETTINGS, known({ existing: [hiddenOne], hidden: new Set([hiddenOne.id]) }), [row(2, withoutSituation)], ids());
    expect(plan.outcomes[0].errors).toEqual([
      { field: 'situationId', message: 'situationId: no situation (it must be the id of a situation in the hub)' },
    ]);
    expect(plan.updates).toEqual([]);
  });

  it("holds a row to its situation's country and to no write-down, for creates and for changes with the stored values", () => {
    const elsewhere = planBatch(SETTINGS, known(), [row(2, draft('e1', { countryIso3: 'NER' }))], ids());
    expect(elsewhere.outcomes[0].errors).toEqual([
      { field: 'countryIso3', message: `countryIso3 must be NGA, the country of situation ${SITUATION.id}` },
    ]);

    const secret = planBatch(SETTINGS, known(), [row(2, draft('e1', { situationId: SECRET.id }))], ids());
    expect(secret.outcomes[0].status).toBe('rejected');
    expect(secret.outcomes[0].errors?.map((e) => e.field)).toContain('classification');

    const wider = planBatch({ ...SETTINGS, classification: Classification.GREEN }, known({ existing: [stored('e1')] }), [row(2, draft('e1'))], ids());
    expect(wider.outcomes[0].status).toBe('rejected');
    expect(wider.updates).toEqual([]);
  });

  it('marks a change of who may read a stored incident, or of its situation, for what cites it to follow, and refuses it where nothing can follow', () => {
    const other = { ...SITUATION, id: '44444444-4444-4444-8444-444444444444' };
    const situations = new Map([SITUATION, other].map((s) => [s.id, s]));
    const facts = { nameable: (id: string) => situations.has(id), situation: (id: string) => situations.get(id) };
    const existing = [stored('e1'), stored('e2'), stored('e3')];
    const rows = [
      row(2, draft('e1', { notes: 'content only' })),
      row(3, draft('e2', { situationId: other.id })),
      row(4, draft('e3', { notes: 'tighter' })),
    ];
    const tighter = { ...SETTINGS, classification: Classification.RED, sharedWith: [] };
    const following = planBatch(tighter, known({ existing, ...facts }), rows, ids());
    expect(following.outcomes.map((o) => o.status)).toEqual(['updated', 'updated', 'updated']);
    expect(following.updates.map((u) => [u.id, u.readershipChanged])).toEqual(existing.map((e) => [e.id, true]));
    const contentOnly = planBatch(SETTINGS, known({ existing, ...facts }), rows, ids());
    expect(contentOnly.updates.map((u) => [u.id, u.readershipChanged])).toEqual([
      [existing[0].id, false],
      [existing[1].id, true],
      [existing[2].id, false],
    ]);

    const cannotFollow = planBatch({ ...SETTINGS, followsReadership: false }, known({ existing, ...facts }), rows, ids());
    expect(cannotFollow.outcomes.map((o) => o.status)).toEqual(['updated', 'rejected', 'updated']);
    expect(cannotFollow.outcomes[1].errors).toEqual([{ field: 'situationId', message: expect.stringContaining('importIncidents mutation') }]);
    const tightened = planBatch({ ...tighter, followsReadership: false }, known({ existing, ...facts }), rows, ids());
    expect(tightened.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(tightened.outcomes[0].errors?.[0].message).toMatch(/^classification of a stored incident changed/);
    expect(tightened.updates).toEqual([]);
  });

  it('gives every row one outcome in file order, and creates only sources that a stored row cites', () => {
    const sourceName = fc.constantFrom('A', 'B', 'C');
    const aRow = fc.record({
      externalId: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
      situationId: fc.constantFrom(SITUATION.id, SECRET.id, UNKNOWN),
      notes: fc.constantFrom(null, 'n1', 'n2'),
      country: fc.constantFrom('NGA', 'NER'),
      source: fc.option(sourceName, { nil: undefined }),
      unreadable: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(aRow, { maxLength: 12 }), fc.subarray(['e1', 'e2', 'e3']), fc.subarray(['A', 'B']), (rows, storedIds, storedSources) => {
        const batch: Pending[] = rows.map((r, i) =>
          r.unreadable
            ? { line: i + 2, externalId: null, problems: [{ field: 'row', message: 'unreadable' }] }
            : row(
                i + 2,
                draft(
                  r.externalId,
                  { situationId: r.situationId, notes: r.notes, countryIso3: r.country },
                  r.source ? { name: r.source, type: null } : undefined,
                ),
              ),
        );
        const plan = planBatch(
          SETTINGS,
          known({ existing: storedIds.map((id) => stored(id)), source: (name) => (storedSources.includes(name) ? `source-${name}` : undefined) }),
          batch,
          ids(),
        );
        expect(plan.outcomes.map((o) => o.line)).toEqual(batch.map((p) => p.line));
        expect(plan.creates).toHaveLength(plan.outcomes.filter((o) => o.status === 'created').length);
        expect(plan.updates).toHaveLength(plan.outcomes.filter((o) => o.status === 'updated').length);
        const cited = new Set([...plan.creates.map((c) => c.sourceId), ...plan.updates.map((u) => u.changes.sourceId)]);
        for (const source of plan.sources) {
          expect(storedSources).not.toContain(source.name);
          expect(cited).toContain(source.id);
        }
        for (const outcome of plan.outcomes) if (outcome.status === 'rejected') expect(outcome.errors?.length).toBeGreaterThan(0);
        // No external id is created twice, and nothing stored is created again.
        const created = plan.creates.map((c) => c.externalId);
        expect(new Set(created).size).toBe(created.length);
        for (const id of created) expect(storedIds).not.toContain(id);
      }),
    );
  });
});
