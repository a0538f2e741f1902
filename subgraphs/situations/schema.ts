// The situations subgraph's schema: built from code, so `npm run schema:print` needs no running service.
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kernel/schema/subgraph-schema';
import { resolveAssessmentReference, RiskAssessmentResolver } from './resolvers/assessment.resolver';
import { RiskAssessmentMutationResolver } from './resolvers/assessment.mutation';
import { SituationDashboardResolver } from './resolvers/situation.dashboard';
import { AlertSituationResolver, CountrySituationsResolver, PartnerAssessmentsResolver } from './resolvers/contributed.resolver';
import { FrameworkResolver, IndicatorResolver, RiskFactorResolver } from './resolvers/framework.resolver';
import { FrameworkMutationResolver } from './resolvers/framework.mutation';
import { IncidentResolver, resolveIncidentReference } from './resolvers/incident.resolver';
import { IncidentMutationResolver } from './resolvers/incident.mutation';
import { ImportMutationResolver } from './resolvers/import.mutation';
import { ExportQueryResolver } from './resolvers/export.query';
import { SituationResolver, resolveSituationReference } from './resolvers/situation.resolver';
import { SituationMutationResolver } from './resolvers/situation.mutation';
import { SourceResolver } from './resolvers/source.resolver';

export function buildSituationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'situations',
    resolvers: [
      SituationResolver,
      SituationDashboardResolver,
      RiskAssessmentResolver,
      IncidentResolver,
      SourceResolver,
      FrameworkResolver,
      RiskFactorResolver,
      IndicatorResolver,
      CountrySituationsResolver,
      PartnerAssessmentsResolver,
      AlertSituationResolver,
      SituationMutationResolver,
      RiskAssessmentMutationResolver,
      IncidentMutationResolver,
      ImportMutationResolver,
      ExportQueryResolver,
      FrameworkMutationResolver,
    ],
    referenceResolvers: {
      Situation: { __resolveReference: resolveSituationReference },
      RiskAssessment: { __resolveReference: resolveAssessmentReference },
      Incident: { __resolveReference: resolveIncidentReference },
    },
  });
}
