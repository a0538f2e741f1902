// The Framework of Analysis, read as data.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { findVisible } from '../../kernel/read/reading';
import { Framework, Indicator, RiskFactor } from '../entities/framework.entity';
import { indicatorsByRiskFactorLoader, riskFactorsByFrameworkLoader } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Framework)
export class FrameworkResolver {
  @ListSize(5)
  @Query(() => [Framework], { nullable: true, description: 'Versions of the Framework of Analysis, newest first.' })
  async frameworks(@Ctx() ctx: SubgraphContext): Promise<Framework[]> {
    return findVisible(ctx, Framework, 'f', (q) => q.orderBy('f.year', 'DESC'));
  }

  @Query(() => Framework, { nullable: true })
  async framework(@Arg('version', () => String) version: string, @Ctx() ctx: SubgraphContext): Promise<Framework | null> {
    const [framework] = await findVisible(ctx, Framework, 'f', (q) => q.andWhere('f.id = :version', { version }));
    return framework ?? null;
  }

  @ListSize(20)
  @FieldResolver(() => [RiskFactor])
  async riskFactors(@Root() framework: Framework, @Ctx() ctx: SubgraphContext): Promise<RiskFactor[]> {
    return riskFactorsByFrameworkLoader(ctx).load(framework.id);
  }
}

@Resolver(() => RiskFactor)
export class RiskFactorResolver {
  @ListSize(20)
  @FieldResolver(() => [Indicator])
  async indicators(@Root() factor: RiskFactor, @Ctx() ctx: SubgraphContext): Promise<Indicator[]> {
    return indicatorsByRiskFactorLoader(ctx).load(factor.id);
  }
}
