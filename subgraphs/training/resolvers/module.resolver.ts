// Training modules: the curriculum sessions draw on.
import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { findVisible } from '../../kernel/read/reading';
import { Module } from '../entities/module.entity';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Module)
export class ModuleResolver {
  @ListSize(50)
  @Query(() => [Module], { nullable: true, description: 'Every training module, by code.' })
  async modules(@Ctx() ctx: SubgraphContext): Promise<Module[]> {
    return findVisible(ctx, Module, 'm', (q) => q.orderBy('m.code', 'ASC'));
  }
}
