import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/database';

async function snapshot(db: DataSource, schema: string): Promise<Record<string, unknown>> {
  const tables: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY table_name`,
    [schema],
  );
  const result: Record<string, unknown> = {};
  for (const { table_name } of tables) {
    // md5 of every row in a stable order: any changed, added or removed row changes it.
    const [row] = await db.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${schema}"."${table_name}" t`,
    );
    result[table_name] = row;
  }
  return result;
}

describe.each(SUBGRAPHS.map((s) => [s.name, s] as const))('%s subgraph database', (name, module) => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openSubgraphDatabase({ schema: module.name, entities: module.entities, migrations: module.migrations, target: database.target });
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('has committed migrations that match its entities exactly', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps its tables in its own schema', async () => {
    const schemas: { table_schema: string }[] = await db.query(
      `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(schemas.map((s) => s.table_schema)).toEqual([name]);
  });

  it('seeds idempotently: a second run changes nothing', async () => {
    await seedSubgraph(module, db);
    const first = await snapshot(db, name);
    expect(Object.values(first).some((t) => (t as { rows: number }).rows > 0)).toBe(true);
    await seedSubgraph(module, db);
    expect(await snapshot(db, name)).toEqual(first);
  });
});
