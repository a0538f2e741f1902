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
