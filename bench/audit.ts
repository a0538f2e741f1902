// How much the audit trail grows per dashboard view: the size on disk (table, indexes and TOAST,
// all partitions included) and the rows of every subgraph's audit table, before and after a counted
// number of views, scaled to 1,000 views.
import type pg from 'pg';

export interface AuditTableSize {
  table: string;
  bytes: number;
  rows: number;
}

export interface AuditGrowth {
  views: number;
  /** Per audit table: bytes and rows added per 1,000 dashboard views. */
  per1000Views: AuditTableSize[];
}

/** Every subgraph's audit tables (a partitioned table counted with its partitions), by schema-qualified name. */
export async function auditTableSizes(db: pg.Client): Promise<AuditTableSize[]> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname LIKE 'audit%' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1`,
  );
  const sizes: AuditTableSize[] = [];
  for (const { name } of tables) {
    const {
      rows: [size],
    } = await db.query<{ bytes: string }>(
      // pg_partition_tree lists nothing for a table that is not partitioned.
      'SELECT COALESCE((SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree($1::regclass)), pg_total_relation_size($1::regclass))::bigint AS bytes',
      [name],
    );
    const {
      rows: [count],
    } = await db.query<{ rows: string }>(`SELECT count(*) AS rows FROM ${name}`);
    sizes.push({ table: name, bytes: Number(size.bytes), rows: Number(count.rows) });
  }
  return sizes;
}

/** Runs `views` dashboard views and reports what each audit table gained, per 1,000 views. */
export async function measureAuditGrowth(db: pg.Client, views: number, view: () => Promise<void>): Promise<AuditGrowth> {
  const before = await auditTableSizes(db);
  await view();
  // A trail written after the answer (batched) has a moment to land.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await auditTableSizes(db);
  return {
    views,
    per1000Views: after.map((table) => {
      const earlier = before.find((t) => t.table === table.table) ?? { bytes: 0, rows: 0 };
      return { table: table.table, bytes: ((table.bytes - earlier.bytes) * 1000) / views, rows: ((table.rows - earlier.rows) * 1000) / views };
    }),
  };
}
