// The audit trail's tables for a subgraph that starts today: its first migration calls
// createAuditTrail(queryRunner, '<schema>') after the statements generated for its own entities
// (scripts/generate-migration.ts writes the call). It creates what our four subgraphs reached
// through their AuditTrail, Confidentiality and AuditLayout migrations: the audit_action enum,
// the append-only trigger function, audit_event and audit_read partitioned by month, their
// indexes and triggers, the partition function, and the partitions from this month to two ahead.
// The audit entity is synchronize: false (TypeORM does not model partitioned tables), so no
// generated statement creates these.
import type { QueryRunner } from 'typeorm';
import { layoutStatements, PARTITIONS_FOR } from './audit-layout';

export async function createAuditTrail(queryRunner: QueryRunner, s: string): Promise<void> {
  const statements = [
    // The records' classification enum, unless the subgraph's own tables created it already.
    `DO $$ BEGIN CREATE TYPE "${s}"."classification" AS ENUM('CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'); EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    `CREATE TYPE "${s}"."audit_action" AS ENUM('READ', 'AGGREGATE', 'CREATE', 'UPDATE', 'DELETE')`,
    `CREATE FUNCTION "${s}".audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`,
    ...layoutStatements(s),
    PARTITIONS_FOR(s, 'SELECT NULL::timestamptz'),
  ];
  for (const sql of statements) await queryRunner.query(sql);
}

/** Undoes createAuditTrail (the classification enum stays: the subgraph's own tables' down drops it). */
export async function dropAuditTrail(queryRunner: QueryRunner, s: string): Promise<void> {
  const statements = [
    `DROP TABLE "${s}"."audit_read"`,
    `DROP TABLE "${s}"."audit_event"`,
    `DROP FUNCTION "${s}".audit_partition(date)`,
    `DROP SEQUENCE "${s}"."audit_event_seq"`,
    `DROP FUNCTION "${s}".audit_event_append_only()`,
    `DROP TYPE "${s}"."audit_action"`,
  ];
  for (const sql of statements) await queryRunner.query(sql);
}
