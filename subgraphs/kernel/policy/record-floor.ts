// The floor of a derived record (README "Who sees what", no write-down): the readership of each
// record it was ever derived from, kept in the subgraph that holds the derived record. The access
// policy reads a derived record only for a viewer who may also read every one of its floors, so
// the rule holds on every path, whatever a later version cites. A floor is never removed with the
// citation; it follows its source when the source's owner changes who may read the source.
import { isDeepStrictEqual } from 'node:util';
import { Column, Entity, Index, PrimaryColumn, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { SubgraphContext } from '../service/context';
import { logger } from '../../../platform/logger';
import { Classification } from './ownership';
import { askPeer } from '../service/peer';
import type { PeerName } from '../../../platform/peers';
import type { Readership } from './no-write-down';

@Entity({ name: 'record_floor' })
@Index('IDX_record_floor_source', ['sourceId'])
export class RecordFloor {
  @PrimaryColumn({ type: 'uuid', name: 'record_id' })
  recordId: string;

  @PrimaryColumn({ type: 'varchar', length: 100, name: 'source_id' })
  sourceId: string;

  @Column({ type: 'varchar', length: 60, name: 'source_type' })
  sourceType: string;

  @Column({ type: 'varchar', length: 16, name: 'owner_org' })
  ownerOrg: string;

  @Column({ type: 'enum', enum: Classification, enumName: 'classification' })
  classification: Classification;

  @Column({ type: 'varchar', array: true, name: 'shared_with', default: () => "'{}'" })
  sharedWith: string[];

  @Column({ type: 'varchar', array: true, name: 'shared_with_users', default: () => "'{}'" })
  sharedWithUsers: string[];
}

/** A record something is derived from, as the floor keeps it. */
export interface CitedRecord extends Readership {
  type: string;
  id: string;
}

/** The floors `recordId` carries now: what every new version of it is checked against. */
export async function floorsOf(manager: EntityManager, recordId: string): Promise<CitedRecord[]> {
  return (await floorsOfMany(manager, [recordId])).get(recordId) ?? [];
}

/** The floors each of `recordIds` carries now: what every new version of it is checked against. */
export async function floorsOfMany(manager: EntityManager, recordIds: string[]): Promise<Map<string, CitedRecord[]>> {
  const floors = new Map<string, CitedRecord[]>();
  if (recordIds.length === 0) return floors;
  const rows = await manager.getRepository(RecordFloor).createQueryBuilder('f').where('f.record_id IN (:...recordIds)', { recordIds }).getMany();
  for (const row of rows) {
    const list = floors.get(row.recordId) ?? [];
    list.push({
      type: row.sourceType,
      id: row.sourceId,
      ownerOrg: row.ownerOrg,
      classification: row.classification,
      sharedWith: row.sharedWith,
      sharedWithUsers: row.sharedWithUsers,
    });
    floors.set(row.recordId, list);
  }
  return floors;
}

const FLOOR_CHUNK = 1000;

/**
 * Adds each record's cited sources to its floors; a source cited again keeps one floor, at the
 * source's current readership. One statement per thousand floors, so a large import stays cheap.
 */
export async function raiseFloors(manager: EntityManager, entries: { recordId: string; cited: CitedRecord[] }[]): Promise<void> {
  // One row per record and source: ON CONFLICT may not meet the same key twice in one statement.
  const unique = new Map(
    entries.flatMap(({ recordId, cited }) =>
      cited.map((c) => [`${recordId}/${c.id}`, [recordId, c.id, c.type, c.ownerOrg, c.classification, c.sharedWith, c.sharedWithUsers]] as const),
    ),
  );
  const rows = [...unique.values()];
  const table = tableOf(manager, RecordFloor);
  for (let start = 0; start < rows.length; start += FLOOR_CHUNK) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + FLOOR_CHUNK).map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await manager.query(
      `INSERT INTO ${table} (record_id, source_id, source_type, owner_org, classification, shared_with, shared_with_users) VALUES ${values.join(', ')}` +
        ' ON CONFLICT (record_id, source_id) DO UPDATE SET source_type = EXCLUDED.source_type, owner_org = EXCLUDED.owner_org, classification = EXCLUDED.classification, shared_with = EXCLUDED.shared_with, shared_with_users = EXCLUDED.shared_with_users',
      params,
    );
  }
}

/** Where records of this subgraph cite a source: the citing entity and its column holding the source's id (or ids, `array`). */
export interface Citing {
  entity: EntityTarget<ObjectLiteral>;
  column: string;
  array?: boolean;
}

const citesSource = ({ column, array }: Citing, param: string) => (array ? `CAST(${param} AS uuid) = ANY(c.${column})` : `c.${column} = ${param}`);

/**
 * Floors every record of `citing` that cites a source of `sourceEntity` by its current readership,
 * where it has no floor for it yet: for records written before floors were kept, and for seeds,
 * which insert rows directly. One INSERT ... SELECT per citing column.
 */
export async function floorCurrentCitations(
  manager: EntityManager,
  sourceType: string,
  sourceEntity: EntityTarget<ObjectLiteral>,
  citing: Citing[],
): Promise<void> {
  const sources = manager.connection.getMetadata(sourceEntity).tablePath;
  for (const { entity, column, array } of citing) {
    await insertFloorsFrom(
      manager,
      `SELECT c.id, s.id::text, $1, s.owner_org, s.classification, s.shared_with, s.shared_with_users FROM ${tableOf(manager, entity)} c JOIN ${sources} s ON ${array ? `s.id = ANY(c.${column})` : `s.id = c.${column}`}`,
      [sourceType],
    );
  }
}

const tableOf = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>) => manager.connection.getMetadata(entity).tablePath;

/** Adds the floors `select` yields (record, source, type, owner, level, organisations, users), keeping any already there. */
async function insertFloorsFrom(manager: EntityManager, select: string, params: unknown[]): Promise<void> {
  await manager.query(
    `INSERT INTO ${tableOf(manager, RecordFloor)} (record_id, source_id, source_type, owner_org, classification, shared_with, shared_with_users) ${select} ON CONFLICT (record_id, source_id) DO NOTHING`,
    params,
  );
}

/**
 * The source's owner changed who may read it: every floor it set moves with it, narrower or wider,
 * and every record of `citing` that cites it now and has no floor for it yet gets one. Only the
 * source's own write path calls this, inside the transaction that changes the source.
 */
export async function moveFloors(manager: EntityManager, source: CitedRecord, citing: Citing[] = []): Promise<number> {
  for (const cites of citing) {
    await insertFloorsFrom(
      manager,
      `SELECT c.id, $1, $2, $3, $4, $5, $6 FROM ${tableOf(manager, cites.entity)} c WHERE ${citesSource(cites, '$7')}`,
      [source.id, source.type, source.ownerOrg, source.classification, source.sharedWith, source.sharedWithUsers, source.id],
    );
  }
  const result = await manager
    .createQueryBuilder()
    .update(RecordFloor)
    .set({ ownerOrg: source.ownerOrg, classification: source.classification, sharedWith: source.sharedWith, sharedWithUsers: source.sharedWithUsers })
    .where('source_id = :id', { id: source.id })
    .execute();
  return result.affected ?? 0;
}

export function citedRecord(type: string, record: Readership & { id: string }): CitedRecord {
  return {
    type,
    id: record.id,
    ownerOrg: record.ownerOrg,
    classification: record.classification,
    sharedWith: record.sharedWith,
    sharedWithUsers: record.sharedWithUsers,
  };
}

export function sharingChanged(before: Readership, after: Readership): boolean {
  return (
    before.classification !== after.classification ||
    !isDeepStrictEqual(before.sharedWith, after.sharedWith) ||
    !isDeepStrictEqual(before.sharedWithUsers, after.sharedWithUsers)
  );
}

/** How many records one followCitedRecords call names; followInPeer sends more in several calls. */
export const FOLLOWED_PER_CALL = 500;

/**
 * Tells `peer`, which keeps records derived from the records `sourceIds` of type `sourceType` (situations,
 * assessments or incidents), that their readership or what they derive from changed. The peer asks this
 * subgraph for each record's readership itself, so the call can only ever bring its floors to the truth. A
 * peer that cannot be reached keeps its floors until the next change; the failure is logged for the operator.
 */
export async function followInPeer(ctx: SubgraphContext, peer: PeerName, sourceIds: readonly string[], sourceType = 'Situation'): Promise<void> {
  for (let start = 0; start < sourceIds.length; start += FOLLOWED_PER_CALL) {
    const ids = sourceIds.slice(start, start + FOLLOWED_PER_CALL);
    try {
      await askPeer(ctx, peer, 'mutation FollowCitedRecords($type: String!, $ids: [ID!]!) { followCitedRecords(type: $type, ids: $ids) }', {
        type: sourceType,
        ids,
      });
    } catch (error) {
      logger.error('derived records could not follow changed records they cite', { peer, type: sourceType, sources: ids, error });
    }
  }
}
