// Collects the audit events of one request: reads of sensitive records, noted as the request runs
// and written when it ends in one prepared statement that stores one audit_read row per action,
// record type and owner (the ids in an array), and changes, written one row each inside their own
// transaction.
import type { EntityManager } from 'typeorm';
import { Classification } from '../policy/ownership';
import { AuditAction, AuditEvent, type AuditedRecord } from './audit-event.entity';

const SENSITIVE = new Set<string>([Classification.AMBER, Classification.AMBER_STRICT, Classification.RED]);

/** The statement that writes a request's reads: its records, one per array position, grouped into one row per action, type and owner. */
export function readsStatement(schema: string): { name: string; text: string } {
  return {
    name: `audit_reads_${schema}`,
    text: `INSERT INTO "${schema}"."audit_read" ("subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_owner_org", "record_ids", "classifications")
SELECT $1, r.action, $2, $3, $4, r.record_type, r.owner_org, array_agg(r.record_id ORDER BY r.n), array_agg(r.classification ORDER BY r.n)
FROM unnest($5::"${schema}"."audit_action"[], $6::varchar[], $7::varchar[], $8::varchar[], $9::"${schema}"."classification"[]) WITH ORDINALITY AS r(action, record_type, owner_org, record_id, classification, n)
GROUP BY r.action, r.record_type, r.owner_org`,
  };
}

/** The driver's connection (node-postgres's client, or the PGlite pool's), which takes a named statement. */
interface StatementClient {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

interface NotedRead {
  action: AuditAction.READ | AuditAction.AGGREGATE;
  recordType: string;
  recordId: string;
  record: AuditedRecord;
}

/** Collects one request's audit events and writes them in one statement when the request ends. */
export class AuditRecorder {
  private readonly pending: NotedRead[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly subgraph: string,
    private readonly actor: { sub: string | null; org: string | null },
    private readonly operationName: string | null,
  ) {}

  /** Notes reads of sensitive records; a record read several times in a request is noted once. */
  reads<R extends AuditedRecord>(
    recordType: string,
    records: Iterable<R>,
    idOf: (record: R) => string,
    action: AuditAction.READ | AuditAction.AGGREGATE = AuditAction.READ,
  ): void {
    for (const record of records) {
      if (!SENSITIVE.has(record.classification)) continue;
      const id = idOf(record);
      const key = `${action}:${recordType}:${id}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.pending.push({ action, recordType, recordId: id, record });
    }
  }

  /** Changes are written inside the change's own transaction, so none goes unrecorded. */
  async change(manager: EntityManager, action: AuditAction, recordType: string, id: string, record: AuditedRecord): Promise<void> {
    await manager.insert(AuditEvent, {
      subgraph: this.subgraph,
      action,
      actorSub: this.actor.sub,
      actorOrg: this.actor.org,
      operationName: this.operationName?.slice(0, 200) ?? null,
      recordType,
      recordId: id,
      recordOwnerOrg: record.ownerOrg,
      classification: record.classification,
    });
  }

  /** Writes the reads noted so far, as one named prepared statement on the driver's own connection. */
  async flush(manager: EntityManager): Promise<void> {
    if (this.pending.length === 0) return;
    const reads = this.pending.splice(0);
    const schema = manager.connection.driver.schema ?? this.subgraph;
    const statement = {
      ...readsStatement(schema),
      values: [
        this.subgraph,
        this.actor.sub,
        this.actor.org,
        this.operationName?.slice(0, 200) ?? null,
        reads.map((r) => r.action),
        reads.map((r) => r.recordType),
        reads.map((r) => r.record.ownerOrg),
        reads.map((r) => r.recordId),
        reads.map((r) => r.record.classification),
      ],
    };
    // Logged as TypeORM logs its own statements, so that the hub's statement counts include it.
    manager.connection.logger.logQuery(statement.text, statement.values);
    const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
    try {
      const client = (await runner.connect()) as StatementClient;
      await client.query(statement);
    } finally {
      if (!manager.queryRunner) await runner.release();
    }
  }
}
