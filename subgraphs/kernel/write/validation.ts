// Checks on arguments that GraphQL's type system cannot express, and the patterns of the hub's
// keys (UUID ids, partner codes, ISO 3166-1 alpha-3 codes), exported once here. Each failure of a
// check is a BAD_USER_INPUT naming the argument, raised before anything is read or written; a
// malformed key in an entity reference is instead not found (referenceKey).
import { badInput, quoted } from '../../../platform/errors';
import { PARTNER_CODE } from '../../../platform/identity';
import { COUNTRY_CODES } from '../reference/country-codes';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ISO3 = /^[A-Z]{3}$/;
export { PARTNER_CODE };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO 3166-1 alpha-3 code the hub knows, upper-cased. */
export function countryCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!ISO3.test(code)) throw badInput(`${field} must be an ISO 3166-1 alpha-3 code such as "NGA", got ${quoted(value)}`, field);
  if (!COUNTRY_CODES.has(code)) throw badInput(`${field}: unknown country code ${quoted(value)}`, field);
  return code;
}

export function countryCodes(values: string[], field: string): string[] {
  return values.map((value) => countryCode(value, field));
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function uuid(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(`${field} must be an ID as returned by the hub (a UUID), got ${quoted(value)}`, field);
  return value.toLowerCase();
}

/** A partner code: letters, digits and hyphens, e.g. "ECOWAS", "UN-JO". */
export function partnerCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!PARTNER_CODE.test(code)) throw badInput(`${field} must be a partner code such as "ECOWAS", got ${quoted(value)}`, field);
  return code;
}

const KEY_PATTERNS = { uuid: UUID, partnerCode: PARTNER_CODE, iso3: ISO3 } as const;

/**
 * The key an entity reference names (an `_entities` representation, or a key one record holds of
 * another service's record), as it is stored: a UUID lower-cased, a code as given. Null when it is
 * not a string of the key's shape, so that a malformed key is simply not found, as an unknown one
 * is (PostgreSQL would reject a malformed uuid and fail the query). An argument a client writes is
 * refused instead, by uuid(), partnerCode() or countryCode().
 */
export function referenceKey(shape: keyof typeof KEY_PATTERNS, value: unknown): string | null {
  if (typeof value !== 'string' || !KEY_PATTERNS[shape].test(value)) return null;
  return shape === 'uuid' ? value.toLowerCase() : value;
}

/** Whether `value` is an ISO calendar date that exists ("2025-02-30" does not; nor year 0). */
export function isIsoDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return DATE.test(value) && !value.startsWith('0000') && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** An ISO calendar date that exists ("2025-02-30" does not). */
export function isoDate(value: string, field: string): string {
  if (!isIsoDate(value)) {
    throw badInput(`${field} must be a date written YYYY-MM-DD, got ${quoted(value)}`, field);
  }
  return value;
}

// The latest date anywhere on Earth (UTC+14), so that a report written on its local today is
// never refused for being ahead of the server's clock.
export function latestToday(): string {
  return new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
}

/** A date of something that has happened: an ISO date not after today. */
export function notInFuture(value: string, field: string): string {
  isoDate(value, field);
  if (value > latestToday()) throw badInput(`${field} ${value} is in the future; give the date it happened`, field);
  return value;
}

export function dateRange(from: string | undefined | null, to: string | undefined | null, field: string): void {
  if (from && to && from > to) throw badInput(`${field}: the start date ${from} is after the end date ${to}`, field);
}
