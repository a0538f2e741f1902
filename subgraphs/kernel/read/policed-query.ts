// The access policy added to a query: the one way any code outside the policy puts the policy's
// SQL (kernel/policy/access-policy.ts policySql) into a query. Reads through the policed reader
// (reading.ts) use it, also as text prepared once (preparedPolicy), and so do the write path's
// look-ups inside a mutation's transaction, so every query on records, read or write, is policed
// by the same condition built here.
import { Brackets, type DataSource, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import type { Viewer } from '../../../platform/identity';
import { policySql, type PolicySql } from '../policy/access-policy';

/** The policy for `entity` under `alias` as SQL text and parameters, for a raw join or subquery. */
export function policyCondition(scope: { db: DataSource; viewer: Viewer }, entity: EntityTarget<ObjectLiteral>, alias: string): PolicySql {
  return policySql(scope.db, scope.viewer, entity, alias);
}

/** The policy for `entity` under `alias` as a condition to add to a query or a subquery. */
export function visibleTo(scope: { db: DataSource; viewer: Viewer }, entity: EntityTarget<ObjectLiteral>, alias: string): Brackets {
  const { sql, parameters } = policySql(scope.db, scope.viewer, entity, alias);
  return new Brackets((where: WhereExpressionBuilder) => {
    where.where(sql, parameters);
  });
}

/** Restricts a query to rows of its main alias the viewer may read. Callers add their own conditions with andWhere. */
export function restrictToVisible<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, viewer: Viewer, alias: string): SelectQueryBuilder<T> {
  const entity = query.expressionMap.findAliasByName(alias).metadata.target;
  return query.andWhere(visibleTo({ db: query.connection, viewer }, entity, alias));
}

/** Where a prepared policy takes the viewer's organisation and subject: the statement's last two parameters. */
export const VIEWER_ORG = '$viewer_org';
export const VIEWER_SUB = '$viewer_sub';

// Stand-ins for a signed-in viewer: the policy is built once over them, and each parameter it
// names is then bound to the viewer field its value stands for.
const SIGNED_IN: Viewer = { sub: '\u0000sub', org: '\u0000org', roles: [] };
const ANONYMOUS: Viewer = { sub: null, org: null, roles: [] };

/**
 * The policy for `entity` under `alias` as the same SQL text for every viewer of a kind (signed in
 * or anonymous), for a statement prepared once: the viewer's organisation and subject appear as
 * VIEWER_ORG and VIEWER_SUB, which the policed reader numbers after the statement's own parameters.
 */
export function preparedPolicy(db: DataSource, signedIn: boolean, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const { sql, parameters } = policySql(db, signedIn ? SIGNED_IN : ANONYMOUS, entity, alias);
  return sql.replace(/(?<!:):(\w+)/g, (_match, name: string) => {
    const value = parameters[name];
    if (value === SIGNED_IN.org) return VIEWER_ORG;
    if (value === SIGNED_IN.sub) return VIEWER_SUB;
    throw new Error(`the policy's parameter ${name} is neither the viewer's organisation nor subject`);
  });
}
