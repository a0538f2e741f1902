// The audit trail's storage since migration AuditLayout (one per subgraph, each calling these with its
// schema): changes one row each in audit_event, reads and aggregates one row per request, action,
// record type and owner in audit_read (the ids in record_ids, their classifications in the parallel
// classifications), both keyed by one bigint sequence and partitioned by month on `at`. The
// existing rows move into the new layout. Frozen: a later layout gets a migration of its own.
// A new subgraph creates the same layout in its first migration with audit-trail-tables.ts.
import type { QueryRunner } from 'typeorm';

/** The SQL that creates partition `month` (a date) of both tables, with the append-only triggers on each. */
export function partitionFunction(s: string): string {
  return `CREATE FUNCTION "${s}".audit_partition(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  suffix text := to_char(month, '"y"YYYY"m"MM');
  lower_bound timestamptz := date_trunc('month', month::timestamp) AT TIME ZONE 'UTC';
  upper_bound timestamptz := (date_trunc('month', month::timestamp) + interval '1 month') AT TIME ZONE 'UTC';
  parent text;
BEGIN
  FOREACH parent IN ARRAY ARRAY['audit_event', 'audit_read'] LOOP
    IF to_regclass(format('%I.%I', '${s}', parent || '_' || suffix)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)', '${s}', parent || '_' || suffix, '${s}', parent, lower_bound, upper_bound);
      EXECUTE format('CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON %I.%I FOR EACH STATEMENT EXECUTE FUNCTION %I.audit_event_append_only()', '${s}', parent || '_' || suffix, '${s}');
      EXECUTE format('CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON %I.%I FOR EACH STATEMENT EXECUTE FUNCTION %I.audit_event_append_only()', '${s}', parent || '_' || suffix, '${s}');
    END IF;
  END LOOP;
END $$`;
}

export const COMMON = (s: string) =>
  `"id" bigint NOT NULL DEFAULT nextval('"${s}"."audit_event_seq"'), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "subgraph" character varying(20) NOT NULL, "action" "${s}"."audit_action" NOT NULL, "actor_sub" character varying(200), "actor_org" character varying(16), "operation_name" character varying(200), "record_type" character varying(60) NOT NULL`;

/** Every month from the oldest row's (or this one) to two months ahead, so that every row, old or new, has its partition. */
export const PARTITIONS_FOR = (s: string, oldest: string) =>
  `SELECT "${s}".audit_partition(m::date) FROM generate_series(date_trunc('month', LEAST(COALESCE((${oldest}), now()), now()) AT TIME ZONE 'UTC'), date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months', interval '1 month') AS m`;

export function appendOnly(s: string, table: string): string[] {
  return [
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${s}"."${table}" FOR EACH STATEMENT EXECUTE FUNCTION "${s}".audit_event_append_only()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${s}"."${table}" FOR EACH STATEMENT EXECUTE FUNCTION "${s}".audit_event_append_only()`,
  ];
}

/** The layout's sequence, both tables, their indexes and append-only triggers, and the partition function. */
export function layoutStatements(s: string): string[] {
  return [
    `CREATE SEQUENCE "${s}"."audit_event_seq" AS bigint`,
    `CREATE TABLE "${s}"."audit_event" (${COMMON(s)}, "record_id" character varying(100) NOT NULL, "record_owner_org" character varying(16) NOT NULL, "classification" "${s}"."classification" NOT NULL, CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id", "at"), CONSTRAINT "audit_event_is_change" CHECK ("action" NOT IN ('READ', 'AGGREGATE'))) PARTITION BY RANGE ("at")`,
    `CREATE TABLE "${s}"."audit_read" (${COMMON(s)}, "record_owner_org" character varying(16) NOT NULL, "record_ids" character varying(100)[] NOT NULL, "classifications" "${s}"."classification"[] NOT NULL, CONSTRAINT "audit_read_pkey" PRIMARY KEY ("id", "at"), CONSTRAINT "audit_read_is_read" CHECK ("action" IN ('READ', 'AGGREGATE')), CONSTRAINT "audit_read_parallel" CHECK (cardinality("record_ids") = cardinality("classifications"))) PARTITION BY RANGE ("at")`,
    `CREATE INDEX "audit_event_owner_at" ON "${s}"."audit_event" ("record_owner_org", "at")`,
    `CREATE INDEX "audit_event_record" ON "${s}"."audit_event" ("record_id")`,
    `CREATE INDEX "audit_read_owner_at" ON "${s}"."audit_read" ("record_owner_org", "at")`,
    `CREATE INDEX "audit_read_records" ON "${s}"."audit_read" USING gin ("record_ids")`,
    ...appendOnly(s, 'audit_event'),
    ...appendOnly(s, 'audit_read'),
    partitionFunction(s),
  ];
}

export async function auditLayoutUp(queryRunner: QueryRunner, s: string): Promise<void> {
  const statements = [
    `ALTER TABLE "${s}"."audit_event" RENAME TO "audit_event_uuid"`,
    ...layoutStatements(s),
    PARTITIONS_FOR(s, `SELECT min("at") FROM "${s}"."audit_event_uuid"`),
    // The old rows, oldest first: changes as they were; the reads of one request's flush (one
    // INSERT, so one `at`) grouped as the recorder now writes them.
    `INSERT INTO "${s}"."audit_event" ("at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_id", "record_owner_org", "classification")
       SELECT "at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_id", "record_owner_org", "classification"
         FROM "${s}"."audit_event_uuid" WHERE "action" NOT IN ('READ', 'AGGREGATE') ORDER BY "at", "id"`,
    `INSERT INTO "${s}"."audit_read" ("at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_owner_org", "record_ids", "classifications")
       SELECT "at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_owner_org", array_agg("record_id" ORDER BY "id"), array_agg("classification" ORDER BY "id")
         FROM "${s}"."audit_event_uuid" WHERE "action" IN ('READ', 'AGGREGATE')
        GROUP BY "at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_owner_org" ORDER BY "at"`,
    // Dropping the old table is the migration's one removal; its triggers and indexes go with it.
    `DROP TABLE "${s}"."audit_event_uuid"`,
  ];
  for (const sql of statements) await queryRunner.query(sql);
}

export async function auditLayoutDown(queryRunner: QueryRunner, s: string): Promise<void> {
  const statements = [
    `CREATE TABLE "${s}"."audit_event_uuid" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "subgraph" character varying(20) NOT NULL, "action" "${s}"."audit_action" NOT NULL, "actor_sub" character varying(200), "actor_org" character varying(16), "operation_name" character varying(200), "record_type" character varying(60) NOT NULL, "record_id" character varying(100) NOT NULL, "record_owner_org" character varying(16) NOT NULL, "classification" "${s}"."classification" NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    `INSERT INTO "${s}"."audit_event_uuid" ("at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_id", "record_owner_org", "classification")
       SELECT "at", "subgraph", "action", "actor_sub", "actor_org", "operation_name", "record_type", "record_id", "record_owner_org", "classification" FROM "${s}"."audit_event"
       UNION ALL
       SELECT r."at", r."subgraph", r."action", r."actor_sub", r."actor_org", r."operation_name", r."record_type", u."record_id", r."record_owner_org", u."classification"
         FROM "${s}"."audit_read" r CROSS JOIN LATERAL unnest(r."record_ids", r."classifications") AS u("record_id", "classification")`,
    `DROP TABLE "${s}"."audit_read"`,
    `DROP TABLE "${s}"."audit_event"`,
    `DROP FUNCTION "${s}".audit_partition(date)`,
    `DROP SEQUENCE "${s}"."audit_event_seq"`,
    `ALTER TABLE "${s}"."audit_event_uuid" RENAME TO "audit_event"`,
    `CREATE INDEX "IDX_a27d8c00555b6b4cfaf48cc9ee" ON "${s}"."audit_event" ("record_id")`,
    `CREATE INDEX "IDX_3b7f3fb6db109d13ba5f558ec4" ON "${s}"."audit_event" ("record_owner_org", "at")`,
    `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "${s}"."audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "${s}".audit_event_append_only()`,
    `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "${s}"."audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "${s}".audit_event_append_only()`,
  ];
  for (const sql of statements) await queryRunner.query(sql);
}
