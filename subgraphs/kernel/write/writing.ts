// The write path every subgraph's mutations share: one transaction per mutation with its audit
// events inside it, creates a retry cannot double, updates that cannot lose a concurrent change.
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertCanWrite, type Classified } from '../policy/access-policy';
import { restrictToVisible } from '../read/policed-query';
import { AuditAction } from '../audit/audit-event.entity';
import type { SubgraphContext } from '../service/context';
import { badInputs, conflict, notFound, unauthenticated, type InputProblem } from '../../../platform/errors';
import { claimKey, earlierResult, requestHash, type IdempotentRequest } from './idempotency';
import { isAuthenticated, type Viewer } from '../../../platform/identity';

/** What a mutation writes with: the request's context and the transaction's own manager. */
export interface MutationScope {
  ctx: SubgraphContext;
  manager: EntityManager;
}

/** The column a record is found by: `id` for every record but the Partner, keyed by its `code`. */
export type RecordKey = 'id' | 'code';
export type KeyedRecord = Classified & ObjectLiteral;
export type StoredRecord = KeyedRecord & { id: string };
export type Versioned = KeyedRecord & { version: number };
export type VersionedRecord = StoredRecord & { version: number };

/** In an insert or update: the transaction's start time, so every row one mutation writes shows the same instant. */
export const TRANSACTION_TIME = (): string => 'now()';

/**
 * Runs one mutation as one transaction: its rows and its audit events are committed together or
 * not at all. `work` must not call another service: the transaction would hold its row locks for
 * as long as the peer takes, and under PGlite, where the subgraphs of a test share one session,
 * the peer's query would wait for this transaction forever. Ask peers before, then write.
 */
export function runMutation<T>(ctx: SubgraphContext, work: (tx: MutationScope) => Promise<T>): Promise<T> {
  return ctx.db.transaction((manager) => work({ ctx, manager }));
}

/** Refuses an anonymous caller before anything is looked up, so the refusal reveals nothing. */
export function requireSignedIn(viewer: Viewer): asserts viewer is Viewer & { sub: string; org: string } {
  if (!isAuthenticated(viewer)) throw unauthenticated('Sign in to change records');
}

/** Editors and admins create records owned by their own organisation; returns that organisation. */
export function assertCanCreate(viewer: Viewer): string {
  requireSignedIn(viewer);
  assertCanWrite(viewer, viewer.org);
  return viewer.org;
}

/**
 * The record as the viewer may read it, read through the transaction's manager (a query through
 * ctx.db would run outside the transaction, and under PGlite wait for it). NOT_FOUND when it does
 * not exist or the viewer may not read it: the two must look the same. `key` is the column the
 * record is found by: `id` for every record but the Partner, whose key is its `code`.
 */
export async function visibleRecord<T extends KeyedRecord>(
  manager: EntityManager,
  viewer: Viewer,
  entity: EntityTarget<T>,
  kind: string,
  id: string,
  lock?: 'pessimistic_write' | 'pessimistic_read',
  key: RecordKey = 'id',
): Promise<T> {
  const query = manager.getRepository(entity).createQueryBuilder('r').where(`r.${key} = :key`, { key: id });
  restrictToVisible(query, viewer, 'r');
  if (lock) query.setLock(lock);
  const record = await query.getOne();
  if (!record) throw notFound(kind, id);
  return record;
}

export function assertVersion(record: Versioned, version: number, kind: string, key: RecordKey = 'id'): void {
  if (record.version !== version) {
    throw conflict(
      `${kind} ${record[key]} has changed since you read it (you sent version ${version}, it is now at version ${record.version}); read it again and re-apply your change`,
    );
  }
}

/**
 * The record the viewer is about to change, locked until the transaction ends (SELECT ... FOR
 * UPDATE), after the checks in the order that leaks nothing: invisible → NOT_FOUND, visible but
 * not the viewer's organisation's → FORBIDDEN, changed since the caller read it → CONFLICT.
 * `authorise` is who may change it: editors of the owner by default, admins for some records.
 * `key` is the column `id` is a value of, as in visibleRecord.
 */
export async function lockForUpdate<T extends Versioned>(
  tx: MutationScope,
  entity: EntityTarget<T>,
  kind: string,
  id: string,
  version: number,
  authorise: (viewer: Viewer, ownerOrg: string) => void = assertCanWrite,
  key: RecordKey = 'id',
): Promise<T> {
  requireSignedIn(tx.ctx.viewer);
  const record = await visibleRecord(tx.manager, tx.ctx.viewer, entity, kind, id, 'pessimistic_write', key);
  authorise(tx.ctx.viewer, record.ownerOrg);
  assertVersion(record, version, kind, key);
  return record;
}

/** Inserts a new record and records its creation in the audit trail. */
export async function insertAudited<T extends StoredRecord>(
  tx: MutationScope,
  entity: EntityTarget<T>,
  kind: string,
  values: QueryDeepPartialEntity<T> & { id: string },
): Promise<T> {
  await tx.manager.insert(entity, values);
  const created = await tx.manager.findOneByOrFail(entity, { id: values.id } as FindOptionsWhere<T>);
  await tx.ctx.audit.change(tx.manager, AuditAction.CREATE, kind, created.id, created);
  return created;
}

/**
 * Applies `changes` only if the record is still at the version it was read at: the condition sits
 * in the UPDATE itself, so even without the row lock two writers could not both succeed. TypeORM
 * moves `version` and `updatedAt` on. Records the change in the audit trail as a `recordType`.
 * `key` is the record's key column, as in visibleRecord; `kind` names the record in a CONFLICT
 * (the record type unless given).
 */
export async function updateVersioned<T extends Versioned>(
  tx: MutationScope,
  entity: EntityTarget<T>,
  recordType: string,
  record: T,
  changes: QueryDeepPartialEntity<T>,
  { key = 'id', kind = recordType }: { key?: RecordKey; kind?: string } = {},
): Promise<T> {
  const keyValue = record[key] as string;
  const result = await tx.manager
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where(`${key} = :key AND version = :version`, { key: keyValue, version: record.version })
    .execute();
  if (result.affected !== 1)
    throw conflict(`${kind} ${keyValue} was changed by someone else while you were changing it; read it again and re-apply your change`);
  const updated = await tx.manager.findOneByOrFail(entity, { [key]: keyValue } as FindOptionsWhere<T>);
  await tx.ctx.audit.change(tx.manager, AuditAction.UPDATE, recordType, updated[key] as string, updated);
  return updated;
}

/** The idempotency key of a create by `viewer`, fingerprinted by everything else in `input`. */
export function idempotentRequest(viewer: Viewer, operation: string, recordType: string, input: { idempotencyKey: string }): IdempotentRequest {
  requireSignedIn(viewer);
  return { org: viewer.org, sub: viewer.sub, operation, key: input.idempotencyKey, recordType, requestHash: requestHash(input) };
}

export interface CreateOnceSteps<T> {
  /** Checks that read other services or much data: run only for a request not seen before, outside the transaction. */
  prepare?: () => Promise<void>;
  /** Writes the new record under the id given, inside the transaction. */
  create: (tx: MutationScope, id: string) => Promise<T>;
  /** Loads the record an earlier request with the same key created. */
  load: (manager: EntityManager, id: string) => Promise<T>;
}

/**
 * A create that a retry cannot double. A request whose key was seen gets the record the first
 * request created (a key reused for a different input is BAD_USER_INPUT); a new key is claimed
 * in the creating transaction, so of two concurrent requests with one key only one creates.
 * Authorise before calling: a replay must not hand a record to someone who may not create it.
 */
export async function createOnce<T>(ctx: SubgraphContext, request: IdempotentRequest, steps: CreateOnceSteps<T>): Promise<T> {
  const earlier = await earlierResult(ctx.db.manager, request);
  if (earlier) return steps.load(ctx.db.manager, earlier);
  await steps.prepare?.();
  return runMutation(ctx, async (tx) => {
    const id = randomUUID();
    const winner = await claimKey(tx.manager, request, id);
    return winner === id ? steps.create(tx, id) : steps.load(tx.manager, winner);
  });
}

/**
 * Collects what is wrong with an input so that one BAD_USER_INPUT names every invalid field,
 * instead of the caller fixing them one round trip at a time.
 */
export class InputProblems {
  private readonly found: InputProblem[] = [];

  add(field: string, message: string): void {
    this.found.push({ field, message });
  }

  /** Runs a check that throws BAD_USER_INPUT (kernel/write/validation.ts), noting its complaint. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof GraphQLError) || error.extensions.code !== 'BAD_USER_INPUT') throw error;
      this.add(String(error.extensions.field ?? 'input'), error.message);
      return undefined;
    }
  }

  get empty(): boolean {
    return this.found.length === 0;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw badInputs(this.found);
  }
}
