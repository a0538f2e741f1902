// Citations of records another subgraph owns, the one path a derived record takes to learn what it
// cites (README "Who sees what", no write-down). The owning subgraph resolves every cited record
// through `_entities`, under its policy for the writer, so a record the writer may not read comes
// back null exactly as a missing one does, and is refused in the same words. What is found becomes
// the derived record's floors (record-floor.ts), with every floor of each cited record (its
// situation, its source, what it cited before): a cited record is read only by those who may read
// all it derives from, so its citer is too, and follows each of them when they change.
import { Directive, Field, ObjectType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Classification } from './ownership';
import { citedRecord, floorsOfMany, type CitedRecord } from './record-floor';

/**
 * A record another was derived from, with its readership now: what a citer in another subgraph
 * must take as floors too. Internal (peer calls only); the reader may read the record it hangs on,
 * so may read each of these, and named users are shown to their owner organisation only.
 */
@Directive('@inaccessible')
@ObjectType({ description: 'Internal: a record the record was derived from, and who may read it now.' })
export class DerivedFrom {
  @Field({ description: 'Its type, e.g. "Situation".' })
  type: string;

  @Field({ description: 'Its id.' })
  id: string;

  @Field({ description: 'Code of the organisation that owns it.' })
  ownerOrg: string;

  @Field(() => Classification, { description: 'Its classification now.' })
  classification: Classification;

  @Field(() => [String], { description: 'The organisations it is shared with now.' })
  sharedWith: string[];

  @Field(() => [String], { description: 'Shown to the owner organisation only: [] for everyone else.' })
  sharedWithUsers: string[];
}

/** The floors of `recordId` as DerivedFrom, for the `derivedFrom` field of a citable record. */
export async function derivedFrom(manager: EntityManager, viewerOrg: string | null, recordId: string): Promise<DerivedFrom[]> {
  const floors = (await floorsOfMany(manager, [recordId])).get(recordId) ?? [];
  return floors.map((floor) => ({ ...floor, sharedWithUsers: floor.ownerOrg === viewerOrg ? floor.sharedWithUsers : [] }));
}

/** The records of one type a field of the derived record cites. */
export interface CitationRequest {
  /** The input field that names them, used in refusals. */
  field: string;
  /** Their GraphQL type in the owning subgraph, e.g. "RiskAssessment". */
  type: string;
  /** What a refusal calls one of them, e.g. "assessment". */
  noun: string;
  ids: readonly string[];
  /** Whether each carries floors of its own (`derivedFrom`: assessments, incidents), which become the citer's too. */
  withFloors?: boolean;
}

const READERSHIP = 'id ownerOrg classification sharedWith sharedWithUsers';

interface Readable {
  id: string;
  ownerOrg: string;
  classification: Classification;
  sharedWith: string[];
  // Shown to the owner organisation only: null for everyone else, who may not cite a RED record anyway.
  sharedWithUsers: string[] | null;
}

/** What `_entities` answers for one cited record: its readership, anything else the query asked for, its situation's. */
export type CitedAnswer = (Readable & { derivedFrom?: (Readable & { type: string })[] } & Record<string, unknown>) | null;

/** The `_entities` representations of every cited record, in request order. */
export function citationRepresentations(requests: readonly CitationRequest[]): { __typename: string; id: string }[] {
  return requests.flatMap((request) => request.ids.map((id) => ({ __typename: request.type, id })));
}

/** The selection of `_entities` that answers `requests`; `extra` adds fields per type (e.g. a situation's country). */
export function citationSelection(requests: readonly CitationRequest[], extra: Record<string, string> = {}): string {
  const types = new Map<string, CitationRequest>();
  for (const request of requests) types.set(request.type, request);
  return [...types.values()]
    .map((r) => `... on ${r.type} { ${READERSHIP} ${extra[r.type] ?? ''} ${r.withFloors ? `derivedFrom { type ${READERSHIP} }` : ''} }`)
    .join(' ');
}

const readership = (type: string, found: Readable): CitedRecord => citedRecord(type, { ...found, sharedWithUsers: found.sharedWithUsers ?? [] });

/**
 * The floors the cited records set, from `_entities`' answer in the order of citationRepresentations.
 * A record not found, or found but not readable by the writer (the same null), is noted on
 * `problems` as unknown, never as forbidden, so a refusal reveals nothing a lookup would not.
 */
export function citedRecords(
  problems: { add(field: string, message: string): void },
  requests: readonly CitationRequest[],
  answers: readonly CitedAnswer[],
): { cited: CitedRecord[]; found: Map<string, NonNullable<CitedAnswer>> } {
  const cited: CitedRecord[] = [];
  const found = new Map<string, NonNullable<CitedAnswer>>();
  let at = 0;
  for (const request of requests) {
    const unknown: string[] = [];
    for (const id of request.ids) {
      const answer = answers[at++] ?? null;
      if (!answer) {
        unknown.push(id);
        continue;
      }
      found.set(`${request.type}:${id}`, answer);
      cited.push(readership(request.type, answer));
      for (const floor of answer.derivedFrom ?? []) cited.push(readership(floor.type, floor));
    }
    if (unknown.length > 0)
      problems.add(
        request.field,
        `${request.field}: unknown ${request.noun}${unknown.length === 1 ? '' : 's'} ${unknown.map((id) => JSON.stringify(id)).join(', ')}`,
      );
  }
  return { cited, found };
}
