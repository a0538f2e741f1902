// SQL over the protected groups records name (a jsonb list of { kind, name }): the condition the
// situation and incident filters use, and the join the dashboard counts by group kind with.
import { PROTECTED_GROUP_KINDS } from '../entities/protected-group';

/** SQL: the record aliased `alias` names a group of one of the kinds in parameter :filterGroupKinds. */
export function concernsGroupKinds(alias: string): string {
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(${alias}.groups) AS protected_group WHERE protected_group->>'kind' = ANY(CAST(:filterGroupKinds AS text[])))`;
}

/**
 * Left-joined on groupKindJoin, the kinds give each record aliased `alias` one row per kind of group
 * it names (a record naming two groups of one kind still counts once under it), and one row with a
 * null kind when it names none, for counts by group kind. The kinds are a parameter list matched by
 * jsonb containment (which the query builder can join without a lateral subquery); the join only
 * multiplies rows the policy on `alias` already let through.
 */
export const GROUP_KIND_TABLE = '(SELECT unnest(CAST(:groupKindList AS text[])) AS kind)';
export function groupKindJoin(alias: string): string {
  return `${alias}.groups @> jsonb_build_array(jsonb_build_object('kind', group_kind.kind))`;
}
export const groupKindParameters = () => ({ groupKindList: [...PROTECTED_GROUP_KINDS] });
