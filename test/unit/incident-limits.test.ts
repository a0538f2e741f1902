// The limits on an incident's fields (rules/incident.content.ts INCIDENT_LIMITS) are applied alike
// by reportIncident, correctIncident (class-validator on their inputs) and the importer: for any
// length of text, number of actors and fatality count, all three accept or all three refuse.
// (The inputs are validated as type-graphql validates arguments: missing properties skipped.)
import 'reflect-metadata';
import fc from 'fast-check';
import { validateSync } from 'class-validator';
import { checkIncidentRow } from '../../subgraphs/situations/import/incident-row';
import { CorrectIncidentInput, ReportIncidentInput } from '../../subgraphs/situations/resolvers/incident.inputs';
import { INCIDENT_LIMITS } from '../../subgraphs/situations/rules/incident.content';

const TEXT_FIELDS = ['adm1', 'adm2', 'place', 'eventType', 'subEventType', 'notes'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

function mutationsAccept(values: Record<string, unknown>): boolean[] {
  const report = Object.assign(new ReportIncidentInput(), {
    idempotencyKey: 'limits-test-key',
    countryIso3: 'NGA',
    occurredOn: '2026-01-15',
    eventType: 'Riots',
    actors: [],
    ...values,
  });
  const correct = Object.assign(new CorrectIncidentInput(), { id: '11111111-1111-4111-8111-111111111111', expectedVersion: 1, ...values });
  return [report, correct].map((input) => validateSync(input, { forbidUnknownValues: false, skipMissingProperties: true }).length === 0);
}

function importerAccepts(values: Record<string, unknown>): boolean {
  const result = checkIncidentRow(
    { line: 2, values: { externalId: 'X-1', occurredOn: '2026-01-15', countryIso3: 'NGA', eventType: 'Riots', ...values } },
    '2026-06-30',
  );
  return result.ok;
}

const letters = (length: number) => 'x'.repeat(length);

describe("an incident's limits", () => {
  it('are the same for the mutations and the importer, for any length of each text field', () => {
    const limitOf = (field: TextField) => INCIDENT_LIMITS[field];
    fc.assert(
      fc.property(
        fc
          .constantFrom(...TEXT_FIELDS)
          .chain((field) => fc.tuple(fc.constant(field), fc.integer({ min: Math.max(1, limitOf(field) - 3), max: limitOf(field) + 3 }))),
        ([field, length]) => {
          const values = { [field]: letters(length) };
          const expected = length <= limitOf(field);
          expect([...mutationsAccept(values), importerAccepts(values)]).toEqual([expected, expected, expected]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are the same for the number and length of actor names and for fatality counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: INCIDENT_LIMITS.actors + 2 }),
        fc.integer({ min: INCIDENT_LIMITS.actorName - 2, max: INCIDENT_LIMITS.actorName + 2 }),
        fc.integer({ min: INCIDENT_LIMITS.fatalities - 2, max: INCIDENT_LIMITS.fatalities + 2 }),
        (actors, nameLength, fatalities) => {
          // Names differ, as the importer drops repeated ones.
          const names = Array.from({ length: actors }, (_, i) => `${i}`.padStart(nameLength, 'a'));
          const values = { actors: names, fatalitiesBest: fatalities };
          const expected =
            actors <= INCIDENT_LIMITS.actors && (actors === 0 || nameLength <= INCIDENT_LIMITS.actorName) && fatalities <= INCIDENT_LIMITS.fatalities;
          expect([...mutationsAccept(values), importerAccepts(values)]).toEqual([expected, expected, expected]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
