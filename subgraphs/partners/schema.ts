// The partners subgraph's schema: built from code, so `npm run schema:print` needs no running service.
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kernel/schema/subgraph-schema';
import { CountryResolver, resolveCountryReference } from './resolvers/country.resolver';
import { EngagementResolver, MembershipResolver } from './resolvers/membership.resolver';
import { PartnerResolver, resolvePartnerReference } from './resolvers/partner.resolver';
import { EngagementMutationResolver } from './resolvers/engagement.mutation';
import { FocalPointMutationResolver } from './resolvers/focal-point.mutation';
import { MembershipMutationResolver } from './resolvers/membership.mutation';
import { NationalBodyMutationResolver } from './resolvers/national-body.mutation';
import { PartnerMutationResolver } from './resolvers/partner.mutation';
import { PartnerSharingDefaultsResolver } from './resolvers/sharing-defaults.resolver';
import { PartnerMembersOnResolver } from './resolvers/members-on.resolver';
import {
  CountryNationalBodiesResolver,
  NationalCommitteeResolver,
  NationalFocalPointResolver,
  PartnerNationalBodiesResolver,
} from './resolvers/national-body.resolver';

export function buildPartnersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'partners',
    resolvers: [
      PartnerResolver,
      CountryResolver,
      MembershipResolver,
      EngagementResolver,
      PartnerSharingDefaultsResolver,
      PartnerMembersOnResolver,
      NationalCommitteeResolver,
      NationalFocalPointResolver,
      PartnerNationalBodiesResolver,
      CountryNationalBodiesResolver,
      PartnerMutationResolver,
      FocalPointMutationResolver,
      EngagementMutationResolver,
      MembershipMutationResolver,
      NationalBodyMutationResolver,
    ],
    referenceResolvers: {
      Country: { __resolveReference: resolveCountryReference },
      Partner: { __resolveReference: resolvePartnerReference },
    },
  });
}
