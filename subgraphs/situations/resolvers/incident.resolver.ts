// Incidents and their sources.
import { ListSize } from '../../kernel/schema/list-size';
import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, MAX_PAGE_SIZE, paginate, type Connection, type SortKey, ConnectionSize } from '../../kernel/read/connection';
import { queryOf } from '../../kernel/read/reading';
import { referenceKey } from '../../kernel/write/validation';
import { DerivedFrom, derivedFrom } from '../../kernel/policy/citations';
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

  // Internal, for the alerts subgraph citing the incident: it is read under all of these, so its citer must be too.
  @Directive('@inaccessible')
  @ListSize(20)
  @FieldResolver(() => [DerivedFrom], { description: 'Internal: what the incident was derived from, with who may read it now.' })
  derivedFrom(@Root() incident: Incident, @Ctx() ctx: SituationsContext): Promise<DerivedFrom[]> {
    return derivedFrom(ctx.db.manager, ctx.viewer.org, incident.id);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'The users (JWT subjects) a RED incident names as its readers; shown only to the owner organisation, null for everyone else.',
  })
  sharedWithUsers(@Root() incident: Incident, @Ctx() ctx: SituationsContext): string[] | null {
    return ctx.viewer.org === incident.ownerOrg ? incident.sharedWithUsers : null;
  }
}

/** Entity references arrive from other subgraphs with ids they hold; a malformed one is simply not found. */
export async function resolveIncidentReference(reference: { id: string }, ctx: SituationsContext): Promise<Incident | null> {
  const id = referenceKey('uuid', reference.id);
  return id ? ctx.loaders.incident.load(id) : null;
}
