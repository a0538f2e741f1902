import { GraphQLError } from 'graphql';
import { countryCode, dateRange, isoDate, partnerCode, referenceKey, uuid } from '../../subgraphs/kernel/write/validation';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions : error;
  }
  return 'no error';
}

describe('argument validation', () => {
  it('accepts a known ISO 3166-1 alpha-3 code in any case and returns it upper-cased', () => {
    expect(countryCode('nga', 'iso3')).toBe('NGA');
    expect(countryCode('XKX', 'iso3')).toBe('XKX');
  });

  it('rejects malformed and unknown country codes as BAD_USER_INPUT naming the field', () => {
    expect(codeOf(() => countryCode('NG', 'filter.countries'))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.countries' });
    expect(codeOf(() => countryCode('ZZZ', 'iso3'))).toEqual({ code: 'BAD_USER_INPUT', field: 'iso3' });
  });

  it('accepts UUIDs and rejects anything else', () => {
    expect(uuid('0F8FAD5B-D9CB-469F-A165-70867728950E', 'id')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(codeOf(() => uuid('42', 'id'))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('accepts only calendar dates that exist', () => {
    expect(isoDate('2024-02-29', 'on')).toBe('2024-02-29');
    expect(codeOf(() => isoDate('2025-02-29', 'on'))).toEqual({ code: 'BAD_USER_INPUT', field: 'on' });
    expect(codeOf(() => isoDate('29/01/2025', 'on'))).toEqual({ code: 'BAD_USER_INPUT', field: 'on' });
  });

  it('rejects a date range that ends before it starts', () => {
    expect(codeOf(() => dateRange('2012-01-01', '2011-01-01', 'filter'))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter' });
    expect(codeOf(() => dateRange('2011-01-01', '2012-01-01', 'filter'))).toBe('no error');
  });

  it('normalises partner codes and rejects other shapes', () => {
    expect(partnerCode('un-jo', 'code')).toBe('UN-JO');
    expect(codeOf(() => partnerCode('ECOWAS; DROP TABLE', 'code'))).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
  });
});

describe('error messages', () => {
  it("quote a caller's value cut short, never echoing a huge input back", () => {
    try {
      partnerCode('x'.repeat(100_000), 'code');
      throw new Error('no error');
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as Error).message).toContain('...');
    }
  });
});

describe('the keys of entity references', () => {
  it('are found as stored when well formed: a UUID lower-cased, a code as given', () => {
    expect(referenceKey('uuid', '7A1C6B0E-3F1D-4C2B-9E8A-0D5F4B3C2A10')).toBe('7a1c6b0e-3f1d-4c2b-9e8a-0d5f4b3c2a10');
    expect(referenceKey('partnerCode', 'UN-JO')).toBe('UN-JO');
    expect(referenceKey('iso3', 'NGA')).toBe('NGA');
  });

  it('are not found when malformed, whatever their type', () => {
    for (const bad of ['42', '------------------------------------', '7a1c6b0e3f1d4c2b9e8a0d5f4b3c2a10', '', 42, null, undefined, { id: 'x' }])
      expect(referenceKey('uuid', bad)).toBeNull();
    for (const bad of ['ecowas', 'E', 'A_B', 7]) expect(referenceKey('partnerCode', bad)).toBeNull();
    for (const bad of ['nga', 'Nigeria', 'NG', null]) expect(referenceKey('iso3', bad)).toBeNull();
  });
});
