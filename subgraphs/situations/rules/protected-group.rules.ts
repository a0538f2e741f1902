// The rules a record's protected groups meet, the same for situations, assessments, incidents and
// every imported row: a known kind, a name that is not blank and not too long once trimmed, each
// group once, and no more groups than a record can sensibly name.
import { PROTECTED_GROUP_KINDS, PROTECTED_GROUP_LIMITS as LIMIT, type ProtectedGroup, type ProtectedGroupKind } from '../entities/protected-group';

export interface GroupProblem {
  /** Path below the field, e.g. "groups.1.name". */
  path: string;
  message: string;
}

/** The groups as stored (names trimmed), and what is wrong with them; `field` names the list in messages. */
export function checkGroups(
  given: readonly { kind: unknown; name: unknown }[],
  field = 'groups',
): { groups: ProtectedGroup[]; problems: GroupProblem[] } {
  const problems: GroupProblem[] = [];
  if (given.length > LIMIT.groups) problems.push({ path: field, message: `${field}: at most ${LIMIT.groups} groups per record` });
  const seen = new Set<string>();
  const groups: ProtectedGroup[] = [];
  given.forEach((group, i) => {
    const kind = typeof group.kind === 'string' ? group.kind.trim().toUpperCase() : '';
    const name = typeof group.name === 'string' ? group.name.trim() : '';
    if (!PROTECTED_GROUP_KINDS.includes(kind as ProtectedGroupKind))
      problems.push({
        path: `${field}.${i}.kind`,
        message: `${field}.${i}.kind must be one of ${PROTECTED_GROUP_KINDS.join(', ')}, got ${JSON.stringify(group.kind ?? null)}`,
      });
    if (name === '') problems.push({ path: `${field}.${i}.name`, message: `${field}.${i}.name may not be blank` });
    else if (name.length > LIMIT.name)
      problems.push({ path: `${field}.${i}.name`, message: `${field}.${i}.name is longer than ${LIMIT.name} characters` });
    const key = `${kind}\u0000${name.toLowerCase()}`;
    if (name !== '' && seen.has(key))
      problems.push({ path: `${field}.${i}`, message: `${field}.${i}: ${kind} group ${JSON.stringify(name)} is named twice` });
    seen.add(key);
    groups.push({ kind: kind as ProtectedGroupKind, name });
  });
  return { groups, problems };
}
