// Incidents and their sources.
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { queryOf, readVisible } from '../../kernel/reading';
import { badInput } from '../../kernel/errors';
import { LocalDate } from '../../kernel/scalars';
import { countryCodes, dateRange, isoDate, uuid } from '../../kernel/validation';
import { Incident } from '../entities/incident.entity';
import { Country } from '../entities/references';
import { Situation } from '../entities/situation.entity';
import { Source } from '../entities/source.entity';
import { situationLoader, sourceLoader } from '../loaders';

const MAX_INCIDENTS = 500;

@InputType({ description: 'Narrows the incident list; all given conditions must hold.' })
export class IncidentFilter {
  @Field(() => [String], { nullable: true })
  countries?: string[];

  @Field(() => ID, { nullable: true })
  situation?: string;

  @Field(() => LocalDate, { nullable: true })
  from?: string;

  @Field(() => LocalDate, { nullable: true })
  to?: string;
}

@Resolver(() => Incident)
export class IncidentResolver {
  @Query(() => [Incident], { description: `Incidents, most recent first (at most ${MAX_INCIDENTS}).` })
  async incidents(
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Arg('limit', () => Int, { defaultValue: 100 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Incident[]> {
    if (limit < 1 || limit > MAX_INCIDENTS) throw badInput(`limit must be between 1 and ${MAX_INCIDENTS}`, 'limit');
    const query = queryOf(ctx, Incident, 'i').orderBy('i.occurred_on', 'DESC').addOrderBy('i.id', 'ASC').take(limit);
    if (filter?.countries?.length) query.andWhere('i.country_iso3 IN (:...countries)', { countries: countryCodes(filter.countries, 'filter.countries') });
    if (filter?.situation) query.andWhere('i.situation_id = :situation', { situation: uuid(filter.situation, 'filter.situation') });
    if (filter?.from) query.andWhere('i.occurred_on >= :from', { from: isoDate(filter.from, 'filter.from') });
    if (filter?.to) query.andWhere('i.occurred_on <= :to', { to: isoDate(filter.to, 'filter.to') });
    dateRange(filter?.from, filter?.to, 'filter');
    return readVisible(ctx, query);
  }

  @FieldResolver(() => Situation, { nullable: true })
  async situation(@Root() incident: Incident, @Ctx() ctx: SubgraphContext): Promise<Situation | null> {
    return incident.situationId ? situationLoader(ctx).load(incident.situationId) : null;
  }

  @FieldResolver(() => Country)
  country(@Root() incident: Incident): Country {
    return { iso3: incident.countryIso3 };
  }

  @FieldResolver(() => Source, { nullable: true })
  async source(@Root() incident: Incident, @Ctx() ctx: SubgraphContext): Promise<Source | null> {
    return incident.sourceId ? sourceLoader(ctx).load(incident.sourceId) : null;
  }
}
