// The sharing rules, written once here and asked by every write path (the mutations of each
// subgraph and the incident importer): what a record's sharing fields mean (checkSharing), and no
// write-down (README "Who sees what"): a record derived from another (an alert, assessment or
// incident citing a situation or a source) is never readable by a hub reader who cannot read what
// it cites, over the brief's table.
import { Classification } from './ownership';

/** Who may read a record: its owner, level and the organisations and users it names. */
export interface Readership {
  ownerOrg: string;
  classification: Classification;
  sharedWith: string[];
  sharedWithUsers: string[];
}

export interface WriteDownProblem {
  field: 'classification' | 'sharedWith' | 'sharedWithUsers';
  message: string;
}

const isAmber = (level: Classification) => level === Classification.AMBER || level === Classification.AMBER_STRICT;

/**
 * What would let `derived` reach a reader `source` does not reach: empty when
 * readers(derived) ⊆ readers(source). CLEAR cites anything; nothing CLEAR cites GREEN; a record
 * citing AMBER or AMBER_STRICT stays within the source's organisations (as AMBER, AMBER_STRICT, or
 * RED without named users, whose organisations the hub cannot know), and one citing AMBER_STRICT
 * is not classified lower (no plain AMBER); one citing RED stays RED, inside the source's owner,
 * naming only users the source names.
 */
export function writeDownProblems(derived: Readership, source: Readership): WriteDownProblem[] {
  const problems: WriteDownProblem[] = [];
  const cited = `the cited ${source.classification} record`;
  switch (source.classification) {
    case Classification.CLEAR:
      break;
    case Classification.GREEN:
      if (derived.classification === Classification.CLEAR)
        problems.push({ field: 'classification', message: `classification: a record citing a GREEN record may not be CLEAR` });
      break;
    case Classification.AMBER:
    case Classification.AMBER_STRICT: {
      const circle = new Set([source.ownerOrg, ...source.sharedWith]);
      if (
        derived.classification === Classification.CLEAR ||
        derived.classification === Classification.GREEN ||
        (source.classification === Classification.AMBER_STRICT && derived.classification === Classification.AMBER)
      ) {
        const allowed = source.classification === Classification.AMBER_STRICT ? 'AMBER_STRICT or RED' : 'AMBER, AMBER_STRICT or RED';
        problems.push({ field: 'classification', message: `classification: a record citing an ${source.classification} record must be ${allowed}` });
        break;
      }
      if (!circle.has(derived.ownerOrg))
        problems.push({
          field: 'classification',
          message: `classification: ${derived.ownerOrg} may not own a record derived from ${cited}, which is not shared with it`,
        });
      if (isAmber(derived.classification)) {
        const wider = derived.sharedWith.filter((org) => !circle.has(org));
        if (wider.length > 0)
          problems.push({
            field: 'sharedWith',
            message: `sharedWith: may not be shared with ${wider.join(', ')}, which ${cited} is not shared with`,
          });
      } else if (derived.sharedWithUsers.length > 0) {
        problems.push({
          field: 'sharedWithUsers',
          message: `sharedWithUsers: a record citing an ${source.classification} record may not name users, whose organisations the hub cannot check; use ${source.classification} with sharedWith`,
        });
      }
      break;
    }
    case Classification.RED: {
      if (derived.classification !== Classification.RED) {
        problems.push({ field: 'classification', message: 'classification: a record citing a RED record must be RED' });
        break;
      }
      if (derived.ownerOrg !== source.ownerOrg)
        problems.push({ field: 'classification', message: `classification: only ${source.ownerOrg} may own a record derived from ${cited}` });
      const wider = derived.sharedWithUsers.filter((user) => !source.sharedWithUsers.includes(user));
      if (wider.length > 0) problems.push({ field: 'sharedWithUsers', message: `sharedWithUsers: may name only users ${cited} names` });
      break;
    }
  }
  return problems;
}

/** Whether every reader of `derived` may read `source`. */
export function readsWithin(derived: Readership, source: Readership): boolean {
  return writeDownProblems(derived, source).length === 0;
}

/** Notes, on `problems`, every way `derived` would reach beyond one of `floors`; each complaint names its field. */
export function checkNoWriteDown(
  problems: { add(field: string, message: string): void },
  derived: Readership,
  floors: Readership[],
  recipientOrgs: string[] = [],
): void {
  const seen = new Set<string>();
  const note = (field: string, message: string) => {
    if (seen.has(`${field}:${message}`)) return;
    seen.add(`${field}:${message}`);
    problems.add(field, message);
  };
  for (const floor of floors) {
    for (const problem of writeDownProblems(derived, floor)) note(problem.field, problem.message);
    // Recipient organisations read an AMBER or AMBER_STRICT alert once it is issued: they count as shared with.
    if (recipientOrgs.length > 0 && isAmber(derived.classification)) {
      for (const problem of writeDownProblems({ ...derived, sharedWith: recipientOrgs }, floor)) {
        if (problem.field === 'sharedWith')
          note('recipientOrgs', problem.message.replace(/^sharedWith: may not be shared with/, 'recipientOrgs: may not be addressed to'));
      }
    }
  }
}

export interface Sharing {
  classification: Classification;
  sharedWith: string[];
  sharedWithUsers: string[];
}

/**
 * The sharing fields as the policy reads them: sharedWith means something only for AMBER and
 * AMBER_STRICT, named users only for RED. A list the policy would ignore is refused rather than
 * stored, so nobody believes a record is shared with someone who cannot read it.
 */
export function checkSharing(problems: { add(field: string, message: string): void }, sharing: Sharing): void {
  const amber = sharing.classification === Classification.AMBER || sharing.classification === Classification.AMBER_STRICT;
  if (!amber && sharing.sharedWith.length > 0) {
    problems.add(
      'sharedWith',
      `sharedWith applies to AMBER and AMBER_STRICT records only; a ${sharing.classification} record is read by ${sharing.classification === Classification.RED ? 'the users named in sharedWithUsers' : 'everyone its level allows'}`,
    );
  }
  if (sharing.classification !== Classification.RED && sharing.sharedWithUsers.length > 0) {
    problems.add('sharedWithUsers', 'sharedWithUsers applies to RED records only');
  }
}
