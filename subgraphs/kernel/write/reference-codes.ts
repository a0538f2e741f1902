// Checks, when a record is written, that the partner codes it stores name organisations the hub
// holds. The partners subgraph owns them, so every other subgraph asks it (one request per
// mutation) before the transaction opens; a stored code that names no partner would later
// resolve to nothing wherever the record lists its organisations.
import type { SubgraphContext } from '../service/context';
import { askPeer } from '../service/peer';
import type { InputProblems } from './writing';

/**
 * Notes the codes of `codes` that are not in `known`, naming `field`: the one wording every
 * subgraph uses. Codes in `stored` pass: a record keeps an organisation it already names even
 * after that organisation left the hub, so an unrelated change still goes through.
 */
export function noteUnknownPartners(
  problems: InputProblems,
  codes: readonly string[] | null | undefined,
  known: ReadonlySet<string>,
  field: string,
  stored: readonly string[] = [],
): void {
  const unknown = (codes ?? []).filter((code) => !known.has(code) && !stored.includes(code));
  if (unknown.length > 0) problems.add(field, `${field}: unknown partner ${unknown.length === 1 ? 'code' : 'codes'} ${unknown.join(', ')}`);
}

const PARTNER_CODES = 'query PartnerCodes { partners { code } }';
const NONE: ReadonlySet<string> = new Set();

/**
 * The codes of the hub's partners, asked of the partners subgraph, or nothing when none of
 * `lists` names a code (then there is nothing to check). Call before runMutation
 * (kernel/write/writing.ts says why); note the unknown codes with noteUnknownPartners, inside the
 * transaction if need be, once the record's stored codes are known.
 */
export async function knownPartners(ctx: SubgraphContext, ...lists: (readonly string[] | null | undefined)[]): Promise<ReadonlySet<string>> {
  if (lists.every((codes) => !codes?.length)) return NONE;
  const answer = await askPeer<{ partners: { code: string }[] | null }>(ctx, 'partners', PARTNER_CODES, {});
  return new Set((answer.partners ?? []).map((partner) => partner.code));
}

/** Checks the partner codes of each field of `fields` against the partners subgraph, noting the unknown ones under their field. */
export async function checkPartnerCodes(
  ctx: SubgraphContext,
  problems: InputProblems,
  fields: Record<string, readonly string[] | null | undefined>,
  stored: readonly string[] = [],
): Promise<void> {
  const known = await knownPartners(ctx, ...Object.values(fields));
  for (const [field, codes] of Object.entries(fields)) noteUnknownPartners(problems, codes, known, field, stored);
}

const COUNTRY_CODES = 'query CountryCodes { countries { iso3 } }';

/** Checks that each code of `codes` names a country the partners subgraph holds, noting the unknown ones under `field`. */
export async function checkCountryCodes(ctx: SubgraphContext, problems: InputProblems, field: string, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const answer = await askPeer<{ countries: { iso3: string }[] | null }>(ctx, 'partners', COUNTRY_CODES, {});
  const known = new Set((answer.countries ?? []).map((country) => country.iso3));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) problems.add(field, `${field}: unknown country ${unknown.length === 1 ? 'code' : 'codes'} ${unknown.join(', ')}`);
}
