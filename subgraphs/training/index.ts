// The training subgraph: training sessions held with partners, their modules and participants,
// and training totals. `node dist/subgraphs/training` runs it.
import 'reflect-metadata';
import { runSubgraph, type SubgraphModule } from '../kernel/service/subgraph-service';
import { TrainingModule } from './entities/training-module.entity';
import { ReportedTrainingTotal } from './entities/reported-training-total.entity';
import { SessionModule } from './entities/session-module.entity';
import { TrainingSession } from './entities/training-session.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { buildTrainingSchema } from './schema';
import { seedIllustrative, seedReference } from './seed';

export const trainingSubgraph: SubgraphModule = {
  name: 'training',
  entities: [TrainingSession, TrainingModule, SessionModule, ReportedTrainingTotal],
  migrations,
  createLoaders,
  buildSchema: buildTrainingSchema,
  seedReference,
  seedIllustrative,
};

if (require.main === module) void runSubgraph(trainingSubgraph);
