// Risk assessments: the situation, framework and organisation each one belongs to.
import { ListSize } from '../../kernel/schema/list-size';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { referenceKey } from '../../kernel/write/validation';
import { DerivedFrom, derivedFrom } from '../../kernel/policy/citations';
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

  // Internal, for the alerts subgraph citing the assessment: it is read under all of these, so its citer must be too.
  @Directive('@inaccessible')
  @ListSize(20)
  @FieldResolver(() => [DerivedFrom], { description: 'Internal: what the assessment was derived from, with who may read it now.' })
  derivedFrom(@Root() assessment: RiskAssessment, @Ctx() ctx: SituationsContext): Promise<DerivedFrom[]> {
    return derivedFrom(ctx.db.manager, ctx.viewer.org, assessment.id);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'The users (JWT subjects) a RED assessment names as its readers; shown only to the owner organisation, null for everyone else.',
  })
  sharedWithUsers(@Root() assessment: RiskAssessment, @Ctx() ctx: SituationsContext): string[] | null {
    return ctx.viewer.org === assessment.ownerOrg ? assessment.sharedWithUsers : null;
  }
}

/** Entity references arrive from other subgraphs with ids they hold; a malformed one is simply not found. */
export async function resolveAssessmentReference(reference: { id: string }, ctx: SituationsContext): Promise<RiskAssessment | null> {
  const id = referenceKey('uuid', reference.id);
  return id ? ctx.loaders.assessment.load(id) : null;
}
