// The rules every imported row is held to before anything is written, and the reasons a partner
// gets back, each naming the field at fault.
import { SourceType } from '../../subgraphs/situations/entities/source.entity';
import { checkIncidentRow, type RowCheck } from '../../subgraphs/situations/import/incident-row';
import { sourceTypeOf } from '../../subgraphs/situations/import/source-type';

const TODAY = '2026-06-30';
const GOOD = { externalId: 'X-1', occurredOn: '2026-01-15', countryIso3: 'nga', eventType: 'Riots' };

function check(values: Record<string, unknown>): RowCheck {
  return checkIncidentRow({ line: 2, values }, TODAY);
}

function problems(values: Record<string, unknown>): Record<string, string> {
  const result = check(values);
  if (result.ok) return {};
  return Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
}

describe('an imported incident row', () => {
  it('maps a good row to incident values, upper-casing the country', () => {
    const result = check({
      ...GOOD,
      latitude: '9.9',
      longitude: 8.86,
      actors: ['A', ' ', 'B'],
      fatalitiesBest: '4',
      fatalitiesLow: 3,
      fatalitiesHigh: '6.0',
    });
    expect(result).toEqual({
      ok: true,
      draft: {
        externalId: 'X-1',
        values: {
          occurredOn: '2026-01-15',
          datePrecision: 'DAY',
          countryIso3: 'NGA',
          eventType: 'Riots',
          eventTypeCode: 'RIOTS',
          latitude: 9.9,
          longitude: 8.86,
          actors: ['A', 'B'],
          fatalitiesBest: 4,
          fatalitiesLow: 3,
          fatalitiesHigh: 6,
        },
      },
    });
  });

  it('requires the external id, date, country and event type', () => {
    expect(Object.keys(problems({}))).toEqual(['externalId', 'occurredOn', 'countryIso3', 'eventType']);
    expect(problems({ ...GOOD, externalId: '  ' }).externalId).toMatch(/externalId is required/);
  });

  it('refuses dates that do not exist, are in the future or are written another way', () => {
    expect(problems({ ...GOOD, occurredOn: '2025-02-30' }).occurredOn).toMatch(/not a date that exists/);
    expect(problems({ ...GOOD, occurredOn: '2026-07-01' }).occurredOn).toMatch(/in the future/);
    expect(problems({ ...GOOD, occurredOn: '15/01/2026' }).occurredOn).toMatch(/YYYY-MM-DD/);
  });

  it('reads a month or a year alone as a date of that precision, unless a precision is given', () => {
    expect(check({ ...GOOD, occurredOn: '2025-03' })).toMatchObject({ draft: { values: { occurredOn: '2025-03-01', datePrecision: 'MONTH' } } });
    expect(check({ ...GOOD, occurredOn: '2025' })).toMatchObject({ draft: { values: { occurredOn: '2025-01-01', datePrecision: 'YEAR' } } });
    expect(check({ ...GOOD, occurredOn: '2025-03', datePrecision: 'week' })).toMatchObject({ draft: { values: { datePrecision: 'WEEK' } } });
    expect(problems({ ...GOOD, datePrecision: 'HOUR' }).datePrecision).toMatch(/must be one of DAY, WEEK, MONTH, YEAR/);
  });

  it('accepts ISO alpha-3 and numeric country codes and refuses unknown ones', () => {
    expect(check({ ...GOOD, countryIso3: '566' })).toMatchObject({ draft: { values: { countryIso3: 'NGA' } } });
    expect(problems({ ...GOOD, countryIso3: 'XXX' }).countryIso3).toMatch(/unknown country code "XXX"/);
    expect(problems({ ...GOOD, countryIso3: 'Nigeria' }).countryIso3).toMatch(/alpha-3/);
  });

  it('keeps coordinates in range and together', () => {
    expect(problems({ ...GOOD, latitude: '91', longitude: '8' }).latitude).toMatch(/from -90 to 90/);
    expect(problems({ ...GOOD, latitude: '9', longitude: '-180.5' }).longitude).toMatch(/from -180 to 180/);
    expect(problems({ ...GOOD, latitude: '9,5', longitude: '8' }).latitude).toMatch(/decimal number/);
    expect(problems({ ...GOOD, latitude: '9', longitude: '' }).longitude).toMatch(/together/);
  });

  it('wants fatalities as whole numbers of 0 or more, with low ≤ best ≤ high', () => {
    expect(problems({ ...GOOD, fatalitiesBest: '-1' }).fatalitiesBest).toMatch(/whole number of 0 or more/);
    expect(problems({ ...GOOD, fatalitiesBest: 2.5 }).fatalitiesBest).toMatch(/whole number/);
    expect(problems({ ...GOOD, fatalitiesLow: 5, fatalitiesBest: 4 }).fatalitiesLow).toMatch(
      /fatalitiesLow \(5\) may not exceed fatalitiesBest \(4\)/,
    );
    expect(problems({ ...GOOD, fatalitiesBest: 5, fatalitiesHigh: 4 }).fatalitiesHigh).toMatch(
      /fatalitiesHigh \(4\) may not be below fatalitiesBest \(5\)/,
    );
    // The same field and words as reportIncident (rules/incident.rules.ts incidentValueProblems).
    expect(problems({ ...GOOD, fatalitiesLow: 5, fatalitiesHigh: 4 }).fatalitiesLow).toMatch(
      /fatalitiesLow \(5\) may not exceed fatalitiesHigh \(4\)/,
    );
  });

  it('wants a situation id to be a UUID', () => {
    expect(problems({ ...GOOD, situationId: 'situation-7' }).situationId).toMatch(/UUID/);
  });

  it('reports every problem of a row at once, with the HXL column it came from', () => {
    const result = checkIncidentRow(
      {
        line: 9,
        values: { ...GOOD, countryIso3: 'XX', fatalitiesBest: 'many' },
        columns: { countryIso3: '#country+code', fatalitiesBest: '#affected+killed' },
      },
      TODAY,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.field, p.column])).toEqual([
      ['countryIso3', '#country+code'],
      ['fatalitiesBest', '#affected+killed'],
    ]);
  });

  it('leaves out what the file does not carry, and clears what it leaves empty', () => {
    const absent = check(GOOD);
    expect(absent.ok && Object.keys(absent.draft.values).sort()).toEqual([
      'countryIso3',
      'datePrecision',
      'eventType',
      'eventTypeCode',
      'occurredOn',
    ]);
    expect(absent.ok && 'source' in absent.draft).toBe(false);
    expect(check({ ...GOOD, place: '', source: '' })).toMatchObject({ ok: true, draft: { values: { place: null }, source: null } });
  });
});

describe('source types', () => {
  it('reads the words partners use, and anything else as OTHER', () => {
    expect(sourceTypeOf('Partner mechanism')).toBe(SourceType.PARTNER_MECHANISM);
    expect(sourceTypeOf('SOCIAL_MEDIA')).toBe(SourceType.SOCIAL_MEDIA);
    expect(sourceTypeOf('Community radio')).toBe(SourceType.MEDIA);
    expect(sourceTypeOf('Civil society')).toBe(SourceType.NGO);
    expect(sourceTypeOf('Ministry of Interior')).toBe(SourceType.GOVERNMENT);
    expect(sourceTypeOf('UN agency')).toBe(SourceType.UN);
    expect(sourceTypeOf('ACLED')).toBe(SourceType.DATASET);
    expect(sourceTypeOf('a neighbour')).toBe(SourceType.OTHER);
    expect(sourceTypeOf(null)).toBe(SourceType.OTHER);
  });
});

describe("a source's base country (#meta+source+country)", () => {
  it('is kept, upper-cased, beside the source it names, and unknown when left empty', () => {
    expect(check({ ...GOOD, source: 'Radio A', sourceType: 'radio', sourceCountry: 'fra' })).toMatchObject({
      ok: true,
      draft: { source: { name: 'Radio A', type: SourceType.MEDIA, baseCountryIso3: 'FRA' } },
    });
    expect(check({ ...GOOD, source: 'Radio A', sourceCountry: '' })).toMatchObject({ ok: true, draft: { source: { baseCountryIso3: null } } });
  });

  it('refuses a code that is no country, naming the field', () => {
    expect(problems({ ...GOOD, source: 'Radio A', sourceCountry: 'QQQ' })).toEqual({ sourceCountry: expect.stringContaining('"QQQ"') });
  });
});
