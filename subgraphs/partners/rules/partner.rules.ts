// What the partners subgraph's mutations share beyond kernel/write/writing.ts: records only an
// organisation's admins change, the Partner record itself (keyed by code, not id), and the
// organisation's sharing defaults, read here from its own table rather than asked of a peer.
import type { EntityManager, EntityTarget } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertAdminOf, restrictToVisible } from '../../kernel/policy/access-policy';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import { conflict, notFound } from '../../../platform/errors';
import type { SharingDefaults } from '../../kernel/policy/sharing-defaults';
import { lockForUpdate, requireSignedIn, type InputProblems, type MutationScope, type VersionedRecord } from '../../kernel/write/writing';
import { noteUnknownPartners } from '../../kernel/write/reference-codes';
import { Partner } from '../entities/partner.entity';

/** A record of `entity` that only admins of its owner change, locked as lockForUpdate locks it. */
export function lockForAdmin<T extends VersionedRecord>(tx: MutationScope, entity: EntityTarget<T>, kind: string, id: string, version: number): Promise<T> {
  return lockForUpdate(tx, entity, kind, id, version, assertAdminOf);
}

/** The partner `code` names as the viewer may read it, locked FOR UPDATE when `lock` is set; null when there is none. */
export async function findPartner(manager: EntityManager, viewer: MutationScope['ctx']['viewer'], code: string, lock = false): Promise<Partner | null> {
  const query = restrictToVisible(manager.getRepository(Partner).createQueryBuilder('p').where('p.code = :code', { code }), viewer, 'p');
  if (lock) query.setLock('pessimistic_write');
  return query.getOne();
}

/** The viewer's own partner record, locked, at the version the caller read; only its admins get it. */
export async function lockPartnerForAdmin(tx: MutationScope, code: string, version: number): Promise<Partner> {
  requireSignedIn(tx.ctx.viewer);
  const partner = await findPartner(tx.manager, tx.ctx.viewer, code, true);
  if (!partner) throw notFound('partner', code);
  assertAdminOf(tx.ctx.viewer, partner.code);
  if (partner.version !== version) {
    throw conflict(`partner ${partner.code} has changed since you read it (you sent version ${version}, it is now at version ${partner.version}); read it again and re-apply your change`);
  }
  return partner;
}

/** updateVersioned for the Partner record, whose key is its code. */
export async function updatePartner(tx: MutationScope, partner: Partner, changes: QueryDeepPartialEntity<Partner>): Promise<Partner> {
  const result = await tx.manager
    .createQueryBuilder()
    .update(Partner)
    .set(changes)
    .where('code = :code AND version = :version', { code: partner.code, version: partner.version })
    .execute();
  if (result.affected !== 1) throw conflict(`partner ${partner.code} was changed by someone else while you were changing it; read it again and re-apply your change`);
  const updated = await tx.manager.findOneByOrFail(Partner, { code: partner.code });
  await tx.ctx.audit.change(tx.manager, AuditAction.UPDATE, 'Partner', updated.code, updated);
  return updated;
}

/**
 * Stores the organisation's sharing defaults without moving the Partner record's version or
 * updatedAt: those are public, and the defaults are the organisation's own business, so a change
 * to them must not show to anyone else. The row lock taken by lockPartnerForAdmin orders
 * concurrent changes; the change is audited like any other.
 */
export async function updateSharingDefaults(tx: MutationScope, partner: Partner, defaults: SharingDefaults): Promise<Partner> {
  await tx.manager.query(`UPDATE ${tx.manager.connection.getMetadata(Partner).tablePath} SET default_classification = $1, default_shared_with = $2 WHERE code = $3`, [
    defaults.classification,
    defaults.sharedWith,
    partner.code,
  ]);
  const updated = await tx.manager.findOneByOrFail(Partner, { code: partner.code });
  await tx.ctx.audit.change(tx.manager, AuditAction.UPDATE, 'Partner', updated.code, updated);
  return updated;
}

export function sharingDefaultsOf(partner: Partner | null): SharingDefaults | null {
  return partner ? { classification: partner.defaultClassification, sharedWith: partner.defaultSharedWith } : null;
}

/** Notes the codes in `codes` that name no partner of the hub (which organisations belong to the hub is public). */
export async function checkPartnerCodes(manager: EntityManager, problems: InputProblems, codes: string[], field: string, stored: readonly string[] = []): Promise<void> {
  if (codes.length === 0) return;
  const known = new Set((await manager.getRepository(Partner).createQueryBuilder('p').select('p.code').where('p.code IN (:...codes)', { codes }).getMany()).map((p) => p.code));
  noteUnknownPartners(problems, codes, known, field, stored);
}
