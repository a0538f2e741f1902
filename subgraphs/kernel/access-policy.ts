// The one access policy of the hub (README "Who sees what"), used by every subgraph for every
// read and write. Reads are filtered in SQL, in the query itself, so pagination, counts and
// aggregates only ever see rows the viewer may read; `canRead` is the same rule for a record
// already in hand, and a unit test holds the two to the same answers.
import { Brackets, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import { badInput, forbidden, unauthenticated } from './errors';
import { hasRole, isAuthenticated, type Viewer } from './identity';
import { Classification } from './ownership';

export interface Classified {
  ownerOrg: string;
  classification: Classification;
  sharedWith: string[];
  sharedWithUsers: string[];
}

/** The policy as an SQL condition over the ownership columns of `alias`, with its parameters. */
export function visibilitySql(viewer: Viewer, alias: string): { sql: string; parameters: Record<string, unknown> } {
  if (!isAuthenticated(viewer)) return { sql: `${alias}.classification = 'CLEAR'`, parameters: {} };
  // Parameter names carry the alias so that several policed tables can share one statement.
  const p = (name: string) => `${alias.replace(/\W/g, '_')}_viewer_${name}`;
  return {
    sql:
      `(${alias}.classification IN ('CLEAR', 'GREEN')` +
      ` OR ${alias}.owner_org = :${p('org')}` +
      ` OR (${alias}.classification IN ('AMBER', 'AMBER_STRICT') AND :${p('org')} = ANY(${alias}.shared_with))` +
      ` OR (${alias}.classification = 'RED' AND :${p('sub')} = ANY(${alias}.shared_with_users)))`,
    parameters: { [p('org')]: viewer.org, [p('sub')]: viewer.sub },
  };
}

export function visibleTo(viewer: Viewer, alias: string): Brackets {
  const { sql, parameters } = visibilitySql(viewer, alias);
  return new Brackets((where: WhereExpressionBuilder) => {
    where.where(sql, parameters);
  });
}

/** Restricts a query to rows the viewer may read. Callers add their own conditions with andWhere. */
export function restrictToVisible<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, viewer: Viewer, alias: string): SelectQueryBuilder<T> {
  return query.andWhere(visibleTo(viewer, alias));
}

export function canRead(viewer: Viewer, record: Classified): boolean {
  if (record.classification === Classification.CLEAR) return true;
  if (!isAuthenticated(viewer)) return false;
  if (record.ownerOrg === viewer.org) return true;
  switch (record.classification) {
    case Classification.GREEN:
      return true;
    case Classification.AMBER:
    case Classification.AMBER_STRICT:
      return record.sharedWith.includes(viewer.org!);
    case Classification.RED:
      return record.sharedWithUsers.includes(viewer.sub!);
  }
}

/** Editors and admins of the owning organisation may change a record; nobody else. */
export function assertCanWrite(viewer: Viewer, ownerOrg: string): void {
  if (!isAuthenticated(viewer)) throw unauthenticated('Sign in to change records');
  if (viewer.org !== ownerOrg || !hasRole(viewer, 'editor', 'admin')) throw forbidden(`Only editors of ${ownerOrg} may change its records`);
}

/** Admins of an organisation manage its focal points, sharing defaults and read its audit trail. */
export function assertAdminOf(viewer: Viewer, org: string): void {
  if (!isAuthenticated(viewer)) throw unauthenticated('Sign in as an administrator');
  if (viewer.org !== org || !hasRole(viewer, 'admin')) throw forbidden(`Only administrators of ${org} may do this`);
}

const RANK: Record<Classification, number> = {
  [Classification.CLEAR]: 0,
  [Classification.GREEN]: 1,
  [Classification.AMBER]: 2,
  [Classification.AMBER_STRICT]: 3,
  [Classification.RED]: 4,
};

/**
 * AMBER_STRICT forbids re-sharing: a record derived from one (an alert or assessment citing it)
 * must be classified at least as strictly and shared with no organisation the source was not.
 */
export function assertDoesNotReshare(derived: Pick<Classified, 'classification' | 'sharedWith' | 'ownerOrg'>, source: Classified, field: string): void {
  if (source.classification !== Classification.AMBER_STRICT) return;
  if (RANK[derived.classification] < RANK[Classification.AMBER_STRICT]) {
    throw badInput(`${field}: a record citing an AMBER_STRICT record must be AMBER_STRICT or RED`, field);
  }
  const allowed = new Set([source.ownerOrg, ...source.sharedWith]);
  const wider = [derived.ownerOrg, ...derived.sharedWith].filter((org) => !allowed.has(org));
  if (wider.length > 0) throw badInput(`${field}: may not be shared with ${wider.join(', ')}, which the cited AMBER_STRICT record is not shared with`, field);
}
