// Fields this subgraph contributes to entities other subgraphs own: Country.situations and
// Partner.assessments. The gateway sends their keys in one _entities call per plan step.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { Country, Partner } from '../entities/references';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation } from '../entities/situation.entity';
import { assessmentsByOrgLoader, situationsByCountryLoader } from '../loaders';

@Resolver(() => Country)
export class CountrySituationsResolver {
  @FieldResolver(() => [Situation], { description: 'Situations monitored in the country, most recently opened first.' })
  async situations(@Root() country: Country, @Ctx() ctx: SubgraphContext): Promise<Situation[]> {
    return situationsByCountryLoader(ctx).load(country.iso3);
  }
}

@Resolver(() => Partner)
export class PartnerAssessmentsResolver {
  @FieldResolver(() => [RiskAssessment], { description: 'Risk assessments made by the organisation, most recent first.' })
  async assessments(@Root() partner: Partner, @Ctx() ctx: SubgraphContext): Promise<RiskAssessment[]> {
    return assessmentsByOrgLoader(ctx).load(partner.code);
  }
}
