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

  @FieldResolver(() => Boolean, {
    description:
      "Whether the hub holds the day the period began (validFrom). False for a period that began before the hub's records, or on an unrecorded day no earlier than startNotBefore.",
  })
  startKnown(@Root() membership: Membership): boolean {
    return membership.validFrom !== null;
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
