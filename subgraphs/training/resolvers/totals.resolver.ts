// Training totals for a period: computed in SQL from the recorded sessions, with the totals the
// Office's record reports for overlapping periods beside them (never added to them).
import { Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { aggregateVisible, queryOf, readVisible } from '../../kernel/reading';
import { LocalDate } from '../../kernel/scalars';
import { dateRange, isoDate, partnerCode } from '../../kernel/validation';
import { ReportedTrainingTotal } from '../entities/reported-training-total.entity';
import { TrainingSession, TrainingStatus } from '../entities/training-session.entity';

@ObjectType({ description: 'Totals over the COMPLETED training sessions the hub holds for a period.' })
export class TrainingTotals {
  @Field(() => LocalDate, { nullable: true, description: 'The period asked for: sessions starting on or after this date.' })
  from: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The period asked for: sessions starting on or before this date.' })
  to: string | null;

  @Field(() => String, { nullable: true, description: 'The partner asked for: only sessions it co-organised.' })
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

  @Field(() => String, { nullable: true, description: 'Count only sessions this partner (hub code) co-organised.' })
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

@Resolver(() => TrainingTotals)
export class TrainingTotalsResolver {
  @Query(() => TrainingTotals, { description: 'Totals over the completed training sessions starting in a period, optionally for one organising partner.' })
  async trainingTotals(@Args(() => TrainingTotalsArgs) { from, to, partner }: TrainingTotalsArgs, @Ctx() ctx: SubgraphContext): Promise<TrainingTotals> {
    const start = from ? isoDate(from, 'from') : null;
    const end = to ? isoDate(to, 'to') : null;
    dateRange(start, end, 'from');
    const organiser = partner ? partnerCode(partner, 'partner') : null;

    const query = queryOf(ctx, TrainingSession, 's')
      .select('COUNT(*)::int', 'sessions')
      .addSelect('COUNT(DISTINCT s.country_iso3)::int', 'countries')
      .addSelect('COALESCE(SUM(s.participants_total), 0)::int', 'participants_total')
      .addSelect('SUM(s.participants_female)::int', 'participants_female')
      .addSelect('SUM(s.participants_male)::int', 'participants_male')
      .addSelect('(COUNT(*) FILTER (WHERE s.participants_total IS NULL))::int', 'sessions_without_participant_count')
      .andWhere('s.status = :status', { status: TrainingStatus.COMPLETED });
    if (start) query.andWhere('s.start_date >= :start', { start });
    if (end) query.andWhere('s.start_date <= :end', { end });
    if (organiser) query.andWhere('s.organiser_orgs @> CAST(:organiser AS varchar[])', { organiser: [organiser] });
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
