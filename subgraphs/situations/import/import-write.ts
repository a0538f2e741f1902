// Writes what a batch's plan decided, inside the batch's transaction: the new sources, the new
// incidents, their floors, the updates (each checked against the version read) and the audit
// trail's entry for every change. A source or incident someone else wrote meanwhile throws
// ConcurrentChange, and the importer redoes the rows.
import type { EntityManager, EntityTarget } from 'typeorm';
import { AuditAction, AuditEvent } from '../../kernel/audit/audit-event.entity';
import { raiseFloors } from '../../kernel/policy/record-floor';
import { ownership, type Classification } from '../../kernel/policy/ownership';
import { Incident } from '../entities/incident.entity';
import { Source } from '../entities/source.entity';
import type { Settings } from './import-options';
import { COMPARED, type BatchPlan, type NewSource } from './import-plan';

/** Someone else changed a row the batch read; its rows are redone. */
export class ConcurrentChange extends Error {}

/** Columns a created incident is written with; the rest keep their database defaults. */
const INSERTED = [...COMPARED, 'id', 'externalId', 'ownerOrg', 'createdByOrg', 'sharedWithUsers', 'version'] as const;
/** An audit entry's columns; its id comes from the trail's own sequence. */
const AUDITED = [
  'subgraph',
  'action',
  'actorSub',
  'actorOrg',
  'operationName',
  'recordType',
  'recordId',
  'recordOwnerOrg',
  'classification',
] as const;
const INSERT_CHUNK = 1000;

export async function writePlan(manager: EntityManager, settings: Settings, plan: BatchPlan): Promise<void> {
  const createdSources = await createSources(manager, settings, plan.sources);
  if (plan.creates.length > 0) {
    await insertRows(
      manager,
      Incident,
      INSERTED,
      plan.creates.map((record) => ({ ...record, version: 1 })),
    );
  }
  await raiseFloors(manager, plan.floors);
  for (const update of plan.updates) {
    const done = await manager
      .createQueryBuilder()
      .update(Incident)
      .set(update.changes)
      .where('id = :id AND version = :version', { id: update.id, version: update.version })
      .updateEntity(false)
      .execute();
    // The version check turns a change made by someone else since the read into a retry, not a lost update.
    if (done.affected !== 1) throw new ConcurrentChange();
  }
  const audit = (action: AuditAction, recordType: string, record: { id: string; classification: Classification }) =>
    auditEvent(manager, settings, action, recordType, record);
  const changed = [
    ...createdSources.map((source) => audit(AuditAction.CREATE, 'Source', source)),
    ...plan.creates.map((record) => audit(AuditAction.CREATE, 'Incident', record)),
    ...plan.updates.map((update) => audit(AuditAction.UPDATE, 'Incident', update)),
  ];
  if (changed.length > 0) await insertRows(manager, AuditEvent, AUDITED, changed);
}

/**
 * A plain multi-row INSERT. TypeORM's insert builder spends more time juggling named parameters
 * than PostgreSQL spends storing the rows (about 5 s per 100,000 incidents); the table and column
 * names still come from the entity's metadata, so a renamed column cannot be missed here.
 */
async function insertRows<T>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  properties: readonly string[],
  records: Record<string, unknown>[],
): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const found = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    return column;
  });
  const columns = found.map((column) => `"${column.databaseName}"`);
  // node-postgres writes a JavaScript array as a PostgreSQL array: a jsonb column (an incident's groups) is sent as JSON text.
  const json = new Set(found.filter((column) => column.type === 'jsonb').map((column) => column.propertyName));
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    const params: unknown[] = [];
    const rows = records.slice(start, start + INSERT_CHUNK).map((record) => {
      const placeholders = properties.map((property) => {
        const value = record[property] ?? null;
        params.push(value !== null && json.has(property) ? JSON.stringify(value) : value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO ${metadata.tablePath} (${columns.join(', ')}) VALUES ${rows.join(', ')}`, params);
  }
}

/**
 * Creates the sources stored rows cite that the organisation does not have yet. A new source
 * gets the import's classification: a source's name can itself be sensitive, so it is shared no
 * wider than the incidents citing it. Its type and base come from the first row naming it, the region
 * it covers from that row's country; a source already stored keeps its own.
 */
async function createSources(
  manager: EntityManager,
  settings: Settings,
  sources: NewSource[],
): Promise<{ id: string; classification: Classification }[]> {
  if (sources.length === 0) return [];
  const { classification, sharedWith } = settings.created;
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Source)
    .values(
      sources.map(({ id, name, type, region, baseCountryIso3 }) => ({
        id,
        name,
        type,
        region,
        baseCountryIso3,
        url: null,
        ...ownership({ ownerOrg: settings.org, classification, sharedWith }),
      })),
    )
    .orIgnore()
    .updateEntity(false)
    .returning(['id'])
    .execute();
  // Another import created one of these sources since the lookup: redo the rows, which will now find it.
  if ((inserted.raw as unknown[]).length !== sources.length) throw new ConcurrentChange();
  return sources.map(({ id }) => ({ id, classification }));
}

/** The audit trail's entry for a change the import makes, written in the change's own transaction. */
function auditEvent(
  manager: EntityManager,
  settings: Settings,
  action: AuditAction,
  recordType: string,
  record: { id: string; classification: Classification },
): Record<string, unknown> {
  return {
    subgraph: manager.connection.getMetadata(Incident).schema,
    action,
    actorSub: settings.audit.actorSub,
    actorOrg: settings.org,
    operationName: settings.audit.operationName,
    recordType,
    recordId: record.id,
    recordOwnerOrg: settings.org,
    classification: record.classification,
  };
}
