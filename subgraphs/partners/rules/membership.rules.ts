// How a membership change fits a country's periods in one organisation: which open period it
// closes, or ends, and whether it overlaps any other. Pure, so the mutation decides before it writes.
import type { InputProblems } from '../../kernel/write/writing';
import type { MembershipStatus } from '../entities/membership.entity';

export interface Period {
  id: string;
  status: MembershipStatus;
  validFrom: string | null;
  validTo: string | null;
}

export interface MembershipChange {
  countryIso3: string;
  status: MembershipStatus;
  validFrom: string;
  validTo: string | null;
}

/** Insert the change as a new period, first closing `close` (the open period) on its validFrom. */
export interface MembershipPlan<P extends Period> {
  close: P | null;
}

// Periods are [validFrom, validTo): a null start is "since before the records", a null end "still current".
function overlaps(a: { validFrom: string | null; validTo: string | null }, b: { validFrom: string | null; validTo: string | null }): boolean {
  const aStartsBeforeBEnds = a.validFrom === null || b.validTo === null || a.validFrom < b.validTo;
  const bStartsBeforeAEnds = b.validFrom === null || a.validTo === null || b.validFrom < a.validTo;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

function describe(period: { status: MembershipStatus; validFrom: string | null; validTo: string | null }): string {
  return `${period.status} period ${period.validFrom ? `from ${period.validFrom}` : 'from before the records'} ${period.validTo ? `to ${period.validTo}` : '(still open)'}`;
}

/**
 * A change that starts after the country's open period started closes that period on its
 * validFrom. A change to the status the open period already has, with no end, would change
 * nothing and is refused; with a validTo it records when that status ends (a withdrawal).
 * Whatever the change, no two periods may overlap.
 */
export function planMembershipChange<P extends Period>(problems: InputProblems, periods: P[], change: MembershipChange): MembershipPlan<P> | null {
  const open =
    periods
      .filter((p) => p.validTo === null)
      .sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''))
      .at(-1) ?? null;
  const close = open !== null && (open.validFrom === null || open.validFrom < change.validFrom) ? open : null;
  if (close && close.status === change.status && change.validTo === null) {
    problems.add(
      'status',
      `status: ${change.countryIso3} is already ${change.status} (${describe(close)}); record a different status, or a validTo to end this one`,
    );
    return null;
  }
  const clash = periods.map((p) => (p === close ? { ...p, validTo: change.validFrom } : p)).find((p) => overlaps(p, change));
  if (clash) {
    problems.add('validFrom', `validFrom: the new ${describe(change)} overlaps the ${describe(clash)} of ${change.countryIso3}`);
    return null;
  }
  return { close };
}

/** The dates a period's facts give: its start, its end, and the day its unrecorded start is known to be no earlier than. */
function datedFacts(period: { validFrom: string | null; validTo: string | null; startNotBefore?: string | null }): string[] {
  return [period.validFrom, period.validTo, period.startNotBefore ?? null].filter((d): d is string => d !== null);
}

/** The earliest day any of an organisation's membership facts gives; null when none is dated. */
export function recordsBegin(periods: { validFrom: string | null; validTo: string | null; startNotBefore?: string | null }[]): string | null {
  return periods.flatMap(datedFacts).sort()[0] ?? null;
}

/**
 * Whether an answer for `on` reaches back before the hub's records: some period counted has no
 * recorded start, and `on` comes before the first dated fact (or none is dated). Such periods are
 * counted as holding "since before the records", which the records do not show for that day.
 */
export function answersBeforeRecords(counted: { validFrom: string | null }[], begin: string | null, on: string): boolean {
  return counted.some((p) => p.validFrom === null) && (begin === null || on < begin);
}
