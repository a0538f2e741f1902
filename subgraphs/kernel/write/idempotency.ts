// Client idempotency keys for creates: the first request with a key creates the record, a retry
// with the same key and the same input gets that record back, never a second one.
import { createHash } from 'node:crypto';
import { Column, CreateDateColumn, Entity, PrimaryColumn, type EntityManager } from 'typeorm';
import { badInput, quoted } from '../../../platform/errors';

/**
 * One key an organisation used for one operation. The primary key (org, operation, key) is what
 * makes a retry safe under concurrency: a second INSERT of the same key waits for the first
 * transaction and then does nothing, and a failed first attempt rolls its key back with it.
 * Rows are never exposed through the API; they live as long as the record they point to.
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  org: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  operation: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  // SHA-256 of the request's input, to tell a retry from a different request reusing the key.
  @Column({ type: 'char', length: 64, name: 'request_hash' })
  requestHash: string;

  @Column({ type: 'varchar', length: 60, name: 'record_type' })
  recordType: string;

  @Column({ type: 'varchar', length: 100, name: 'record_id' })
  recordId: string;

  @Column({ type: 'varchar', length: 200, name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export interface IdempotentRequest {
  org: string;
  sub: string;
  operation: string;
  key: string;
  recordType: string;
  requestHash: string;
}

// Absent and null mean the same to a mutation, and key order means nothing, so neither may make
// a retry look like a different request.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined && (value as Record<string, unknown>)[k] !== null)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A hash of a mutation's input without its idempotency key. */
export function requestHash(input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256').update(JSON.stringify(canonical(rest))).digest('hex');
}

function reusedKey(request: IdempotentRequest): never {
  // The IETF Idempotency-Key draft answers 422 here: the caller sent a different request, not a retry.
  throw badInput(`idempotencyKey ${quoted(request.key)} was already used for a different ${request.operation} request; send a new key for a new record`, 'idempotencyKey');
}

/** The record id an earlier request with this key created, or null when the key is new. */
export async function earlierResult(manager: EntityManager, request: IdempotentRequest): Promise<string | null> {
  const row = await manager.findOneBy(IdempotencyKey, { org: request.org, operation: request.operation, key: request.key });
  if (!row) return null;
  if (row.requestHash !== request.requestHash) reusedKey(request);
  return row.recordId;
}

/**
 * Claims the key for `recordId` inside the creating transaction. Returns `recordId` when this
 * request won the key, or the id of the record a concurrent request with the same key created.
 */
export async function claimKey(manager: EntityManager, request: IdempotentRequest, recordId: string): Promise<string> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(IdempotencyKey)
    .values({ org: request.org, operation: request.operation, key: request.key, requestHash: request.requestHash, recordType: request.recordType, recordId, createdBy: request.sub })
    .orIgnore()
    .returning('record_id')
    .execute();
  if ((inserted.raw as unknown[]).length === 1) return recordId;
  const earlier = await earlierResult(manager, request);
  if (!earlier) throw new Error('idempotency key conflicted but no earlier row is visible');
  return earlier;
}
