// Seed data for the cewarn subgraph. Reference data: none (the reports are all illustrative).
// Illustrative data, loaded only when seeding is on (SEED_ON_START, off in production): the
// reports of data/reports.ts, owned by IGAD. Idempotent: ids derive from the reports' keys and rows
// already present are left alone.
import type { DataSource } from 'typeorm';
import { illustrativeSituationId, insertMissing, ownership, stableId } from '@hub/kernel';
import { REPORTS } from './data/reports';
import { FieldReport } from './entities/field-report.entity';
import { OWNER_ORG } from './resolvers/field-report.mutation';

export async function seedReference(_db: DataSource): Promise<void> {
  // This subgraph holds no reference data; a partner's would load it here, on every start.
}

export async function seedIllustrative(db: DataSource): Promise<void> {
  await db.transaction((manager) =>
    insertMissing(
      manager,
      FieldReport,
      REPORTS.map(({ key, situation, sharing, ...report }) => ({
        id: stableId('cewarn-field-report', key),
        ...report,
        situationId: situation ? illustrativeSituationId(situation) : null,
        ...ownership({ ownerOrg: OWNER_ORG, ...sharing }),
      })),
    ),
  );
}
