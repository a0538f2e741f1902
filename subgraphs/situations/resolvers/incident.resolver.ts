// Incidents and their sources.
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, MAX_PAGE_SIZE, paginate, type Connection, type SortKey, ConnectionSize } from '../../kernel/read/connection';
import { queryOf } from '../../kernel/read/reading';
import { applyIncidentFilter, IncidentFilter } from './incident.filter';
import { Incident } from '../entities/incident.entity';
import { Country } from '../entities/references';
import { Situation } from '../entities/situation.entity';
import { Source } from '../entities/source.entity';
import type { SituationsContext } from '../loaders';

const INCIDENT_ORDER: SortKey<Incident>[] = [
  { sql: 'i.occurred_on', direction: 'DESC', kind: 'date', value: (i) => i.occurredOn },
  { sql: 'i.id', direction: 'ASC', kind: 'uuid', value: (i) => i.id },
];

export const IncidentConnection = connectionType(Incident, 'Incident');

@Resolver(() => Incident)
export class IncidentResolver {
  @ConnectionSize()
  @Query(() => IncidentConnection, { nullable: true, description: 'Incident reports, most recent first, a page at a time.' })
  async incidents(
    @Arg('filter', () => IncidentFilter, { nullable: true }) filter: IncidentFilter | undefined,
    @Arg('first', () => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE} (default 20).` }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<Connection<Incident>> {
    const query = queryOf(ctx, Incident, 'i');
    if (!applyIncidentFilter(ctx, query, filter)) query.andWhere('FALSE');
    return paginate(ctx, query, INCIDENT_ORDER, { first, after });
  }

  @FieldResolver(() => Situation, { nullable: true })
  async situation(@Root() incident: Incident, @Ctx() ctx: SituationsContext): Promise<Situation | null> {
    return incident.situationId ? ctx.loaders.situation.load(incident.situationId) : null;
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description: 'The country where it happened (null while the partners subgraph cannot answer; countryIso3 stays).',
  })
  country(@Root() incident: Incident): Country {
    return { iso3: incident.countryIso3 };
  }

  @FieldResolver(() => Source, { nullable: true })
  async source(@Root() incident: Incident, @Ctx() ctx: SituationsContext): Promise<Source | null> {
    return incident.sourceId ? ctx.loaders.source.load(incident.sourceId) : null;
  }
}
