// Fields this subgraph contributes to entities the partners subgraph owns: Country.trainingSessions
// and Partner.trainingSessions. The gateway sends their keys in one _entities call per plan step,
// and the loaders turn that call into one query.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Country, Partner } from '../entities/references';
import { TrainingSession } from '../entities/training-session.entity';
import type { TrainingContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Country)
export class CountryTrainingResolver {
  @ListSize(20)
  @FieldResolver(() => [TrainingSession], {
    nullable: true,
    description: 'Training sessions held in the country (null while the training subgraph cannot answer), most recent first.',
  })
  async trainingSessions(@Root() country: Country, @Ctx() ctx: TrainingContext): Promise<TrainingSession[]> {
    return ctx.loaders.sessionsByCountry.load(country.iso3);
  }
}

@Resolver(() => Partner)
export class PartnerTrainingResolver {
  @ListSize(100)
  @FieldResolver(() => [TrainingSession], {
    nullable: true,
    description:
      'Training sessions credited to the organisation: those it owns and those it confirmed it co-organised (null while the training subgraph cannot answer), most recent first.',
  })
  async trainingSessions(@Root() partner: Partner, @Ctx() ctx: TrainingContext): Promise<TrainingSession[]> {
    return ctx.loaders.sessionsByOrganiser.load(partner.code);
  }
}
