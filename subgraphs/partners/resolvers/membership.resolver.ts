// Links from a membership period and an engagement to the partner and country they concern.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country } from '../entities/country.entity';
import { Engagement } from '../entities/engagement.entity';
import { Membership } from '../entities/membership.entity';
import { Partner } from '../entities/partner.entity';
import type { PartnersContext } from '../loaders';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Partner, { nullable: true })
  async partner(@Root() membership: Membership, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(membership.partnerCode);
  }

  @FieldResolver(() => Country, { nullable: true })
  async country(@Root() membership: Membership, @Ctx() ctx: PartnersContext): Promise<Country | null> {
    return ctx.loaders.country.load(membership.countryIso3);
  }
}

@Resolver(() => Engagement)
export class EngagementResolver {
  @FieldResolver(() => Partner, { nullable: true })
  async partner(@Root() engagement: Engagement, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(engagement.partnerCode);
  }

  @FieldResolver(() => Country, { nullable: true })
  async country(@Root() engagement: Engagement, @Ctx() ctx: PartnersContext): Promise<Country | null> {
    return engagement.countryIso3 ? ctx.loaders.country.load(engagement.countryIso3) : null;
  }
}
