// Partner organisations: root lookups, their members on a date and their own records.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findVisible } from '../../kernel/read/reading';

import { LocalDate, today } from '../../kernel/schema/scalars';
import { isoDate, partnerCode, referenceKey } from '../../kernel/write/validation';
import { Country } from '../entities/country.entity';
import { EarlyWarningMechanism } from '../entities/early-warning-mechanism.entity';
import { Engagement } from '../entities/engagement.entity';
import { FocalPoint } from '../entities/focal-point.entity';
import { Membership } from '../entities/membership.entity';
import { Partner } from '../entities/partner.entity';
import type { PartnersContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Partner)
export class PartnerResolver {
  @ListSize(20)
  @Query(() => [Partner], { nullable: true, description: 'All partner organisations, by code.' })
  async partners(@Ctx() ctx: PartnersContext): Promise<Partner[]> {
    return findVisible(ctx, Partner, 'p', (q) => q.orderBy('p.code', 'ASC'));
  }

  @Query(() => Partner, { nullable: true, description: 'One partner organisation by its hub code, e.g. "ECOWAS".' })
  async partner(@Arg('code', () => String) code: string, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(partnerCode(code, 'code'));
  }

  @ListSize(60)
  @FieldResolver(() => [Country], {
    description:
      "Members on a date (default today), suspended members excluded: the partner's Member States, or what memberTerm names (the OSCE's participating States). membersOn says whether the date is before the hub's records.",
  })
  async memberStates(
    @Root() partner: Partner,
    @Arg('on', () => LocalDate, { nullable: true }) on: string | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<Country[]> {
    const date = on ? isoDate(on, 'on') : today();
    const memberships = await ctx.loaders.membersOn.load(`${partner.code}|${date}`);
    const countries = await ctx.loaders.country.loadMany(memberships.map((m) => m.countryIso3));
    return countries.filter((c): c is Country => c instanceof Country);
  }

  @ListSize(100)
  @FieldResolver(() => [Membership], { description: 'Every membership period, past and present, suspensions included.' })
  async memberships(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<Membership[]> {
    return ctx.loaders.membershipHistoryByPartner.load(partner.code);
  }

  @ListSize(20)
  @FieldResolver(() => [FocalPoint])
  async focalPoints(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<FocalPoint[]> {
    return ctx.loaders.focalPoints.load(partner.code);
  }

  @ListSize(100)
  @FieldResolver(() => [Engagement], { description: "The Office's recorded engagements with this partner, oldest first." })
  async engagements(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<Engagement[]> {
    return ctx.loaders.engagements.load(partner.code);
  }

  @ListSize(5)
  @FieldResolver(() => [EarlyWarningMechanism])
  async earlyWarningMechanisms(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<EarlyWarningMechanism[]> {
    return ctx.loaders.mechanisms.load(partner.code);
  }
}

/** Entity references arrive from the gateway with codes other subgraphs hold; a malformed one is simply not found. */
export async function resolvePartnerReference(reference: { code: string }, ctx: PartnersContext): Promise<Partner | null> {
  const code = referenceKey('partnerCode', reference.code);
  return code ? ctx.loaders.partner.load(code) : null;
}
