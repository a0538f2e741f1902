// The one access policy of the hub (README "Who sees what"), used by every subgraph for every
// read and write. Reads are filtered in SQL, in the query itself, so pagination, counts and
// aggregates only ever see rows the viewer may read. The rule has three parts beside the brief's
// table, declared per entity with `policyOf`: a derived record also needs every one of its floors
// to be readable (no write-down, kernel/policy/record-floor.ts); an unpublished record (a draft) is read
// by its owner only; a dependent record (a status change) is read only with the record it belongs to.
// test/unit/access-policy.test.ts holds the SQL to an independent model of the brief's table.
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { forbidden, unauthenticated } from '../../../platform/errors';
import { hasRole, isAuthenticated, type Viewer } from '../../../platform/identity';
import type { Classification } from './ownership';
import { RecordFloor } from './record-floor';

export interface Classified {
  ownerOrg: string;
  classification: Classification;
  sharedWith: string[];
  sharedWithUsers: string[];
}

export interface PolicyTraits {
  /** The entity is derived from others: it carries floors in the subgraph's record_floor table. */
  derived?: boolean;
  /** SQL over `alias` that holds while the record is unpublished, e.g. a draft: then only its owner reads it. */
  ownerOnlyWhile?: (alias: string) => string;
  /** Read only together with the record `foreignKey` points at, under that record's whole policy. */
  readWith?: { entity: () => Function; foreignKey: string };
}

const TRAITS = new Map<Function, PolicyTraits>();

/** Declares the parts of the policy beyond the brief's table that hold for `entity`. */
export function policyOf(entity: Function, traits: PolicyTraits): void {
  TRAITS.set(entity, traits);
}

export function traitsOf(entity: Function): PolicyTraits {
  return TRAITS.get(entity) ?? {};
}

export interface PolicySql {
  sql: string;
  parameters: Record<string, unknown>;
}

/** The brief's table as an SQL condition over the ownership columns of `alias`, with its parameters. */
export function visibilitySql(viewer: Viewer, alias: string): PolicySql {
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

/** The whole policy for rows of `entity` under `alias`: the table, floors, drafts and parents. */
export function policySql(db: DataSource, viewer: Viewer, entity: EntityTarget<ObjectLiteral>, alias: string): PolicySql {
  const metadata = db.getMetadata(entity);
  const traits = traitsOf(metadata.target as Function);
  const parts = [visibilitySql(viewer, alias)];
  if (traits.derived) {
    const floor = `${alias}_floor`;
    const inner = visibilitySql(viewer, floor);
    parts.push({
      sql: `NOT EXISTS (SELECT 1 FROM ${db.getMetadata(RecordFloor).tablePath} ${floor} WHERE ${floor}.record_id = ${alias}.id AND NOT ${inner.sql})`,
      parameters: inner.parameters,
    });
  }
  if (traits.ownerOnlyWhile) {
    const unpublished = traits.ownerOnlyWhile(alias);
    const org = `${alias.replace(/\W/g, '_')}_owner_only_org`;
    parts.push(
      isAuthenticated(viewer)
        ? { sql: `(NOT (${unpublished}) OR ${alias}.owner_org = :${org})`, parameters: { [org]: viewer.org } }
        : { sql: `NOT (${unpublished})`, parameters: {} },
    );
  }
  if (traits.readWith) {
    const parentEntity = traits.readWith.entity();
    const parent = `${alias}_parent`;
    const inner = policySql(db, viewer, parentEntity, parent);
    parts.push({
      sql: `EXISTS (SELECT 1 FROM ${db.getMetadata(parentEntity).tablePath} ${parent} WHERE ${parent}.id = ${alias}.${traits.readWith.foreignKey} AND ${inner.sql})`,
      parameters: inner.parameters,
    });
  }
  return { sql: parts.map((p) => p.sql).join(' AND '), parameters: Object.assign({}, ...parts.map((p) => p.parameters)) };
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
