// Writing a field report: one transaction through the kernel's write path (the record and its
// audit event together, a retry with the same idempotencyKey returning the first report). Only
// IGAD writes CEWARN reports: an editor of another organisation is FORBIDDEN here, although the
// kernel would let it create records of its own organisation elsewhere.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import {
  assertCanCreate,
  checkPartnerCodes,
  checkSharing,
  countryCode,
  createOnce,
  forbidden,
  idempotentRequest,
  InputProblems,
  insertAudited,
  newRecordSharing,
  notInFuture,
  ownership,
  visibleRecord,
  type SubgraphContext,
} from '@hub/kernel';
import { FieldReport } from '../entities/field-report.entity';
import { ReportCewarnFieldInput } from './field-report.inputs';

/** The organisation whose mechanism this subgraph carries: the owner of every report. */
export const OWNER_ORG = 'IGAD';

const KIND = 'CEWARN field report';

@Resolver()
export class FieldReportMutationResolver {
  @Mutation(() => FieldReport, {
    description:
      'Records a CEWARN field report owned by IGAD (IGAD editors and admins). Retrying with the same idempotencyKey returns the first report; reusing a key for a different report is BAD_USER_INPUT.',
  })
  async reportCewarnField(
    @Arg('input', () => ReportCewarnFieldInput) input: ReportCewarnFieldInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FieldReport> {
    const org = assertCanCreate(ctx.viewer);
    if (org !== OWNER_ORG) throw forbidden(`Only ${OWNER_ORG} records CEWARN field reports`);
    const viewer = ctx.viewer;
    let values: Omit<FieldReport, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'situationId'>;
    return createOnce(ctx, idempotentRequest(viewer, 'reportCewarnField', 'FieldReport', input), {
      // Outside the transaction: the sharing defaults and the partner codes are the partners subgraph's to answer.
      prepare: async () => {
        const problems = new InputProblems();
        const countryIso3 = problems.check(() => countryCode(input.countryIso3, 'countryIso3'));
        problems.check(() => notInFuture(input.reportedOn, 'reportedOn'));
        const sharing = await newRecordSharing(ctx, input);
        checkSharing(problems, sharing);
        await checkPartnerCodes(ctx, problems, { sharedWith: sharing.sharedWith });
        problems.throwIfAny();
        values = {
          countryIso3: countryIso3!,
          reportedOn: input.reportedOn,
          title: input.title,
          summary: input.summary,
          ...ownership({ ownerOrg: OWNER_ORG, ...sharing }),
        };
      },
      create: (tx, id) => insertAudited(tx, FieldReport, 'FieldReport', { id, ...values, situationId: null }),
      load: (manager, id) => visibleRecord(manager, viewer, FieldReport, KIND, id),
    });
  }
}
