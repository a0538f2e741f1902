// SQL over the protected groups records name (a jsonb list of { kind, name }): the condition the
// situation and incident filters use, and the join the dashboard counts by group kind with.
import { PROTECTED_GROUP_KINDS } from '../entities/protected-group';

/** SQL: the record aliased `alias` names a group of one of the kinds in parameter :filterGroupKinds. */
export function concernsGroupKinds(alias: string): string {
  return `EXISTS (SELECT 1 FROM jsonb_array_elements(${alias}.groups) AS protected_group WHERE protected_group->>'kind' = ANY(CAST(:filterGroupKinds AS text[])))`;
}

/**
 * A join giving each record aliased `alias` one row per kind of group it names, and one row with a
 * null kind when it names none, for counts by group kind. Kinds come from a parameter, not a
 * lateral join on the record, so the policy on `alias` stays the query's only restriction.
 */
export const GROUP_KIND_TABLE = '(SELECT unnest(CAST(:groupKindList AS text[])) AS kind)';
export function groupKindJoin(alias: string): string {
  return `${alias}.groups @> jsonb_build_array(jsonb_build_object('kind', group_kind.kind))`;
}
export const groupKindParameters = () => ({ groupKindList: [...PROTECTED_GROUP_KINDS] });
