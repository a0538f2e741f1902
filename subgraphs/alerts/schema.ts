// The alerts subgraph's schema: built from code, so `npm run schema:print` needs no running service.
import type { GraphQLSchema } from 'graphql';
import { auditTrailResolver } from '../kernel/audit/audit-trail.resolver';
import { buildFederatedSchema } from '../kernel/schema/subgraph-schema';
import { AlertDashboardResolver } from './resolvers/alert.dashboard';
import { AcknowledgementResolver, AlertStatusChangeResolver } from './resolvers/acknowledgement.resolver';
import { AlertMutationResolver } from './resolvers/alert.mutation';
import { AlertResolver, resolveAlertReference } from './resolvers/alert.resolver';
import { CountryAlertsResolver, PartnerAlertsResolver, SituationAlertsResolver } from './resolvers/contributed.resolver';
import { Situation } from './entities/references';

export function buildAlertsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      auditTrailResolver('alerts'),
      AlertResolver,
      AlertDashboardResolver,
      AcknowledgementResolver,
      AlertStatusChangeResolver,
      AlertMutationResolver,
      SituationAlertsResolver,
      CountryAlertsResolver,
      PartnerAlertsResolver,
    ],
    // No field of this subgraph returns a Situation (Alert.situation is the situations subgraph's), yet it contributes Situation.alerts.
    orphanedTypes: [Situation],
    referenceResolvers: {
      Alert: { __resolveReference: resolveAlertReference },
    },
  });
}
