// Helpers for idempotent seeds: stable ids derived from a record's natural key, and inserts
// that leave rows already present untouched, so running a seed twice changes nothing.
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { createHash } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A UUID (version 5 layout) derived from the given parts: the same parts give the same id. Not the
 * `uuid` package's v5, which hashes a namespace before the name: the ids every deployment has already
 * stored come from the name alone, and a library's v5 would give each seeded record a new id.
 */
export function stableId(...parts: (string | number | null | undefined)[]): string {
  const hash = createHash('sha1')
    .update(parts.map((p) => String(p ?? '')).join('\u001f'))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** INSERT ... ON CONFLICT DO NOTHING, in chunks small enough for PostgreSQL's parameter limit. */
export async function insertMissing<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: Partial<T>[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + chunk) as QueryDeepPartialEntity<T>[])
      .orIgnore()
      .execute();
  }
}
