// An illustrative partner subgraph, and the model for one: IGAD's early warning mechanism (CEWARN)
// brings its field reports to the hub as a subgraph of its own, built on the hub's kernel as a
// package (`@hub/kernel`, its only import of the hub's code), composed into the supergraph beside
// ours. It contributes Country.cewarnReports and Situation.cewarnReports, and IGAD's admins read
// who read its reports in cewarnAuditTrail. `node dist/partners-contrib/igad-cewarn` runs it; the
// manifest entry (schema/subgraphs.json, module "partners-contrib/igad-cewarn") has `npm start`
// start it. README "A partner's own subgraph" walks through it.
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
