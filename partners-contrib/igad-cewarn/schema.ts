// The cewarn subgraph's schema, built from code, so `npm run schema:print` needs no running
// service. The kernel's builder adds the `cewarnAuditTrail` query (for IGAD's admins) and the
// key-only Country and Situation the contributed resolvers extend.
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hub/kernel';
import { CountryCewarnResolver, SituationCewarnResolver } from './resolvers/contributed.resolver';
import { FieldReportMutationResolver } from './resolvers/field-report.mutation';

export function buildCewarnSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'cewarn',
    resolvers: [CountryCewarnResolver, SituationCewarnResolver, FieldReportMutationResolver],
  });
}
