// Fields this subgraph contributes to entities other subgraphs own: Country.cewarnReports (the
// partners subgraph's Country) and Situation.cewarnReports (the situations subgraph's). The gateway
// sends the keys of every country or situation in one _entities call per plan step, and the
// request's loaders turn that call into one policed query.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ListSize } from '@hub/kernel';
import { Country, Situation } from '../entities/references';
import { FieldReport } from '../entities/field-report.entity';
import type { CewarnContext } from '../loaders';

@Resolver(() => Country)
export class CountryCewarnResolver {
  @ListSize(20)
  @FieldResolver(() => [FieldReport], {
    nullable: true,
    description: 'IGAD CEWARN field reports on the country that you may read, most recent first (null while the cewarn subgraph cannot answer).',
  })
  async cewarnReports(@Root() country: Country, @Ctx() ctx: CewarnContext): Promise<FieldReport[]> {
    return ctx.loaders.reportsByCountry.load(country.iso3);
  }
}

@Resolver(() => Situation)
export class SituationCewarnResolver {
  @ListSize(20)
  @FieldResolver(() => [FieldReport], {
    nullable: true,
    description: 'IGAD CEWARN field reports on the situation that you may read, most recent first (null while the cewarn subgraph cannot answer).',
  })
  async cewarnReports(@Root() situation: Situation, @Ctx() ctx: CewarnContext): Promise<FieldReport[]> {
    return ctx.loaders.reportsBySituation.load(situation.id);
  }
}
