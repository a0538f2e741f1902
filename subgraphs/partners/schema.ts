// The partners subgraph's schema: built from code, so `npm run schema:print` needs no running service.
import type { GraphQLSchema } from 'graphql';
import { auditTrailResolver } from '../kernel/audit';
import { buildFederatedSchema } from '../kernel/subgraph-schema';
import { CountryResolver, resolveCountryReference } from './resolvers/country.resolver';
import { EngagementResolver, MembershipResolver } from './resolvers/membership.resolver';
import { PartnerResolver, resolvePartnerReference } from './resolvers/partner.resolver';

export function buildPartnersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [auditTrailResolver('partners'), PartnerResolver, CountryResolver, MembershipResolver, EngagementResolver],
    referenceResolvers: {
      Country: { __resolveReference: resolveCountryReference },
      Partner: { __resolveReference: resolvePartnerReference },
    },
  });
}
