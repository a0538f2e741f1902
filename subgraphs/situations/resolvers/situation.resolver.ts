// Situations: root lookups and the links from a situation to its country, assessments and incidents.
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { queryOf, readVisible } from '../../kernel/reading';
import { countryCodes, uuid } from '../../kernel/validation';
import { Crime, RiskLevel } from '../../kernel/vocabulary';
import { Incident } from '../entities/incident.entity';
import { Country } from '../entities/references';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation, SituationStatus } from '../entities/situation.entity';
import { assessmentsBySituationLoader, incidentsBySituationLoader, situationLoader } from '../loaders';

@InputType({ description: 'Narrows the situation list; all given conditions must hold.' })
export class SituationFilter {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes.' })
  countries?: string[];

  @Field(() => [SituationStatus], { nullable: true })
  statuses?: SituationStatus[];

  @Field(() => [Crime], { nullable: true, description: 'Situations monitored for any of these crimes.' })
  crimes?: Crime[];
}

@Resolver(() => Situation)
export class SituationResolver {
  @Query(() => [Situation], { description: 'Situations, most recently opened first.' })
  async situations(@Arg('filter', () => SituationFilter, { nullable: true }) filter: SituationFilter | undefined, @Ctx() ctx: SubgraphContext): Promise<Situation[]> {
    const query = queryOf(ctx, Situation, 's').orderBy('s.opened_on', 'DESC').addOrderBy('s.id', 'ASC');
    if (filter?.countries) query.andWhere('s.country_iso3 IN (:...countries)', { countries: countryCodes(filter.countries, 'filter.countries') });
    if (filter?.statuses?.length) query.andWhere('s.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.crimes?.length) query.andWhere('s.crimes && CAST(:crimes AS situations.crime[])', { crimes: filter.crimes });
    if (filter?.countries?.length === 0) return [];
    return readVisible(ctx, query);
  }

  @Query(() => Situation, { nullable: true, description: 'One situation by id.' })
  async situation(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Situation | null> {
    return situationLoader(ctx).load(uuid(id, 'id'));
  }

  @FieldResolver(() => Country)
  country(@Root() situation: Situation): Country {
    return { iso3: situation.countryIso3 };
  }

  @FieldResolver(() => [RiskAssessment], { description: 'Assessments of the situation, oldest first.' })
  async assessments(@Root() situation: Situation, @Ctx() ctx: SubgraphContext): Promise<RiskAssessment[]> {
    return assessmentsBySituationLoader(ctx).load(situation.id);
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: 'The most recent assessment.' })
  async latestAssessment(@Root() situation: Situation, @Ctx() ctx: SubgraphContext): Promise<RiskAssessment | null> {
    const assessments = await assessmentsBySituationLoader(ctx).load(situation.id);
    return assessments[assessments.length - 1] ?? null;
  }

  @FieldResolver(() => RiskLevel, { nullable: true, description: 'Overall level of the most recent assessment.' })
  async currentLevel(@Root() situation: Situation, @Ctx() ctx: SubgraphContext): Promise<RiskLevel | null> {
    return (await this.latestAssessment(situation, ctx))?.overallLevel ?? null;
  }

  @FieldResolver(() => [Incident], { description: 'Incidents reported in the situation, most recent first.' })
  async incidents(@Root() situation: Situation, @Ctx() ctx: SubgraphContext): Promise<Incident[]> {
    return incidentsBySituationLoader(ctx).load(situation.id);
  }
}

/** Entity references arrive from the gateway with ids other subgraphs hold; a malformed one is simply not found. */
export async function resolveSituationReference(reference: { id: string }, ctx: SubgraphContext): Promise<Situation | null> {
  if (!/^[0-9a-f-]{36}$/i.test(reference.id)) return null;
  return situationLoader(ctx).load(reference.id.toLowerCase());
}
