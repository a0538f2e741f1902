// Recording a change in a country's membership of a partner (its admins): the new period and the
// closing of the open one are written in one audited transaction, or neither is.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { assertAdminOf } from '../../kernel/policy/access-policy';
import type { SubgraphContext } from '../../kernel/service/context';
import { ownership } from '../../kernel/policy/ownership';
import { HUB_SHARING_DEFAULTS, sharingOf } from '../../kernel/policy/sharing-defaults';
import { countryCode, isoDate, partnerCode } from '../../kernel/write/validation';
import {
  createOnce,
  idempotentRequest,
  InputProblems,
  insertAudited,
  requireSignedIn,
  updateVersioned,
  visibleRecord,
} from '../../kernel/write/writing';
import { checkSharing, type Sharing } from '../../kernel/policy/no-write-down';
import { checkPartnerCodes, findPartner, sharingDefaultsOf } from '../rules/partner.rules';
import { Membership } from '../entities/membership.entity';
import { planMembershipChange, type MembershipChange } from '../rules/membership.rules';
import { RecordMembershipChangeInput } from './membership.inputs';

const KIND = 'membership';

@Resolver()
export class MembershipMutationResolver {
  @Mutation(() => Membership, {
    description:
      "Records a change in a country's membership of your organisation (admins) and returns the new period. Retrying with the same idempotencyKey returns the first period.",
  })
  async recordMembershipChange(
    @Arg('input', () => RecordMembershipChangeInput) input: RecordMembershipChangeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Membership> {
    requireSignedIn(ctx.viewer);
    const viewer = ctx.viewer;
    const code = partnerCode(input.partnerCode, 'partnerCode');
    assertAdminOf(viewer, code);
    let change: MembershipChange;
    let sharing: Sharing;
    return createOnce(ctx, idempotentRequest(viewer, 'recordMembershipChange', 'Membership', input), {
      prepare: async () => {
        const problems = new InputProblems();
        const partner = await findPartner(ctx.db.manager, viewer, code);
        if (!partner) problems.add('partnerCode', `partnerCode: unknown partner ${JSON.stringify(input.partnerCode)}`);
        const countryIso3 = problems.check(() => countryCode(input.countryIso3, 'countryIso3')) ?? input.countryIso3;
        problems.check(() => isoDate(input.validFrom, 'validFrom'));
        if (input.validTo && input.validTo <= input.validFrom)
          problems.add(
            'validTo',
            `validTo (${input.validTo}) must be after validFrom (${input.validFrom}): it is the first day the period no longer holds`,
          );
        sharing = sharingOf(input, sharingDefaultsOf(partner) ?? HUB_SHARING_DEFAULTS);
        checkSharing(problems, sharing);
        await checkPartnerCodes(ctx.db.manager, problems, input.sharedWith ?? [], 'sharedWith');
        problems.throwIfAny();
        change = { countryIso3, status: input.status, validFrom: input.validFrom, validTo: input.validTo ?? null };
      },
      create: async (tx, id) => {
        // The partner's row is locked so that its membership changes are planned one after another:
        // two concurrent changes could otherwise each find no overlap and both be stored.
        await findPartner(tx.manager, viewer, code, true);
        const periods = await tx.manager
          .getRepository(Membership)
          .createQueryBuilder('m')
          .where('m.partner_code = :code AND m.country_iso3 = :iso3', { code, iso3: change.countryIso3 })
          .getMany();
        const problems = new InputProblems();
        const plan = planMembershipChange(problems, periods, change);
        problems.throwIfAny();
        if (plan!.close) await updateVersioned(tx, Membership, 'Membership', plan!.close, { validTo: change.validFrom });
        return insertAudited(tx, Membership, 'Membership', {
          id,
          partnerCode: code,
          countryIso3: change.countryIso3,
          status: change.status,
          validFrom: change.validFrom,
          validTo: change.validTo,
          note: input.note ?? null,
          ...ownership({ ownerOrg: code, ...sharing }),
        });
      },
      load: (manager, id) => visibleRecord(manager, viewer, Membership, KIND, id),
    });
  }
}
