// Input fields the create and update mutations of every subgraph share: the client's idempotency
// key, a record's sharing, and how a set of changes applies to a stored record.
import { ArrayMaxSize, ArrayUnique, IsInt, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Classification } from '../policy/ownership';
import { PARTNER_CODE } from './validation';
import type { InputProblems } from './writing';
import { type Sharing } from '../policy/no-write-down';

export const PARTNER_CODES = { each: true, message: 'each value in $property must be a partner code such as "ECOWAS"' };
// Printable ASCII without spaces: a UUID or any other token the client keeps with its request.
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;

/**
 * What every create takes besides its own fields. A base class only: type-graphql prints it in no
 * schema, as no argument has this type; each create's input extends it.
 */
@InputType('NewRecordInput')
export abstract class NewRecordInput {
  @Field({
    description:
      'A key the client generates per new record (a UUID is best): a retry with the same key returns the first record, never a second one; reusing it for a different request is BAD_USER_INPUT.',
  })
  @Length(8, 200)
  @Matches(IDEMPOTENCY_KEY, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey: string;

  @Field(() => Classification, {
    nullable: true,
    description: "Who may read it. Left out, your organisation's sharing defaults apply (GREEN when it has set none).",
  })
  classification?: Classification | null;

  @Field(() => [String], { nullable: true, description: 'For AMBER and AMBER_STRICT: organisations (codes) that may read it besides yours.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  sharedWith?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'For RED: the users (token subjects) who may read it besides your organisation.' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Length(1, 100, { each: true })
  sharedWithUsers?: string[] | null;
}

/** What every update takes: the record, the version the caller read, and new sharing if any (a base class only). */
@InputType('RecordChangesInput')
export abstract class RecordChangesInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you read; a CONFLICT error means the record changed since.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => Classification, {
    nullable: true,
    description: 'A new classification; sharing lists the new level does not use are cleared unless you send them.',
  })
  classification?: Classification | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(PARTNER_CODE, PARTNER_CODES)
  sharedWith?: string[] | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Length(1, 100, { each: true })
  sharedWithUsers?: string[] | null;
}

export interface SharingInput {
  classification?: Classification | null;
  sharedWith?: string[] | null;
  sharedWithUsers?: string[] | null;
}

const AMBER = new Set<Classification>([Classification.AMBER, Classification.AMBER_STRICT]);

/**
 * The sharing a change gives a record. When the classification changes and a list is not sent,
 * the list is kept only if the new level reads it, so that a record made GREEN does not keep an
 * AMBER audience nobody can see any more. checkSharing (writing.ts) then judges the result.
 */
export function changedSharing(problems: InputProblems, current: Sharing, changes: SharingInput): Sharing {
  for (const field of ['classification', 'sharedWith', 'sharedWithUsers'] as const) {
    if (changes[field] === null) problems.add(field, `${field} may not be null; leave it out to keep it as it is`);
  }
  const classification = changes.classification ?? current.classification;
  return {
    classification,
    sharedWith: changes.sharedWith ?? (AMBER.has(classification) ? current.sharedWith : []),
    sharedWithUsers: changes.sharedWithUsers ?? (classification === Classification.RED ? current.sharedWithUsers : []),
  };
}

/**
 * `current` with the fields of `changes` that are set. Absent keeps a field as it is; null clears a
 * field listed in `clearable` and is refused for any other, naming it.
 */
export function applyChanges<T extends object>(
  problems: InputProblems,
  current: T,
  changes: object,
  fields: readonly (keyof T & string)[],
  clearable: readonly (keyof T & string)[] = [],
): T {
  const next = { ...current } as Record<string, unknown>;
  const given = changes as Record<string, unknown>;
  for (const field of fields) {
    const value = given[field];
    if (value === undefined) continue;
    if (value === null && !clearable.includes(field)) problems.add(field, `${field} may not be null; leave it out to keep it as it is`);
    else next[field] = value;
  }
  return next as T;
}
