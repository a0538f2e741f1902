// Country reference data and the memberships that tie countries to partner organisations.
import { Arg, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import { queryOf, readVisible } from '../../kernel/read/reading';
import { badInput } from '../../../platform/errors';
import { LocalDate, today } from '../../kernel/schema/scalars';
import { countryCode, isoDate, partnerCode, referenceKey } from '../../kernel/write/validation';
import { Country } from '../entities/country.entity';
import { Membership } from '../entities/membership.entity';
import { Partner } from '../entities/partner.entity';
import type { PartnersContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';
import { COUNTRIES } from '../../kernel/reference/countries';

@InputType({ description: 'Narrows the country list; all given conditions must hold.' })
class CountryFilter {
  @Field(() => String, { nullable: true, description: 'UN M49 region name or code, e.g. "Africa" or "002".' })
  region?: string;

  @Field(() => String, { nullable: true, description: 'UN M49 sub-region name or code, e.g. "Eastern Africa" or "014".' })
  subRegion?: string;

  @Field(() => String, { nullable: true, description: 'Only member states of this partner on `on` (default today).' })
  partner?: string;

  @Field(() => LocalDate, { nullable: true })
  on?: string;
}

@Resolver(() => Country)
export class CountryResolver {
  @ListSize(COUNTRIES.length)
  @Query(() => [Country], { nullable: true, description: 'Countries, by ISO code, optionally narrowed by region, sub-region or membership.' })
  async countries(
    @Arg('filter', () => CountryFilter, { nullable: true }) filter: CountryFilter | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<Country[]> {
    const query = queryOf(ctx, Country, 'c').orderBy('c.iso3');
    if (filter?.region) query.andWhere('(c.region = :region OR c.region_code = :region)', { region: filter.region });
    if (filter?.subRegion) query.andWhere('(c.sub_region = :sub OR c.sub_region_code = :sub)', { sub: filter.subRegion });
    if (filter?.partner) {
      const code = partnerCode(filter.partner, 'filter.partner');
      if (!(await ctx.loaders.partner.load(code)))
        throw badInput(`filter.partner: unknown partner code ${JSON.stringify(filter.partner)}`, 'filter.partner');
      const on = filter.on ? isoDate(filter.on, 'filter.on') : today();
      const members = await ctx.loaders.membersOn.load(`${code}|${on}`);
      if (members.length === 0) return [];
      query.andWhere('c.iso3 IN (:...members)', { members: members.map((m) => m.countryIso3) });
    }
    return readVisible(ctx, query);
  }

  @Query(() => Country, { nullable: true, description: 'One country by ISO 3166-1 alpha-3 code; an unknown code is an input error.' })
  async country(@Arg('iso3', () => String) iso3: string, @Ctx() ctx: PartnersContext): Promise<Country | null> {
    return ctx.loaders.country.load(countryCode(iso3, 'iso3'));
  }

  @ListSize(20)
  @FieldResolver(() => [Membership], { description: "The country's membership periods in partner organisations." })
  async memberships(@Root() country: Country, @Ctx() ctx: PartnersContext): Promise<Membership[]> {
    return ctx.loaders.membershipHistoryByCountry.load(country.iso3);
  }

  @ListSize(10)
  @FieldResolver(() => [Partner], { description: 'Partner organisations the country is a member of on a date (default today).' })
  async partners(
    @Root() country: Country,
    @Arg('on', () => LocalDate, { nullable: true }) on: string | undefined,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner[]> {
    const date = on ? isoDate(on, 'on') : today();
    const memberships = await ctx.loaders.organisationsOn.load(`${country.iso3}|${date}`);
    const partners = await ctx.loaders.partner.loadMany(memberships.map((m) => m.partnerCode));
    return partners.filter((p): p is Partner => p instanceof Partner);
  }
}

/** Entity references arrive from the gateway with codes other subgraphs hold; a malformed one is simply not found. */
export async function resolveCountryReference(reference: { iso3: string }, ctx: PartnersContext): Promise<Country | null> {
  const iso3 = referenceKey('iso3', reference.iso3);
  return iso3 ? ctx.loaders.country.load(iso3) : null;
}
