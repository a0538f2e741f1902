// Recording an engagement between the Office and a partner: by the Office's editors for
// any partner, or by a partner's editors for itself. One audited transaction (kernel/write/writing.ts).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { forbidden } from '../../../platform/errors';
import { ownership } from '../../kernel/policy/ownership';
import { HUB_SHARING_DEFAULTS } from '../../kernel/policy/sharing-defaults';
import { countryCode, dateRange, isoDate, partnerCode } from '../../kernel/write/validation';
import { assertCanCreate, createOnce, idempotentRequest, InputProblems, insertAudited, visibleRecord } from '../../kernel/write/writing';
import { checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { checkPartnerCodes, findPartner, sharingDefaultsOf } from '../rules/partner.rules';
import { engagementSharing } from '../rules/engagement.rules';
import { Engagement } from '../entities/engagement.entity';
import { RecordEngagementInput } from './engagement.inputs';

const JOINT_OFFICE = 'UN-JO';

@Resolver()
export class EngagementMutationResolver {
  @Mutation(() => Engagement, {
    description:
      "Records an engagement between the Office and a partner (editors of UN-JO for any partner, a partner's editors for their own). Your organisation owns the record. Quiet diplomacy is always RED: RED when classification is left out, refused at any other level. Retrying with the same idempotencyKey returns the first record.",
  })
  async recordEngagement(@Arg('input', () => RecordEngagementInput) input: RecordEngagementInput, @Ctx() ctx: SubgraphContext): Promise<Engagement> {
    const org = assertCanCreate(ctx.viewer);
    const viewer = ctx.viewer;
    const code = partnerCode(input.partnerCode, 'partnerCode');
    if (org !== JOINT_OFFICE && code !== org) throw forbidden(`Editors of ${org} record only engagements of ${org} with the Office`);
    let values: Omit<Engagement, 'id' | 'ownerOrg' | 'createdByOrg' | 'createdAt' | 'updatedAt' | 'version'> & Sharing;
    return createOnce(ctx, idempotentRequest(viewer, 'recordEngagement', 'Engagement', input), {
      prepare: async () => {
        const problems = new InputProblems();
        if (code === JOINT_OFFICE) problems.add('partnerCode', 'partnerCode: an engagement is between the Office and another partner');
        else if (!(await findPartner(ctx.db.manager, viewer, code)))
          problems.add('partnerCode', `partnerCode: unknown partner ${JSON.stringify(input.partnerCode)}`);
        problems.check(() => isoDate(input.startDate, 'startDate'));
        if (input.endDate) problems.check(() => dateRange(input.startDate, input.endDate, 'endDate'));
        const countryIso3 = input.countryIso3 ? (problems.check(() => countryCode(input.countryIso3!, 'countryIso3')) ?? null) : null;
        const sharing = engagementSharing(
          problems,
          input.kind,
          input,
          sharingDefaultsOf(await findPartner(ctx.db.manager, viewer, org)) ?? HUB_SHARING_DEFAULTS,
        );
        checkSharing(problems, sharing);
        await checkPartnerCodes(ctx.db.manager, problems, input.sharedWith ?? [], 'sharedWith');
        problems.throwIfAny();
        values = {
          partnerCode: code,
          kind: input.kind,
          title: input.title,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          city: input.city ?? null,
          countryIso3,
          source: input.source ?? null,
          ...sharing,
        };
      },
      create: (tx, id) => insertAudited(tx, Engagement, 'Engagement', { id, ...values, ...ownership({ ownerOrg: org, ...values }) }),
      load: (manager, id) => visibleRecord(manager, viewer, Engagement, 'engagement', id),
    });
  }
}
