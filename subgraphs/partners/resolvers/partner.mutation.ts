// An organisation's own Partner record, changed by its admins: the public profile and the sharing
// defaults of its new records. One transaction each, audited (kernel/write/writing.ts).
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { applyChanges } from '../../kernel/write/record-inputs';
import { countryCode, partnerCode } from '../../kernel/write/validation';
import { InputProblems, runMutation } from '../../kernel/write/writing';
import { checkSharing } from '../../kernel/policy/no-write-down';
import { checkPartnerCodes, lockPartnerForAdmin, updatePartner, updateSharingDefaults } from '../rules/partner.rules';
import { Partner } from '../entities/partner.entity';
import { SetSharingDefaultsInput, UpdatePartnerProfileInput } from './partner.inputs';

const PROFILE_FIELDS = ['name', 'website', 'headquartersIso3', 'headquartersCity'] as const;
type Profile = Pick<Partner, (typeof PROFILE_FIELDS)[number]>;

@Resolver()
export class PartnerMutationResolver {
  @Mutation(() => Partner, { description: "Changes your organisation's name, website or headquarters (admins of the organisation)." })
  async updatePartnerProfile(
    @Arg('input', () => UpdatePartnerProfileInput) input: UpdatePartnerProfileInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Partner> {
    return runMutation(ctx, async (tx) => {
      const partner = await lockPartnerForAdmin(tx, partnerCode(input.code, 'code'), input.version);
      const problems = new InputProblems();
      const current: Profile = {
        name: partner.name,
        website: partner.website,
        headquartersIso3: partner.headquartersIso3,
        headquartersCity: partner.headquartersCity,
      };
      const profile = applyChanges(problems, current, input, PROFILE_FIELDS, ['website', 'headquartersIso3', 'headquartersCity']);
      if (profile.headquartersIso3)
        profile.headquartersIso3 = problems.check(() => countryCode(profile.headquartersIso3!, 'headquartersIso3')) ?? null;
      problems.throwIfAny();
      return updatePartner(tx, partner, profile);
    });
  }

  @Mutation(() => Partner, {
    description:
      "Sets the classification and sharedWith your organisation's new records get in every subgraph when a create leaves classification out (admins of the organisation). Records already stored keep theirs.",
  })
  async setSharingDefaults(
    @Arg('input', () => SetSharingDefaultsInput) input: SetSharingDefaultsInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Partner> {
    return runMutation(ctx, async (tx) => {
      const partner = await lockPartnerForAdmin(tx, partnerCode(input.code, 'code'), input.version);
      const problems = new InputProblems();
      checkSharing(problems, { classification: input.classification, sharedWith: input.sharedWith, sharedWithUsers: [] });
      if (input.sharedWith.includes(partner.code))
        problems.add('sharedWith', `sharedWith: ${partner.code} reads its own records anyway; name other organisations`);
      await checkPartnerCodes(tx.manager, problems, input.sharedWith, 'sharedWith');
      problems.throwIfAny();
      return updateSharingDefaults(tx, partner, { classification: input.classification, sharedWith: input.sharedWith });
    });
  }
}
