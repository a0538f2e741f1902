// IGAD's cewarn subgraph: its CEWARN field reports, brought to the hub as a subgraph of
// its own, built on the hub's kernel as a package (`@hub/kernel`, its only import of the hub's
// code) and composed into the supergraph beside ours. It contributes Country.cewarnReports and
// Situation.cewarnReports; IGAD's editors write with reportCewarnField, and its admins read
// who read its reports in cewarnAuditTrail. Its manifest entry (schema/subgraphs.json) gives its
// port and has `npm start` start it; alone, it runs from its compiled folder:
// `node dist/partners-contrib/igad-cewarn`.
// README "Adding a partner subgraph" and "A partner's own subgraph" walk through it.
import 'reflect-metadata';
import { runSubgraph, type SubgraphModule } from '@hub/kernel';
import { FieldReport } from './entities/field-report.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { buildCewarnSchema } from './schema';
import { seedIllustrative, seedReference } from './seed';

export const cewarn: SubgraphModule = {
  name: 'cewarn',
  // Only this subgraph's own tables: the kernel adds its audit trail and idempotency keys.
  entities: [FieldReport],
  migrations,
  createLoaders,
  buildSchema: buildCewarnSchema,
  seedReference,
  seedIllustrative,
};

if (require.main === module) void runSubgraph(cewarn);
