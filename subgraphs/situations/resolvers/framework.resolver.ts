// The Framework of Analysis, read as data.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findVisible } from '../../kernel/read/reading';
import { Framework, Indicator, RiskFactor } from '../entities/framework.entity';
import type { SituationsContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Framework)
export class FrameworkResolver {
  @ListSize(5)
  @Query(() => [Framework], { nullable: true, description: 'Versions of the Framework of Analysis, newest first.' })
  async frameworks(@Ctx() ctx: SituationsContext): Promise<Framework[]> {
    return findVisible(ctx, Framework, 'f', (q) => q.orderBy('f.year', 'DESC'));
  }

  @Query(() => Framework, { nullable: true })
  async framework(@Arg('version', () => String) version: string, @Ctx() ctx: SituationsContext): Promise<Framework | null> {
    const [framework] = await findVisible(ctx, Framework, 'f', (q) => q.andWhere('f.id = :version', { version }));
    return framework ?? null;
  }

  @ListSize(20)
  @FieldResolver(() => [RiskFactor])
  async riskFactors(@Root() framework: Framework, @Ctx() ctx: SituationsContext): Promise<RiskFactor[]> {
    return ctx.loaders.riskFactorsByFramework.load(framework.id);
  }
}

@Resolver(() => RiskFactor)
export class RiskFactorResolver {
  @ListSize(20)
  @FieldResolver(() => [Indicator])
  async indicators(@Root() factor: RiskFactor, @Ctx() ctx: SituationsContext): Promise<Indicator[]> {
    return ctx.loaders.indicatorsByRiskFactor.load(factor.id);
  }
}
