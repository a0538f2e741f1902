// Risk assessments: the situation, framework and organisation each one belongs to.
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Partner } from '../entities/references';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation } from '../entities/situation.entity';
import type { SituationsContext } from '../loaders';

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @FieldResolver(() => Situation, { nullable: true })
  async situation(@Root() assessment: RiskAssessment, @Ctx() ctx: SituationsContext): Promise<Situation | null> {
    return ctx.loaders.situation.load(assessment.situationId);
  }

  @FieldResolver(() => Int, {
    description: "Sequence of this assessment among the situation's assessments by the same organisation that you may read.",
  })
  assessmentNumber(@Root() assessment: RiskAssessment, @Ctx() ctx: SituationsContext): Promise<number> {
    return ctx.loaders.assessmentNumber.load(`${assessment.situationId}/${assessment.id}`);
  }

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The organisation that made the assessment (null while the partners subgraph cannot answer; assessedByOrg stays).',
  })
  assessedBy(@Root() assessment: RiskAssessment): Partner {
    return { code: assessment.assessedByOrg };
  }
}
