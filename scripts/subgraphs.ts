// The hub's four subgraphs, for the tools that handle all of them (start, schema, migrations, tests).
import { alertsSubgraph } from '../subgraphs/alerts';
import { partnersSubgraph } from '../subgraphs/partners';
import { situationsSubgraph } from '../subgraphs/situations';
import { trainingSubgraph } from '../subgraphs/training';
import type { SubgraphModule } from '../subgraphs/kernel/service/subgraph-service';

export const SUBGRAPHS: readonly SubgraphModule[] = [situationsSubgraph, partnersSubgraph, trainingSubgraph, alertsSubgraph];
