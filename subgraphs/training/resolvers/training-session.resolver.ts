// Training sessions: root lookups and the links from a session to its modules, country and organisers.
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { connectionType, MAX_PAGE_SIZE, paginate, type Connection, type SortKey, ConnectionSize } from '../../kernel/read/connection';
import { countriesInRegions, intersect } from '../../kernel/reference/regions';
import { queryOf } from '../../kernel/read/reading';
import { LocalDate } from '../../kernel/schema/scalars';
import { countryCodes, dateRange, isoDate, partnerCode, referenceKey, uuid } from '../../kernel/write/validation';
import { TrainingModule } from '../entities/training-module.entity';
import { Country, Partner } from '../entities/references';
import { TrainingAudience, TrainingSession, TrainingStatus } from '../entities/training-session.entity';
import type { TrainingContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@InputType({ description: 'Narrows the training session list; all given conditions must hold.' })
export class TrainingSessionFilter {
  @Field(() => LocalDate, { nullable: true, description: 'Sessions starting on or after this date.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Sessions starting on or before this date.' })
  to?: string;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes of the countries sessions were held in.' })
  countries?: string[];

  @Field(() => [String], { nullable: true, description: 'UN M49 regions of the countries sessions were held in, by name or code.' })
  regions?: string[];

  @Field(() => String, { nullable: true, description: 'Sessions this partner (hub code, e.g. "ICGLR") co-organised.' })
  partner?: string;

  @Field(() => [TrainingAudience], { nullable: true })
  audiences?: TrainingAudience[];

  @Field(() => [TrainingStatus], { nullable: true })
  statuses?: TrainingStatus[];
}

/** Adds the filter's conditions to a query over sessions aliased `s`. */
export function applyTrainingSessionFilter(query: SelectQueryBuilder<TrainingSession>, filter: TrainingSessionFilter | undefined): void {
  if (!filter) return;
  if (filter.from) query.andWhere('s.start_date >= :filterFrom', { filterFrom: isoDate(filter.from, 'filter.from') });
  if (filter.to) query.andWhere('s.start_date <= :filterTo', { filterTo: isoDate(filter.to, 'filter.to') });
  dateRange(filter.from, filter.to, 'filter');
  const countries = intersect(
    filter.countries ? countryCodes(filter.countries, 'filter.countries') : undefined,
    filter.regions ? countriesInRegions(filter.regions, 'filter.regions') : undefined,
  );
  if (countries !== undefined) query.andWhere(countries.length ? 's.country_iso3 IN (:...filterCountries)' : 'FALSE', { filterCountries: countries });
  if (filter.partner)
    query.andWhere('s.organiser_orgs @> CAST(:filterPartner AS varchar[])', { filterPartner: [partnerCode(filter.partner, 'filter.partner')] });
  if (filter.audiences?.length) query.andWhere('s.audience IN (:...filterAudiences)', { filterAudiences: filter.audiences });
  if (filter.statuses?.length) query.andWhere('s.status IN (:...filterStatuses)', { filterStatuses: filter.statuses });
}

const SESSION_ORDER: SortKey<TrainingSession>[] = [
  { sql: 's.start_date', direction: 'DESC', kind: 'date', value: (s) => s.startDate },
  { sql: 's.id', direction: 'ASC', kind: 'uuid', value: (s) => s.id },
];

export const TrainingSessionConnection = connectionType(TrainingSession, 'TrainingSession');

@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  @ConnectionSize()
  @Query(() => TrainingSessionConnection, { nullable: true, description: 'Training sessions, most recent first, a page at a time.' })
  async trainingSessions(
    @Arg('filter', () => TrainingSessionFilter, { nullable: true }) filter: TrainingSessionFilter | undefined,
    @Arg('first', () => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE} (default 20).` }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: TrainingContext,
  ): Promise<Connection<TrainingSession>> {
    const query = queryOf(ctx, TrainingSession, 's');
    applyTrainingSessionFilter(query, filter);
    return paginate(ctx, query, SESSION_ORDER, { first, after });
  }

  @Query(() => TrainingSession, { nullable: true, description: 'One training session by id.' })
  async trainingSession(@Arg('id', () => ID) id: string, @Ctx() ctx: TrainingContext): Promise<TrainingSession | null> {
    return ctx.loaders.trainingSession.load(uuid(id, 'id'));
  }

  @ListSize(10)
  @FieldResolver(() => [TrainingModule], { description: 'The modules taught, by code.' })
  async modules(@Root() session: TrainingSession, @Ctx() ctx: TrainingContext): Promise<TrainingModule[]> {
    return ctx.loaders.modulesBySession.load(session.id);
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the session was held in, when recorded.' })
  country(@Root() session: TrainingSession): Country | null {
    return session.countryIso3 ? { iso3: session.countryIso3 } : null;
  }

  @ListSize(10)
  @FieldResolver(() => [Partner], {
    nullable: 'itemsAndList',
    description:
      'The hub partners that organised the session (organiserOrgs, resolved); null while the partners subgraph cannot answer, and an item is null when it names no partner.',
  })
  organisers(@Root() session: TrainingSession): Partner[] {
    return session.organiserOrgs.map((code) => ({ code }));
  }
}

/** Entity references arrive from the gateway with ids other subgraphs hold; a malformed one is simply not found. */
export async function resolveTrainingSessionReference(reference: { id: string }, ctx: TrainingContext): Promise<TrainingSession | null> {
  const id = referenceKey('uuid', reference.id);
  return id ? ctx.loaders.trainingSession.load(id) : null;
}
