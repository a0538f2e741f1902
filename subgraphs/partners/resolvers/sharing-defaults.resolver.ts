// Partner.sharingDefaults: read by the organisation's own members, and by the other subgraphs on
// their behalf when a create leaves classification out (kernel/policy/sharing-defaults.ts).
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { Classification } from '../../kernel/policy/ownership';
import { sharingDefaultsOf } from '../rules/partner.rules';
import { Partner } from '../entities/partner.entity';

@ObjectType({ description: "The sharing an organisation's new records get when a create leaves classification out." })
export class SharingDefaults {
  @Field(() => Classification)
  classification: Classification;

  @Field(() => [String], { description: 'For AMBER and AMBER_STRICT: the organisations new records are shared with.' })
  sharedWith: string[];
}

@Resolver(() => Partner)
export class PartnerSharingDefaultsResolver {
  // Whom an organisation shares with by default says whom it trusts: only its own members learn it.
  @FieldResolver(() => SharingDefaults, {
    nullable: true,
    description: "Your own organisation's sharing defaults (set by its admins with setSharingDefaults); null for any other organisation.",
  })
  sharingDefaults(@Root() partner: Partner, @Ctx() ctx: SubgraphContext): SharingDefaults | null {
    return ctx.viewer.org === partner.code ? sharingDefaultsOf(partner) : null;
  }
}
