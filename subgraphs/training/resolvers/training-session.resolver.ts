// Training sessions: root lookups and the links from a session to its modules, country and organisers.
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { queryOf, readVisible } from '../../kernel/reading';
import { LocalDate } from '../../kernel/scalars';
import { countryCodes, dateRange, isoDate, partnerCode, uuid } from '../../kernel/validation';
import { Module } from '../entities/module.entity';
import { Country, Partner } from '../entities/references';
import { TrainingAudience, TrainingSession, TrainingStatus } from '../entities/training-session.entity';
import { modulesBySessionLoader, trainingSessionLoader } from '../loaders';

@InputType({ description: 'Narrows the training session list; all given conditions must hold.' })
export class TrainingSessionFilter {
  @Field(() => LocalDate, { nullable: true, description: 'Sessions starting on or after this date.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Sessions starting on or before this date.' })
  to?: string;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes of the countries sessions were held in.' })
  countries?: string[];

  @Field(() => String, { nullable: true, description: 'Sessions this partner (hub code, e.g. "ICGLR") co-organised.' })
  partner?: string;

  @Field(() => [TrainingAudience], { nullable: true })
  audiences?: TrainingAudience[];

  @Field(() => [TrainingStatus], { nullable: true })
  statuses?: TrainingStatus[];
}

@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  @Query(() => [TrainingSession], { description: 'Training sessions, most recent first.' })
  async trainingSessions(
    @Arg('filter', () => TrainingSessionFilter, { nullable: true }) filter: TrainingSessionFilter | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingSession[]> {
    const query = queryOf(ctx, TrainingSession, 's').orderBy('s.start_date', 'DESC').addOrderBy('s.id', 'ASC');
    if (filter?.from) query.andWhere('s.start_date >= :from', { from: isoDate(filter.from, 'filter.from') });
    if (filter?.to) query.andWhere('s.start_date <= :to', { to: isoDate(filter.to, 'filter.to') });
    dateRange(filter?.from, filter?.to, 'filter');
    if (filter?.countries?.length) query.andWhere('s.country_iso3 IN (:...countries)', { countries: countryCodes(filter.countries, 'filter.countries') });
    if (filter?.partner) query.andWhere('s.organiser_orgs @> CAST(:partner AS varchar[])', { partner: [partnerCode(filter.partner, 'filter.partner')] });
    if (filter?.audiences?.length) query.andWhere('s.audience IN (:...audiences)', { audiences: filter.audiences });
    if (filter?.statuses?.length) query.andWhere('s.status IN (:...statuses)', { statuses: filter.statuses });
    // An explicitly empty list asks for sessions in no country: nothing, without a query.
    if (filter?.countries?.length === 0) return [];
    return readVisible(ctx, query);
  }

  @Query(() => TrainingSession, { nullable: true, description: 'One training session by id.' })
  async trainingSession(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<TrainingSession | null> {
    return trainingSessionLoader(ctx).load(uuid(id, 'id'));
  }

  @FieldResolver(() => [Module], { description: 'The modules taught, by code.' })
  async modules(@Root() session: TrainingSession, @Ctx() ctx: SubgraphContext): Promise<Module[]> {
    return modulesBySessionLoader(ctx).load(session.id);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the session was held in, when recorded.' })
  country(@Root() session: TrainingSession): Country | null {
    return session.countryIso3 ? { iso3: session.countryIso3 } : null;
  }

  @FieldResolver(() => [Partner], { description: 'The hub partners that organised the session (organiserOrgs, resolved).' })
  organisers(@Root() session: TrainingSession): Partner[] {
    return session.organiserOrgs.map((code) => ({ code }));
  }
}

/** Entity references arrive from the gateway with ids other subgraphs hold; a malformed one is simply not found. */
export async function resolveTrainingSessionReference(reference: { id: string }, ctx: SubgraphContext): Promise<TrainingSession | null> {
  if (typeof reference.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(reference.id)) return null;
  return trainingSessionLoader(ctx).load(reference.id.toLowerCase());
}
