// The Framework of Analysis, read as data: the Office's versions and those partners loaded.
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { findVisible } from '../../kernel/read/reading';
import { Framework, Indicator, RiskFactor, WordingStatus } from '../entities/framework.entity';
import type { SituationsContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Framework)
export class FrameworkResolver {
  @ListSize(5)
  @Query(() => [Framework], { nullable: true, description: 'Versions of the Framework of Analysis, newest first.' })
  async frameworks(@Ctx() ctx: SituationsContext): Promise<Framework[]> {
    return findVisible(ctx, Framework, 'f', (q) => q.orderBy('f.year', 'DESC'));
  }

  @Query(() => Framework, {
    nullable: true,
    description: 'One version of the Framework of Analysis, or a partner\'s scheme loaded beside it, e.g. "2014".',
  })
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

  @FieldResolver(() => Boolean, {
    description:
      "True when the factor's title and description were checked against the framework's source document (wordingStatus VERIFIED); each indicator says the same for itself.",
  })
  verified(@Root() factor: RiskFactor): boolean {
    return factor.wordingStatus === WordingStatus.VERIFIED;
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => Boolean, {
    description:
      "True when the indicator's text was checked against the framework's source document and may be cited as its wording (wordingStatus VERIFIED); false when it is paraphrased or reconstructed.",
  })
  verified(@Root() indicator: Indicator): boolean {
    return indicator.wordingStatus === WordingStatus.VERIFIED;
  }
}
