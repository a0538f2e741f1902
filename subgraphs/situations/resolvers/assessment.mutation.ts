// Adding a risk assessment to a situation: always a new row, numbered among the assessing
// organisation's assessments of that situation, so no earlier assessment is ever overwritten.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { ownership } from '../../kernel/policy/ownership';
import { checkPartnerCodes } from '../../kernel/write/reference-codes';
import { newRecordSharing } from '../../kernel/policy/sharing-defaults';
import { assertCanCreate, createOnce, idempotentRequest, InputProblems, insertAudited, visibleRecord } from '../../kernel/write/writing';
import { checkAgainstFramework, checkAssessmentFields } from '../rules/assessment.rules';
import { RiskAssessment, type RiskFactorScore } from '../entities/risk-assessment.entity';
import { checkNoWriteDown, checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { citedRecord, raiseFloors } from '../../kernel/policy/record-floor';
import { citedSituation } from '../rules/situation.rules';
import { AddRiskAssessmentInput } from './assessment.inputs';

@Resolver()
export class RiskAssessmentMutationResolver {
  @Mutation(() => RiskAssessment, {
    description:
      "Adds your organisation's assessment of a situation you may read (editors and admins); your organisation owns it and is its assessedBy. An AMBER_STRICT situation's assessment is AMBER_STRICT or RED and shared no wider than the situation. Retrying with the same idempotencyKey returns the first assessment.",
  })
  async addRiskAssessment(
    @Arg('input', () => AddRiskAssessmentInput) input: AddRiskAssessmentInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RiskAssessment> {
    const org = assertCanCreate(ctx.viewer);
    const viewer = ctx.viewer;
    let sharing: Sharing;
    let factors: RiskFactorScore[];
    return createOnce(ctx, idempotentRequest(viewer, 'addRiskAssessment', 'RiskAssessment', input), {
      prepare: async () => {
        const problems = new InputProblems();
        sharing = await newRecordSharing(ctx, input);
        checkSharing(problems, sharing);
        checkAssessmentFields(problems, input);
        const situation = await citedSituation(ctx.db.manager, viewer, problems, input.situationId);
        if (situation) checkNoWriteDown(problems, { ownerOrg: org, ...sharing }, [citedRecord('Situation', situation)]);
        factors = await checkAgainstFramework(ctx.db.manager, viewer, problems, input, { ownerOrg: org, ...sharing });
        await checkPartnerCodes(ctx, problems, { sharedWith: input.sharedWith });
        problems.throwIfAny();
      },
      create: async (tx, id) => {
        // Locked FOR UPDATE: the situation cannot be restricted under the assessment being written,
        // and concurrent assessments by one organisation take their numbers one after the other.
        const problems = new InputProblems();
        const situation = await citedSituation(tx.manager, viewer, problems, input.situationId, 'pessimistic_write');
        if (situation) checkNoWriteDown(problems, { ownerOrg: org, ...sharing }, [citedRecord('Situation', situation)]);
        problems.throwIfAny();
        const earlier = await tx.manager.countBy(RiskAssessment, { situationId: situation!.id, assessedByOrg: org });
        const assessment = await insertAudited(tx, RiskAssessment, 'RiskAssessment', {
          id,
          situationId: situation!.id,
          frameworkVersion: input.frameworkVersion,
          assessedByOrg: org,
          assessedOn: input.assessedOn,
          overallLevel: input.overallLevel,
          partnerRatingScheme: input.partnerRatingScheme ?? null,
          partnerRatingValue: input.partnerRatingValue ?? null,
          crimes: input.crimes,
          incitement: input.incitement,
          crimesOccurring: input.crimesOccurring,
          summary: input.summary,
          factors,
          assessmentNumber: earlier + 1,
          ...ownership({ ownerOrg: org, ...sharing }),
        });
        await raiseFloors(tx.manager, [{ recordId: id, cited: [citedRecord('Situation', situation!)] }]);
        return assessment;
      },
      load: (manager, id) => visibleRecord(manager, viewer, RiskAssessment, 'risk assessment', id),
    });
  }
}
