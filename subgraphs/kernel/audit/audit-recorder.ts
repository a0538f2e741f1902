// Collects the audit events of one request: reads of sensitive records, noted as the request runs
// and written in one statement when it ends, and changes, written inside their own transaction.
import type { EntityManager } from 'typeorm';
import { Classification } from '../policy/ownership';
import { AuditAction, AuditEvent, type AuditedRecord } from './audit-event.entity';

const SENSITIVE = new Set<string>([Classification.AMBER, Classification.AMBER_STRICT, Classification.RED]);

/** Collects one request's audit events and writes them in one statement when the request ends. */
export class AuditRecorder {
  private readonly pending: Partial<AuditEvent>[] = [];
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
      this.pending.push(this.event(action, recordType, id, record));
    }
  }

  /** Changes are written inside the change's own transaction, so none goes unrecorded. */
  async change(manager: EntityManager, action: AuditAction, recordType: string, id: string, record: AuditedRecord): Promise<void> {
    await manager.insert(AuditEvent, this.event(action, recordType, id, record));
  }

  async flush(manager: EntityManager): Promise<void> {
    if (this.pending.length === 0) return;
    const events = this.pending.splice(0);
    await manager.insert(AuditEvent, events);
  }

  private event(action: AuditAction, recordType: string, recordId: string, record: AuditedRecord): Partial<AuditEvent> {
    return {
      subgraph: this.subgraph,
      action,
      actorSub: this.actor.sub,
      actorOrg: this.actor.org,
      operationName: this.operationName?.slice(0, 200) ?? null,
      recordType,
      recordId,
      recordOwnerOrg: record.ownerOrg,
      classification: record.classification,
    };
  }
}
