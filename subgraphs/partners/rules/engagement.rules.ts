// The sharing of a new engagement. Quiet diplomacy works only in confidence, so an engagement of
// that kind is RED whatever the organisation's sharing defaults say, and a lower level is refused
// rather than quietly raised: a client that asked for GREEN must learn it did not get it.
import { Classification } from '../../kernel/policy/ownership';
import type { Sharing } from '../../kernel/policy/no-write-down';
import { sharingOf, type SharingDefaults } from '../../kernel/policy/sharing-defaults';
import type { SharingInput } from '../../kernel/write/record-inputs';
import type { InputProblems } from '../../kernel/write/writing';
import { EngagementKind } from '../entities/engagement.entity';

/** The defaults quiet diplomacy gets in place of the organisation's: RED, readable by the owner and the users it names. */
export const QUIET_DIPLOMACY_SHARING: SharingDefaults = Object.freeze({ classification: Classification.RED, sharedWith: [] });

export function engagementSharing(problems: InputProblems, kind: EngagementKind, input: SharingInput, defaults: SharingDefaults): Sharing {
  if (kind !== EngagementKind.QUIET_DIPLOMACY) return sharingOf(input, defaults);
  if (input.classification && input.classification !== Classification.RED)
    problems.add(
      'classification',
      `classification: quiet diplomacy is always RED (readable by your organisation and the users it names); leave classification out or give RED, not ${input.classification}`,
    );
  return sharingOf(input, QUIET_DIPLOMACY_SHARING);
}
