// Client idempotency keys for creates: the first request with a key creates the record, a retry
// with the same key and the same input gets that record back, never a second one.
//
// The request hash is SHA-256 over safe-stable-stringify's sorted-key JSON of the input, with null
// object properties left out. For everything a client can send (GraphQL input objects: field names,
// strings, numbers, booleans, null, lists, Dates from the date scalars) the text is byte-identical
// to the hand-written canonical() it replaced, so stored hashes stay valid
// (test/unit/idempotency-canonical.test.ts keeps the old code as the oracle). It differs only on
// values no GraphQL input can hold: an invalid Date is left out (it threw a RangeError), NaN,
// Infinity, functions and BigInt throw (NaN and Infinity were written as null, functions were left
// out, BigInt threw too), a circular value throws a TypeError (it was a stack overflow), and keys that
// look like array indexes ("0", "10") sort as strings (JSON.stringify put them first, in numeric
// order); GraphQL field names never start with a digit.
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
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

// Sorted keys, and throws rather than guessing at anything JSON cannot represent.
const stringify = configure({ deterministic: true, strict: true, circularValue: TypeError });

// Absent and null mean the same to a mutation, and key order means nothing, so neither may make
// a retry look like a different request. Nulls inside lists stay: there position matters.
function withoutNullProperties(this: unknown, _key: string, value: unknown): unknown {
  return value === null && !Array.isArray(this) ? undefined : value;
}

/** The canonical JSON text of a request's input (exported for its test). */
export function canonicalJson(value: unknown): string {
  return stringify(value, withoutNullProperties) as string;
}

/** A hash of a mutation's input without its idempotency key. */
export function requestHash(input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function reusedKey(request: IdempotentRequest): never {
  // The IETF Idempotency-Key draft answers 422 here: the caller sent a different request, not a retry.
  throw badInput(
    `idempotencyKey ${quoted(request.key)} was already used for a different ${request.operation} request; send a new key for a new record`,
    'idempotencyKey',
  );
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
    .values({
      org: request.org,
      operation: request.operation,
      key: request.key,
      requestHash: request.requestHash,
      recordType: request.recordType,
      recordId,
      createdBy: request.sub,
    })
    .orIgnore()
    .returning('record_id')
    .execute();
  if ((inserted.raw as unknown[]).length === 1) return recordId;
  const earlier = await earlierResult(manager, request);
  if (!earlier) throw new Error('idempotency key conflicted but no earlier row is visible');
  return earlier;
}
