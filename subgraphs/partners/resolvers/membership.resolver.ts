// Links from a membership period and an engagement to the partner and country they concern.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { Country } from '../entities/country.entity';
import { Engagement } from '../entities/engagement.entity';
import { Membership } from '../entities/membership.entity';
import { Partner } from '../entities/partner.entity';
import { countryLoader, partnerLoader } from '../loaders';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Partner, { nullable: true })
  async partner(@Root() membership: Membership, @Ctx() ctx: SubgraphContext): Promise<Partner | null> {
    return partnerLoader(ctx).load(membership.partnerCode);
  }

  @FieldResolver(() => Country, { nullable: true })
  async country(@Root() membership: Membership, @Ctx() ctx: SubgraphContext): Promise<Country | null> {
    return countryLoader(ctx).load(membership.countryIso3);
  }
}

@Resolver(() => Engagement)
export class EngagementResolver {
  @FieldResolver(() => Partner, { nullable: true })
  async partner(@Root() engagement: Engagement, @Ctx() ctx: SubgraphContext): Promise<Partner | null> {
    return partnerLoader(ctx).load(engagement.partnerCode);
  }

  @FieldResolver(() => Country, { nullable: true })
  async country(@Root() engagement: Engagement, @Ctx() ctx: SubgraphContext): Promise<Country | null> {
    return engagement.countryIso3 ? countryLoader(ctx).load(engagement.countryIso3) : null;
  }
}
