// Training totals for a period: computed in SQL from the recorded sessions, with the totals the
// Office's record reports for overlapping periods beside them (never added to them).
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { aggregateVisible, groupAndOrder, queryOf, readVisible } from '../../kernel/read/reading';
import { geographyParameters, regionOf } from '../../kernel/reference/regions';
import { LocalDate } from '../../kernel/schema/scalars';
import { dateRange, isoDate, partnerCode } from '../../kernel/write/validation';
import { ReportedTrainingTotal } from '../entities/reported-training-total.entity';
import { TrainingSession, TrainingStatus } from '../entities/training-session.entity';
import { creditedTo } from '../rules/organiser-credit.rules';
import { AGGREGATE_GROUPS, AGGREGATE_WEIGHT, Cost, ListSize } from '../../kernel/schema/list-size';

@ObjectType({ description: 'Totals over the COMPLETED training sessions the hub holds for a period.' })
export class TrainingTotals {
  @Field(() => LocalDate, { nullable: true, description: 'The period asked for: sessions starting on or after this date.' })
  from: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The period asked for: sessions starting on or before this date.' })
  to: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The partner asked for: only sessions credited to it (it owns them, or confirmed it co-organised them).',
  })
  partner: string | null;

  @Field(() => Int, { description: 'Completed sessions.' })
  sessions: number;

  @Field(() => Int, { description: 'Distinct countries those sessions were held in (sessions with no recorded country are not counted).' })
  countries: number;

  @Field(() => Int, { description: 'Sum of participantsTotal over the sessions that record it.' })
  participantsTotal: number;

  @Field(() => Int, { nullable: true, description: 'Sum of participantsFemale over the sessions that record it; null when none does.' })
  participantsFemale: number | null;

  @Field(() => Int, { nullable: true, description: 'Sum of participantsMale over the sessions that record it; null when none does.' })
  participantsMale: number | null;

  @Field(() => Int, { description: 'Sessions counted above whose number of participants is not recorded: participantsTotal undercounts by them.' })
  sessionsWithoutParticipantCount: number;
}

@ArgsType()
class TrainingTotalsArgs {
  @Field(() => LocalDate, { nullable: true, description: 'Count sessions starting on or after this date.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Count sessions starting on or before this date.' })
  to?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Count only sessions credited to this partner (hub code): it owns them, or confirmed it co-organised them.',
  })
  partner?: string;
}

interface TotalsRow {
  sessions: number;
  countries: number;
  participants_total: number;
  participants_female: number | null;
  participants_male: number | null;
  sessions_without_participant_count: number;
}

/** The period asked for, checked: from and to are dates, from not after to. */
function period(from: string | undefined | null, to: string | undefined | null): { start: string | null; end: string | null } {
  const start = from ? isoDate(from, 'from') : null;
  const end = to ? isoDate(to, 'to') : null;
  dateRange(start, end, 'from');
  return { start, end };
}

/** The totals both queries report, over the completed sessions starting in the period: computed once, here. */
function completedSessionTotals(ctx: SubgraphContext, start: string | null, end: string | null) {
  const query = queryOf(ctx, TrainingSession, 's')
    .select('COUNT(*)::int', 'sessions')
    .addSelect('COUNT(DISTINCT s.country_iso3)::int', 'countries')
    .addSelect('COALESCE(SUM(s.participants_total), 0)::int', 'participants_total')
    .addSelect('SUM(s.participants_female)::int', 'participants_female')
    .addSelect('SUM(s.participants_male)::int', 'participants_male')
    .andWhere('s.status = :status', { status: TrainingStatus.COMPLETED });
  if (start) query.andWhere('s.start_date >= :start', { start });
  if (end) query.andWhere('s.start_date <= :end', { end });
  return query;
}

@Resolver(() => TrainingTotals)
export class TrainingTotalsResolver {
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => TrainingTotals, {
    nullable: true,
    description: 'Totals over the completed training sessions starting in a period, optionally for one organising partner.',
  })
  async trainingTotals(
    @Args(() => TrainingTotalsArgs) { from, to, partner }: TrainingTotalsArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingTotals> {
    const { start, end } = period(from, to);
    const organiser = partner ? partnerCode(partner, 'partner') : null;

    const query = completedSessionTotals(ctx, start, end).addSelect(
      '(COUNT(*) FILTER (WHERE s.participants_total IS NULL))::int',
      'sessions_without_participant_count',
    );
    if (organiser) query.andWhere(creditedTo('s', 'CAST(:organiser AS varchar)'), { organiser });
    // Computed over the sessions the viewer may read only: totals never count a hidden session.
    const [row] = await aggregateVisible<TotalsRow>(ctx, query);

    return {
      from: start,
      to: end,
      partner: organiser,
      sessions: row.sessions,
      countries: row.countries,
      participantsTotal: row.participants_total,
      participantsFemale: row.participants_female,
      participantsMale: row.participants_male,
      sessionsWithoutParticipantCount: row.sessions_without_participant_count,
    };
  }

  // Read only when asked for, so a dashboard that wants the computed totals pays for one query.
  @ListSize(50)
  @FieldResolver(() => [ReportedTrainingTotal], {
    description:
      "Totals the Office's record reports for periods overlapping the one asked for, oldest first. They are not broken down by partner, so none are returned when partner is given.",
  })
  async reportedTotals(@Root() totals: TrainingTotals, @Ctx() ctx: SubgraphContext): Promise<ReportedTrainingTotal[]> {
    if (totals.partner) return [];
    const query = queryOf(ctx, ReportedTrainingTotal, 'r').orderBy('r.period_from', 'ASC').addOrderBy('r.id', 'ASC');
    if (totals.to) query.andWhere('r.period_from <= :to', { to: totals.to });
    if (totals.from) query.andWhere('r.period_to >= :from', { from: totals.from });
    return readVisible(ctx, query);
  }
}

export enum TrainingGrouping {
  PARTNER = 'PARTNER',
  REGION = 'REGION',
  COUNTRY = 'COUNTRY',
  YEAR = 'YEAR',
}
registerEnumType(TrainingGrouping, {
  name: 'TrainingGrouping',
  description: 'PARTNER counts a session once under each organiser credited with it: its owner and the co-organisers that confirmed.',
});

@ObjectType({ description: 'Totals over the COMPLETED sessions of one group.' })
export class TrainingGroupTotals {
  @Field({ description: 'The group: a partner code, an M49 region, an ISO code or a year ("unknown" where not recorded).' })
  group: string;

  @Field(() => Int)
  sessions: number;

  @Field(() => Int)
  countries: number;

  @Field(() => Int)
  participantsTotal: number;

  @Field(() => Int, { nullable: true })
  participantsFemale: number | null;

  @Field(() => Int, { nullable: true })
  participantsMale: number | null;
}

@Resolver()
export class TrainingGroupTotalsResolver {
  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [TrainingGroupTotals], {
    nullable: true,
    description: 'Totals over completed sessions in a period, by partner, region, country or year, in one query.',
  })
  async trainingTotalsBy(
    @Arg('groupBy', () => TrainingGrouping) groupBy: TrainingGrouping,
    @Arg('from', () => LocalDate, { nullable: true }) from: string | undefined,
    @Arg('to', () => LocalDate, { nullable: true }) to: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<TrainingGroupTotals[]> {
    const { start, end } = period(from, to);
    const query = completedSessionTotals(ctx, start, end).setParameters(geographyParameters());
    const group: Record<TrainingGrouping, string> = {
      // Codes come from an uncorrelated list of organisers; the counts come from visible sessions only.
      [TrainingGrouping.PARTNER]: 'organiser.code',
      [TrainingGrouping.REGION]: `COALESCE(${regionOf('s.country_iso3')}, 'unknown')`,
      [TrainingGrouping.COUNTRY]: "COALESCE(CAST(s.country_iso3 AS text), 'unknown')",
      [TrainingGrouping.YEAR]: "to_char(s.start_date, 'YYYY')",
    };
    if (groupBy === TrainingGrouping.PARTNER) {
      query.innerJoin(
        '(SELECT DISTINCT unnest(t.organiser_orgs) AS code FROM "training"."training_session" t)',
        'organiser',
        creditedTo('s', 'organiser.code'),
      );
    }
    query.addSelect(group[groupBy], 'group');
    groupAndOrder(query, [group[groupBy]]);
    const rows = await aggregateVisible<TotalsRow & { group: string }>(ctx, query);
    return rows.map((row) => ({
      group: row.group,
      sessions: row.sessions,
      countries: row.countries,
      participantsTotal: row.participants_total,
      participantsFemale: row.participants_female,
      participantsMale: row.participants_male,
    }));
  }
}
