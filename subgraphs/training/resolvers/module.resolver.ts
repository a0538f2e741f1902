// Training modules: the curriculum sessions draw on.
import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { Module } from '../entities/module.entity';

@Resolver(() => Module)
export class ModuleResolver {
  @Query(() => [Module], { description: 'Every training module, by code.' })
  async modules(@Ctx() ctx: SubgraphContext): Promise<Module[]> {
    return ctx.db.getRepository(Module).find({ order: { code: 'ASC' } });
  }
}
