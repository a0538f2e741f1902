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

/** A partner's launch as the hub records it (Partner.launchedOn, launchEndedOn, reportedMemberCount). */
export interface Launch {
  launchedOn: string | null;
  launchEndedOn: string | null;
  reportedMemberCount: number | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "28 March 2012", "28-30 March 2012", "30 March-2 April 2012", "30 December 2012-2 January 2013" (from ISO days). */
export function daysInWords(from: string, to: string | null): string {
  const [fy, fm, fd] = from.split('-').map(Number);
  if (!to || to === from) return `${fd} ${MONTHS[fm - 1]} ${fy}`;
  const [ty, tm, td] = to.split('-').map(Number);
  if (fy !== ty) return `${fd} ${MONTHS[fm - 1]} ${fy}-${td} ${MONTHS[tm - 1]} ${ty}`;
  if (fm !== tm) return `${fd} ${MONTHS[fm - 1]}-${td} ${MONTHS[tm - 1]} ${ty}`;
  return `${fd}-${td} ${MONTHS[tm - 1]} ${ty}`;
}

export interface MembersOnStanding {
  /** False when `on` comes before the partner's recorded launch. */
  launched: boolean;
  /** False when the hub holds no membership period of the partner but a reported number of members. */
  membersListed: boolean;
  /** The number the record reports at the launch, on a day the partner had been launched; null otherwise. */
  reportedMemberCount: number | null;
  /** What to say instead of, or after, the count of members the hub lists; null: the count says it all. */
  instead: string | null;
  after: string | null;
}

/**
 * What "members on `on`" can say for a partner the hub knows by its launch (the Latin American
 * Network): before the launch it had not been launched; with no period recorded, its members are
 * not listed, which is not "0" of them; with some recorded, the count is of those listed.
 */
export function membersOnStanding(partner: { name: string; memberTerm: string } & Launch, on: string, periodsRecorded: number): MembersOnStanding {
  const launchDays = partner.launchedOn ? daysInWords(partner.launchedOn, partner.launchEndedOn) : null;
  if (partner.launchedOn && on < partner.launchedOn) {
    return {
      launched: false,
      membersListed: periodsRecorded > 0 || partner.reportedMemberCount === null,
      reportedMemberCount: null,
      instead: `The ${partner.name} had not been launched on ${on}: it was launched on ${launchDays}`,
      after: null,
    };
  }
  const reported = partner.reportedMemberCount;
  if (reported === null) return { launched: true, membersListed: true, reportedMemberCount: null, instead: null, after: null };
  const atLaunch = `${reported} ${partner.memberTerm} reported at its launch${launchDays ? `, ${launchDays}` : ''}`;
  if (periodsRecorded === 0) {
    return {
      launched: true,
      membersListed: false,
      reportedMemberCount: reported,
      instead: `The ${partner.memberTerm} of the ${partner.name} on ${on} are not listed in the hub's records (${atLaunch})`,
      after: null,
    };
  }
  return { launched: true, membersListed: true, reportedMemberCount: reported, instead: null, after: `, of those the hub lists (${atLaunch})` };
}
