// The situations subgraph: country situations, risk assessments against the Framework of
// Analysis, incidents and their sources. `node dist/subgraphs/situations` runs it.
import 'reflect-metadata';
import { runSubgraph, type SubgraphModule } from '../kernel/service/subgraph-service';
import { RecordFloor } from '../kernel/policy/record-floor';
import { Framework, Indicator, RiskFactor } from './entities/framework.entity';
import { Incident } from './entities/incident.entity';
import { RiskAssessment } from './entities/risk-assessment.entity';
import { Situation } from './entities/situation.entity';
import { Source } from './entities/source.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { buildSituationsSchema } from './schema';
import { downloadIncidents } from './resolvers/export.download';
import { EXPORT_INCIDENTS_PATH } from '../../platform/downloads';
import { seedIllustrative, seedReference } from './seed';

export const situationsSubgraph: SubgraphModule = {
  name: 'situations',
  entities: [RecordFloor, Framework, RiskFactor, Indicator, Situation, RiskAssessment, Incident, Source],
  migrations,
  createLoaders,
  buildSchema: buildSituationsSchema,
  seedReference,
  seedIllustrative,
  downloads: { [EXPORT_INCIDENTS_PATH]: downloadIncidents },
};

if (require.main === module) void runSubgraph(situationsSubgraph);
