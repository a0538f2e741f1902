// "Members of X on a date", answered with what the hub's records can and cannot say for that day:
// a membership whose start is not recorded began "before the hub's records", not "always"; a
// network known by its launch and number of States, not their names, has members not listed, not 0.
import { ListSize } from '../../kernel/schema/list-size';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { LocalDate } from '../../kernel/schema/scalars';
import { isoDate } from '../../kernel/write/validation';
import { Country } from '../entities/country.entity';
import { Membership } from '../entities/membership.entity';
import { Partner } from '../entities/partner.entity';
import type { PartnersContext } from '../loaders';
import { answersBeforeRecords, membersOnStanding, recordsBegin } from '../rules/membership.rules';

@ObjectType({ description: "A partner's members on one day, and how far the hub's records vouch for that day." })
export class PartnerMembersOn {
  @Field(() => LocalDate, { description: 'The day asked for.' })
  on: string;

  @Field({ description: 'What the partner calls its members, e.g. "Member States", "participating States" (Partner.memberTerm).' })
  memberTerm: string;

  @ListSize(100)
  @Field(() => [Country], { description: 'The members on that day, by ISO code; suspended members are not counted.' })
  memberStates: Country[];

  @ListSize(100)
  @Field(() => [Membership], { description: 'The membership periods that make them members on that day.' })
  memberships: Membership[];

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'The earliest day any of the partner\'s membership facts in the hub gives (a start, an end, a "not before"); null when none is dated.',
  })
  recordsBegin: string | null;

  @Field({
    description:
      "True when the day is before the hub's records: some member counted has no recorded start and the day comes before recordsBegin (or nothing is dated). Such members are counted as members since before the hub's records, which the records do not show for that day.",
  })
  beforeRecords: boolean;

  @Field({ description: "False when the day comes before the partner's recorded launch (Partner.launchedOn)." })
  launched: boolean;

  @Field({
    description:
      "False when the hub does not list the partner's members (it holds none of its membership periods, only the number the record reports, Partner.reportedMemberCount): memberStates is then empty because they are not listed, not because there are none.",
  })
  membersListed: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      "The number of members the record reports at the partner's launch (Partner.reportedMemberCount), on a day on or after its launch began; null otherwise (before the launch, and for a partner with no reported number).",
  })
  reportedMemberCount: number | null;

  @Field({
    description:
      'The answer in words, e.g. "12 participating States on 2026-01-01", or that the members are not listed in the hub\'s records, or that the partner had not been launched.',
  })
  summary: string;
}

@Resolver(() => Partner)
export class PartnerMembersOnResolver {
  @FieldResolver(() => PartnerMembersOn, {
    description:
      "The partner's members on a day, with recordsBegin and beforeRecords: a membership whose start the hub does not hold counts from before the hub's records, not from always.",
  })
  async membersOn(@Root() partner: Partner, @Arg('date', () => LocalDate) date: string, @Ctx() ctx: PartnersContext): Promise<PartnerMembersOn> {
    const on = isoDate(date, 'date');
    // Both come from periods the viewer may read: the first dated fact reveals nothing a reader of Partner.memberships cannot see.
    const [memberships, history] = await Promise.all([
      ctx.loaders.membersOn.load(`${partner.code}|${on}`),
      ctx.loaders.membershipHistoryByPartner.load(partner.code),
    ]);
    const countries = (await ctx.loaders.country.loadMany(memberships.map((m) => m.countryIso3))).filter((c): c is Country => c instanceof Country);
    const begin = recordsBegin(history);
    const beforeRecords = answersBeforeRecords(memberships, begin, on);
    const standing = membersOnStanding(partner, on, history.length);
    const counted = `${countries.length} ${partner.memberTerm} on ${on}${standing.after ?? ''}`;
    return {
      on,
      memberTerm: partner.memberTerm,
      memberStates: countries,
      memberships,
      recordsBegin: begin,
      beforeRecords,
      launched: standing.launched,
      membersListed: standing.membersListed,
      reportedMemberCount: standing.reportedMemberCount,
      summary:
        standing.instead ??
        (beforeRecords
          ? `${counted}, before the hub's records (${begin ? `its first dated fact is of ${begin}` : 'none of its membership facts is dated'}): members whose start is not recorded are counted as members since before the records`
          : counted),
    };
  }
}
