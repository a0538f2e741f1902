// UN M49 regions and sub-regions of the countries the hub knows, for filters and for grouping in
// SQL (lookups in arrays, or a table to join made of them), so no subgraph needs the partners
// subgraph's tables for it.
import { badInput, quoted } from '../../../platform/errors';
import { COUNTRIES } from './countries';

function matches(value: string, name: string, code: string): boolean {
  return value.trim().toLowerCase() === name.toLowerCase() || value.trim() === code;
}

/** ISO codes of the countries in any of the given M49 regions (names or codes). */
export function countriesInRegions(regions: string[], field: string): string[] {
  return regions.flatMap((region) => {
    const found = COUNTRIES.filter((c) => matches(region, c.region, c.regionCode));
    if (found.length === 0)
      throw badInput(
        `${field}: unknown UN M49 region ${quoted(region)} (e.g. "Africa", "Americas", "Asia", "Europe", "Oceania" or a code such as "002")`,
        field,
      );
    return found.map((c) => c.iso3);
  });
}

export function countriesInSubRegions(subRegions: string[], field: string): string[] {
  return subRegions.flatMap((subRegion) => {
    const found = COUNTRIES.filter((c) => matches(subRegion, c.subRegion, c.subRegionCode));
    if (found.length === 0) throw badInput(`${field}: unknown UN M49 sub-region ${quoted(subRegion)} (e.g. "Eastern Africa" or "014")`, field);
    return found.map((c) => c.iso3);
  });
}

const REGION_BY_ISO3: ReadonlyMap<string, string> = new Map(COUNTRIES.map((c) => [c.iso3, c.region]));

/** The UN M49 region of a country the hub knows, by its alpha-3 code; undefined for any other code. */
export function regionOfCountry(iso3: string): string | undefined {
  return REGION_BY_ISO3.get(iso3);
}

/** The country-to-region table as query parameters, for regionOf and GEOGRAPHY_TABLE. */
export function geographyParameters(): { geoIso3: string[]; geoRegion: string[]; geoSubRegion: string[] } {
  return {
    geoIso3: COUNTRIES.map((c) => c.iso3),
    geoRegion: COUNTRIES.map((c) => c.region),
    geoSubRegion: COUNTRIES.map((c) => c.subRegion),
  };
}

/** SQL for the M49 region of the country in `column`; needs geographyParameters() on the query. */
export const regionOf = (column: string) => `(CAST(:geoRegion AS text[]))[array_position(CAST(:geoIso3 AS text[]), CAST(${column} AS text))]`;

/**
 * The country-to-region table as a subquery to join, with columns iso3, region and sub_region;
 * needs geographyParameters() on the query. A join looks each row's country up once in a hash,
 * where regionOf and subRegionOf search the array on every row. Country codes are unique, so a
 * left join on the code gives each row its region, or null for a code the table does not hold.
 */
export const GEOGRAPHY_TABLE =
  '(SELECT * FROM unnest(CAST(:geoIso3 AS text[]), CAST(:geoRegion AS text[]), CAST(:geoSubRegion AS text[])) AS geography(iso3, region, sub_region))';

/** Intersection of optional country sets; undefined means "no restriction". */
export function intersect(...sets: (string[] | undefined)[]): string[] | undefined {
  return sets.reduce<string[] | undefined>(
    (acc, set) => (set === undefined ? acc : acc === undefined ? [...new Set(set)] : acc.filter((c) => set.includes(c))),
    undefined,
  );
}
