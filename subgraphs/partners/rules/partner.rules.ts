// What the partners subgraph's mutations share beyond kernel/write/writing.ts: records only an
// organisation's admins change, the Partner record itself (keyed by code, not id), and the
// organisation's sharing defaults, read here from its own table rather than asked of a peer.
import type { EntityManager, EntityTarget } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertAdminOf } from '../../kernel/policy/access-policy';
import { restrictToVisible } from '../../kernel/read/policed-query';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import type { SharingDefaults } from '../../kernel/policy/sharing-defaults';
import { lockForUpdate, updateVersioned, type InputProblems, type MutationScope, type VersionedRecord } from '../../kernel/write/writing';
import { noteUnknownPartners } from '../../kernel/write/reference-codes';
import { Partner } from '../entities/partner.entity';

/** A record of `entity` that only admins of its owner change, locked as lockForUpdate locks it. */
export function lockForAdmin<T extends VersionedRecord>(
  tx: MutationScope,
  entity: EntityTarget<T>,
  kind: string,
  id: string,
  version: number,
): Promise<T> {
  return lockForUpdate(tx, entity, kind, id, version, assertAdminOf);
}

/** The partner `code` names as the viewer may read it, locked FOR UPDATE when `lock` is set; null when there is none. */
export async function findPartner(
  manager: EntityManager,
  viewer: MutationScope['ctx']['viewer'],
  code: string,
  lock = false,
): Promise<Partner | null> {
  const query = restrictToVisible(manager.getRepository(Partner).createQueryBuilder('p').where('p.code = :code', { code }), viewer, 'p');
  if (lock) query.setLock('pessimistic_write');
  return query.getOne();
}

/** The viewer's own partner record, locked, at the version the caller read; only its admins get it. */
export function lockPartnerForAdmin(tx: MutationScope, code: string, version: number): Promise<Partner> {
  return lockForUpdate(tx, Partner, 'partner', code, version, (viewer) => assertAdminOf(viewer, code), 'code');
}

/** updateVersioned for the Partner record, whose key is its code. */
export function updatePartner(tx: MutationScope, partner: Partner, changes: QueryDeepPartialEntity<Partner>): Promise<Partner> {
  return updateVersioned(tx, Partner, 'Partner', partner, changes, { key: 'code', kind: 'partner' });
}

/**
 * Stores the organisation's sharing defaults without moving the Partner record's version or
 * updatedAt: those are public, and the defaults are the organisation's own business, so a change
 * to them must not show to anyone else. The row lock taken by lockPartnerForAdmin orders
 * concurrent changes; the change is audited like any other.
 */
export async function updateSharingDefaults(tx: MutationScope, partner: Partner, defaults: SharingDefaults): Promise<Partner> {
  await tx.manager.query(
    `UPDATE ${tx.manager.connection.getMetadata(Partner).tablePath} SET default_classification = $1, default_shared_with = $2 WHERE code = $3`,
    [defaults.classification, defaults.sharedWith, partner.code],
  );
  const updated = await tx.manager.findOneByOrFail(Partner, { code: partner.code });
  await tx.ctx.audit.change(tx.manager, AuditAction.UPDATE, 'Partner', updated.code, updated);
  return updated;
}

export function sharingDefaultsOf(partner: Partner | null): SharingDefaults | null {
  return partner ? { classification: partner.defaultClassification, sharedWith: partner.defaultSharedWith } : null;
}

/** Notes the codes in `codes` that name no partner of the hub (which organisations belong to the hub is public). */
export async function checkPartnerCodes(
  manager: EntityManager,
  problems: InputProblems,
  codes: string[],
  field: string,
  stored: readonly string[] = [],
): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set(
    (await manager.getRepository(Partner).createQueryBuilder('p').select('p.code').where('p.code IN (:...codes)', { codes }).getMany()).map(
      (p) => p.code,
    ),
  );
  noteUnknownPartners(problems, codes, known, field, stored);
}
