// Training modules: the curriculum sessions draw on.
import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { findVisible } from '../../kernel/read/reading';
import { TrainingModule } from '../entities/training-module.entity';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => TrainingModule)
export class TrainingModuleResolver {
  @ListSize(50)
  @Query(() => [TrainingModule], { nullable: true, description: 'Every training module, by code.' })
  async modules(@Ctx() ctx: SubgraphContext): Promise<TrainingModule[]> {
    return findVisible(ctx, TrainingModule, 'm', (q) => q.orderBy('m.code', 'ASC'));
  }
}
