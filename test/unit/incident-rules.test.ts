// The rules an incident's values are held to together (rules/incident.rules.ts), and the proof that
// reportIncident and the importer apply them alike: for any place and fatality estimates, both blame
// the same fields.
import fc from 'fast-check';
import { InputProblems } from '../../subgraphs/kernel/write/writing';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { DatePrecision, GeoPrecision } from '../../subgraphs/situations/entities/incident.entity';
import { checkIncidentRow } from '../../subgraphs/situations/import/incident-row';
import { checkIncident, incidentValueProblems, type IncidentContent } from '../../subgraphs/situations/rules/incident.rules';

const VALUE_FIELDS = new Set(['latitude', 'longitude', 'fatalitiesLow', 'fatalitiesBest', 'fatalitiesHigh']);

class RecordedProblems extends InputProblems {
  readonly fields: string[] = [];
  add(field: string, message: string): void {
    this.fields.push(field);
    super.add(field, message);
  }
}

interface Values {
  latitude: number | null;
  longitude: number | null;
  fatalitiesLow: number | null;
  fatalitiesBest: number | null;
  fatalitiesHigh: number | null;
}

function mutationFields(values: Values): string[] {
  const content: IncidentContent = {
    situationId: null,
    sourceId: null,
    countryIso3: 'NGA',
    occurredOn: '2026-01-15',
    datePrecision: DatePrecision.DAY,
    adm1: null,
    adm2: null,
    place: null,
    geoPrecision: GeoPrecision.COUNTRY,
    eventType: 'Riots',
    eventTypeCode: 'RIOTS',
    subEventTypeCode: null,
    subEventType: null,
    actors: [],
    notes: null,
    displacedLow: null,
    displacedBest: null,
    displacedHigh: null,
    groups: [],
    classification: Classification.GREEN,
    sharedWith: [],
    sharedWithUsers: [],
    ...values,
  };
  const problems = new RecordedProblems();
  checkIncident(problems, content);
  return [...new Set(problems.fields.filter((f) => VALUE_FIELDS.has(f)))].sort();
}

function importerFields(values: Values): string[] {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
  const result = checkIncidentRow(
    { line: 2, values: { externalId: 'X-1', occurredOn: '2026-01-15', countryIso3: 'NGA', eventType: 'Riots', ...given } },
    '2026-06-30',
  );
  if (result.ok) return [];
  return [...new Set(result.problems.map((p) => p.field).filter((f) => VALUE_FIELDS.has(f)))].sort();
}

const coordinate = fc.option(fc.double({ min: -200, max: 200, noNaN: true, noDefaultInfinity: true }), { nil: null });
const estimate = fc.option(fc.integer({ min: -3, max: 20 }), { nil: null });
const values = fc.record({
  latitude: coordinate,
  longitude: coordinate,
  fatalitiesLow: estimate,
  fatalitiesBest: estimate,
  fatalitiesHigh: estimate,
});

describe("an incident's values held together", () => {
  it('are blamed on the same fields by reportIncident and by the importer, whatever they are', () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(importerFields(v)).toEqual(mutationFields(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('pass when every estimate is in order and the coordinates come together and in range', () => {
    expect(incidentValueProblems({ latitude: 9.9, longitude: 8.86, fatalitiesLow: 1, fatalitiesBest: 2, fatalitiesHigh: 3 })).toEqual([]);
    expect(incidentValueProblems({})).toEqual([]);
  });

  it('blame the estimate that breaks the order, and the missing coordinate', () => {
    const fields = (v: Parameters<typeof incidentValueProblems>[0]) => incidentValueProblems(v).map((p) => p.field);
    expect(fields({ fatalitiesLow: 5, fatalitiesBest: 4 })).toEqual(['fatalitiesLow']);
    expect(fields({ fatalitiesBest: 5, fatalitiesHigh: 4 })).toEqual(['fatalitiesHigh']);
    expect(fields({ fatalitiesLow: 5, fatalitiesHigh: 4 })).toEqual(['fatalitiesLow']);
    expect(fields({ fatalitiesLow: 5, fatalitiesBest: 6, fatalitiesHigh: 4 })).toEqual(['fatalitiesHigh']);
    expect(fields({ fatalitiesLow: 7, fatalitiesBest: 6, fatalitiesHigh: 4 })).toEqual(['fatalitiesLow', 'fatalitiesHigh']);
    expect(fields({ latitude: 10 })).toEqual(['longitude']);
    expect(fields({ longitude: 10 })).toEqual(['latitude']);
    expect(fields({ latitude: 91, longitude: -181 })).toEqual(['latitude', 'longitude']);
    expect(fields({ fatalitiesBest: -1 })).toEqual(['fatalitiesBest']);
    expect(fields({ fatalitiesLow: 2, fatalitiesBest: -1 })).toEqual(['fatalitiesBest']);
  });
});
