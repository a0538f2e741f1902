// The alerts subgraph's schema: built from code, so `npm run schema:print` needs no running service.
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kernel/schema/subgraph-schema';
import { AlertDashboardResolver, OverdueAcknowledgementCountResolver } from './resolvers/alert.dashboard';
import { AcknowledgementDueResolver, AcknowledgementResolver, AlertStatusChangeResolver } from './resolvers/acknowledgement.resolver';
import { AlertMutationResolver } from './resolvers/alert.mutation';
import { AlertEventSubscriptionResolver } from './resolvers/alert-event.subscription';
import { AlertResolver, resolveAlertReference } from './resolvers/alert.resolver';
import { CountryAlertsResolver, PartnerAlertsResolver, SituationAlertsResolver } from './resolvers/contributed.resolver';
import { AlertWebhookMutationResolver } from './webhooks/webhook.mutation';
import { AlertWebhookResolver } from './webhooks/webhook.resolver';

export function buildAlertsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'alerts',
    resolvers: [
      AlertResolver,
      AlertDashboardResolver,
      OverdueAcknowledgementCountResolver,
      AcknowledgementResolver,
      AcknowledgementDueResolver,
      AlertStatusChangeResolver,
      AlertMutationResolver,
      AlertEventSubscriptionResolver,
      SituationAlertsResolver,
      CountryAlertsResolver,
      PartnerAlertsResolver,
      AlertWebhookResolver,
      AlertWebhookMutationResolver,
    ],
    referenceResolvers: {
      Alert: { __resolveReference: resolveAlertReference },
    },
  });
}
