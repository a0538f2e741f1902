// The national bodies the Office works with: national committees under the ICGLR Protocol and
// Member States' national focal points on the Responsibility to Protect, and their links.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findVisible } from '../../kernel/read/reading';
import { ListSize } from '../../kernel/schema/list-size';
import { countryCode, partnerCode } from '../../kernel/write/validation';
import { Country } from '../entities/country.entity';
import { NationalCommittee } from '../entities/national-committee.entity';
import { NationalFocalPoint } from '../entities/national-focal-point.entity';
import { Partner } from '../entities/partner.entity';
import type { PartnersContext } from '../loaders';

@Resolver(() => NationalCommittee)
export class NationalCommitteeResolver {
  @ListSize(60)
  @Query(() => [NationalCommittee], {
    nullable: true,
    description:
      'National committees for the prevention of genocide, by country; optionally of one organisation\'s protocol ("ICGLR") or one country.',
  })
  async nationalCommittees(
    @Arg('partner', () => String, { nullable: true, description: 'Hub code of the organisation, e.g. "ICGLR".' }) partner: string | undefined,
    @Arg('country', () => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the State.' }) country: string | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<NationalCommittee[]> {
    const code = partner ? partnerCode(partner, 'partner') : null;
    const iso3 = country ? countryCode(country, 'country') : null;
    return findVisible(ctx, NationalCommittee, 'n', (q) => {
      if (code) q.andWhere('n.partner_code = :code', { code });
      if (iso3) q.andWhere('n.country_iso3 = :iso3', { iso3 });
      q.orderBy('n.country_iso3', 'ASC').addOrderBy('n.partner_code', 'ASC');
    });
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The State whose committee it is.' })
  async country(@Root() committee: NationalCommittee, @Ctx() ctx: PartnersContext): Promise<Country | null> {
    return ctx.loaders.country.load(committee.countryIso3);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The organisation whose protocol it is set up under.' })
  async partner(@Root() committee: NationalCommittee, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return ctx.loaders.partner.load(committee.partnerCode);
  }
}

@Resolver(() => NationalFocalPoint)
export class NationalFocalPointResolver {
  @ListSize(200)
  @Query(() => [NationalFocalPoint], {
    nullable: true,
    description: "Member States' national focal points on the Responsibility to Protect, by country; optionally of one State.",
  })
  async nationalFocalPoints(
    @Arg('country', () => String, { nullable: true, description: 'ISO 3166-1 alpha-3 code of the State.' }) country: string | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<NationalFocalPoint[]> {
    const iso3 = country ? countryCode(country, 'country') : null;
    return findVisible(ctx, NationalFocalPoint, 'f', (q) => {
      if (iso3) q.andWhere('f.country_iso3 = :iso3', { iso3 });
      q.orderBy('f.country_iso3', 'ASC').addOrderBy('f.id', 'ASC');
    });
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The Member State that holds it.' })
  async country(@Root() focalPoint: NationalFocalPoint, @Ctx() ctx: PartnersContext): Promise<Country | null> {
    return ctx.loaders.country.load(focalPoint.countryIso3);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The network of States it is a focal point in, if any.' })
  async network(@Root() focalPoint: NationalFocalPoint, @Ctx() ctx: PartnersContext): Promise<Partner | null> {
    return focalPoint.networkCode ? ctx.loaders.partner.load(focalPoint.networkCode) : null;
  }
}

@Resolver(() => Partner)
export class PartnerNationalBodiesResolver {
  @ListSize(60)
  @FieldResolver(() => [NationalCommittee], { description: "The national committees set up under the partner's protocol (the ICGLR's), by country." })
  async nationalCommittees(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<NationalCommittee[]> {
    return ctx.loaders.nationalCommitteesByPartner.load(partner.code);
  }

  @ListSize(60)
  @FieldResolver(() => [NationalFocalPoint], { description: 'For a network of States: the national focal points of its participating States.' })
  async nationalFocalPoints(@Root() partner: Partner, @Ctx() ctx: PartnersContext): Promise<NationalFocalPoint[]> {
    return ctx.loaders.nationalFocalPointsByNetwork.load(partner.code);
  }
}

@Resolver(() => Country)
export class CountryNationalBodiesResolver {
  @ListSize(5)
  @FieldResolver(() => [NationalCommittee], { description: "The country's national committees for the prevention of genocide." })
  async nationalCommittees(@Root() country: Country, @Ctx() ctx: PartnersContext): Promise<NationalCommittee[]> {
    return ctx.loaders.nationalCommitteesByCountry.load(country.iso3);
  }

  @ListSize(5)
  @FieldResolver(() => [NationalFocalPoint], { description: "The country's national focal points on the Responsibility to Protect." })
  async nationalFocalPoints(@Root() country: Country, @Ctx() ctx: PartnersContext): Promise<NationalFocalPoint[]> {
    return ctx.loaders.nationalFocalPointsByCountry.load(country.iso3);
  }
}
