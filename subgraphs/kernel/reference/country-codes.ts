// The ISO 3166-1 alpha-3 codes every subgraph validates input against. The partners subgraph
// owns the Country records themselves; this is only the list of valid keys, kept beside them.
import { COUNTRIES } from './countries';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRIES.map((country) => country.iso3));
