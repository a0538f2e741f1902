// Risk assessments: the situation, framework and organisation each one belongs to.
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { Partner } from '../entities/references';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation } from '../entities/situation.entity';
import { assessmentNumberLoader, situationLoader } from '../loaders';

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @FieldResolver(() => Situation, { nullable: true })
  async situation(@Root() assessment: RiskAssessment, @Ctx() ctx: SubgraphContext): Promise<Situation | null> {
    return situationLoader(ctx).load(assessment.situationId);
  }

  @FieldResolver(() => Int, { description: "Sequence of this assessment among the situation's assessments by the same organisation that you may read." })
  assessmentNumber(@Root() assessment: RiskAssessment, @Ctx() ctx: SubgraphContext): Promise<number> {
    return assessmentNumberLoader(ctx).load(`${assessment.situationId}/${assessment.id}`);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The organisation that made the assessment (null while the partners subgraph cannot answer; assessedByOrg stays).' })
  assessedBy(@Root() assessment: RiskAssessment): Partner {
    return { code: assessment.assessedByOrg };
  }
}
