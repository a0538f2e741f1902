// Situations: root lookups and the links from a situation to its countries, assessments and incidents.
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import {
  connectionType,
  MAX_PAGE_SIZE,
  paginate,
  paginateList,
  prebuiltList,
  type Connection,
  type SortKey,
  ConnectionSize,
} from '../../kernel/read/connection';
import { queryOf } from '../../kernel/read/reading';
import { referenceKey, uuid } from '../../kernel/write/validation';
import { RiskLevel } from '../../kernel/schema/vocabulary';
import { Incident } from '../entities/incident.entity';
import { Country } from '../entities/references';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation } from '../entities/situation.entity';
import { applySituationFilter, SituationFilter } from './situation.filter';
import type { SituationsContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

const SITUATION_ORDER: SortKey<Situation>[] = [
  { sql: 's.opened_on', direction: 'DESC', kind: 'date', value: (s) => s.openedOn },
  { sql: 's.id', direction: 'ASC', kind: 'uuid', value: (s) => s.id },
];

// The unfiltered list, which dashboards ask for, is written once; a filtered one is built per request.
const ALL_SITUATIONS = prebuiltList('situations_page', Situation, 's', 'id', SITUATION_ORDER);

export const SituationConnection = connectionType(Situation, 'Situation');

@Resolver(() => Situation)
export class SituationResolver {
  @ConnectionSize()
  @Query(() => SituationConnection, { nullable: true, description: 'Situations, most recently opened first, a page at a time.' })
  async situations(
    @Arg('filter', () => SituationFilter, { nullable: true }) filter: SituationFilter | undefined,
    @Arg('first', () => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE} (default 20).` }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: SituationsContext,
  ): Promise<Connection<Situation>> {
    if (!filter) return paginateList(ctx, ALL_SITUATIONS, { first, after });
    const query = queryOf(ctx, Situation, 's');
    if (!(await applySituationFilter(ctx, query, filter))) query.andWhere('FALSE');
    return paginate(ctx, query, SITUATION_ORDER, { first, after });
  }

  @Query(() => Situation, { nullable: true, description: 'One situation by id.' })
  async situation(@Arg('id', () => ID) id: string, @Ctx() ctx: SituationsContext): Promise<Situation | null> {
    return ctx.loaders.situation.load(uuid(id, 'id'));
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description:
      'The primary country of the situation, the first of `countries` (null while the partners subgraph cannot answer; countryIso3 stays).',
  })
  country(@Root() situation: Situation): Country {
    return { iso3: situation.countryIso3 };
  }

  @ListSize(20)
  @FieldResolver(() => [Country], {
    nullable: 'itemsAndList',
    description:
      'Every country the situation concerns, the primary country first: more than one for a cross-border or regional situation (null while the partners subgraph cannot answer; countryCodes stays).',
  })
  countries(@Root() situation: Situation): Country[] {
    return situation.countryCodes.map((iso3) => ({ iso3 }));
  }

  @ListSize(20)
  @FieldResolver(() => [RiskAssessment], { description: 'Assessments of the situation, oldest first.' })
  async assessments(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<RiskAssessment[]> {
    return ctx.loaders.assessmentsBySituation.load(situation.id);
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: 'The most recent assessment.' })
  async latestAssessment(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<RiskAssessment | null> {
    const assessments = await ctx.loaders.assessmentsBySituation.load(situation.id);
    return assessments[assessments.length - 1] ?? null;
  }

  @FieldResolver(() => RiskLevel, { nullable: true, description: 'Overall level of the most recent assessment.' })
  async currentLevel(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<RiskLevel | null> {
    return (await this.latestAssessment(situation, ctx))?.overallLevel ?? null;
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'The users (JWT subjects) a RED situation names as its readers; shown only to the owner organisation, null for everyone else.',
  })
  sharedWithUsers(@Root() situation: Situation, @Ctx() ctx: SituationsContext): string[] | null {
    return ctx.viewer.org === situation.ownerOrg ? situation.sharedWithUsers : null;
  }

  @ListSize(100)
  @FieldResolver(() => [Incident], { description: 'Incidents reported in the situation, most recent first.' })
  async incidents(@Root() situation: Situation, @Ctx() ctx: SituationsContext): Promise<Incident[]> {
    return ctx.loaders.incidentsBySituation.load(situation.id);
  }
}

/** Entity references arrive from the gateway with ids other subgraphs hold; a malformed one is simply not found. */
export async function resolveSituationReference(reference: { id: string }, ctx: SituationsContext): Promise<Situation | null> {
  const id = referenceKey('uuid', reference.id);
  return id ? ctx.loaders.situation.load(id) : null;
}
