// The training subgraph's schema: built from code, so `npm run schema:print` needs no running service.
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kernel/schema/subgraph-schema';
import { CountryTrainingResolver, PartnerTrainingResolver } from './resolvers/contributed.resolver';
import { TrainingModuleResolver } from './resolvers/training-module.resolver';
import { TrainingGroupTotalsResolver, TrainingTotalsResolver } from './resolvers/training-session.dashboard';
import { TrainingSessionResolver, resolveTrainingSessionReference } from './resolvers/training-session.resolver';
import { TrainingSessionMutationResolver } from './resolvers/training-session.mutation';

export function buildTrainingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'training',
    resolvers: [
      TrainingSessionResolver,
      TrainingModuleResolver,
      TrainingTotalsResolver,
      TrainingGroupTotalsResolver,
      CountryTrainingResolver,
      PartnerTrainingResolver,
      TrainingSessionMutationResolver,
    ],
    referenceResolvers: {
      TrainingSession: { __resolveReference: resolveTrainingSessionReference },
    },
  });
}
