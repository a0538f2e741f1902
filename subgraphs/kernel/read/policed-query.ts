// The access policy added to a query: the one way any code outside the policy puts the policy's
// SQL (kernel/policy/access-policy.ts policySql) into a query. Reads through the policed reader
// (reading.ts) use it, and so do the write path's look-ups inside a mutation's transaction, so every
// query on records, read or write, is policed by the same condition built here.
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
