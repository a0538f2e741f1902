// The cewarn subgraph on its own, written by `npm run subgraph:new` and run by `npm test` (jest
// finds the tests under partners-contrib/*/test/): its database on an embedded PGlite, migrated,
// and its schema built from code; no other service. Through the gateway, with the hub's other
// subgraphs, it answers README "Adding a partner subgraph"'s walk.
import 'reflect-metadata';
import type { GraphQLObjectType } from 'graphql';
import type { DataSource } from 'typeorm';
import { KERNEL_ENTITIES, openPGlite, openSubgraphDatabase } from '@hub/kernel';
import { REPORTS } from '../data/reports';
import { FieldReport } from '../entities/field-report.entity';
import { cewarn } from '../index';
import { OWNER_ORG } from '../resolvers/field-report.mutation';

describe('the cewarn subgraph', () => {
  let close: () => Promise<void>;
  let db: DataSource;

  beforeAll(async () => {
    const gate = await openPGlite();
    close = () => gate.close();
    db = await openSubgraphDatabase({
      schema: cewarn.name,
      entities: cewarn.entities,
      migrations: cewarn.migrations,
      target: { kind: 'pglite', gate },
    });
  });

  afterAll(async () => {
    await db?.destroy();
    await close?.();
  });

  it('has a first migration that matches its entities and the kernel’s exactly', async () => {
    expect(db.entityMetadatas.map((m) => m.target)).toEqual(expect.arrayContaining([...KERNEL_ENTITIES]));
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'cewarn' AND table_name NOT LIKE '%\\_y%' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(['audit_event', 'audit_read', 'field_report', 'idempotency_key', 'migrations']);
  });

  it('keeps its audit trail append-only', async () => {
    await expect(db.query(`DELETE FROM "cewarn"."audit_read"`)).rejects.toThrow(/append-only/);
  });

  it('seeds its illustrative reports once, every one owned by IGAD', async () => {
    await cewarn.seedIllustrative(db);
    await cewarn.seedIllustrative(db);
    const reports = await db.getRepository(FieldReport).find();
    expect(reports).toHaveLength(REPORTS.length);
    expect(new Set(reports.map((r) => r.ownerOrg))).toEqual(new Set([OWNER_ORG]));
  });

  it('contributes Country.cewarnReports and Situation.cewarnReports', async () => {
    const schema = await cewarn.buildSchema();
    for (const entity of ['Country', 'Situation']) {
      expect(Object.keys((schema.getType(entity) as GraphQLObjectType).getFields())).toContain('cewarnReports');
    }
  });
});
