// What dashboards draw from the alerts subgraph: alerts counted by level, month, status, type or
// country, and the acknowledgements each recipient organisation is late with, computed in SQL over
// the alerts the viewer may read.
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { aggregateByGroups, aggregateVisible, groupAndOrder, queryOf } from '../../kernel/read/reading';
import { AcknowledgementDue } from '../entities/acknowledgement-due.entity';
import { Partner } from '../entities/references';
import { overdueSql } from '../rules/acknowledgement.deadlines';
import { RiskLevel } from '../../kernel/schema/vocabulary';
import { AlertFilter, applyAlertFilter } from './alert.filter';
import { Alert, AlertStatus, AlertType } from '../entities/alert.entity';
import { AGGREGATE_GROUPS, AGGREGATE_WEIGHT, Cost, ListSize } from '../../kernel/schema/list-size';

export enum AlertGrouping {
  LEVEL = 'LEVEL',
  MONTH = 'MONTH',
  STATUS = 'STATUS',
  TYPE = 'TYPE',
  COUNTRY = 'COUNTRY',
}
registerEnumType(AlertGrouping, { name: 'AlertGrouping' });

@ObjectType({ description: 'Alerts counted in one group; fields not grouped by are null.' })
class AlertCount {
  @Field(() => RiskLevel, { nullable: true })
  level: RiskLevel | null;

  @Field(() => String, { nullable: true, description: 'Month issued (a draft: written), "YYYY-MM", UTC.' })
  month: string | null;

  @Field(() => AlertStatus, { nullable: true })
  status: AlertStatus | null;

  @Field(() => AlertType, { nullable: true })
  type: AlertType | null;

  @Field(() => String, { nullable: true })
  country: string | null;

  @Field(() => Int)
  alerts: number;
}

@ObjectType({ description: 'How many alerts one recipient organisation is late to acknowledge.' })
class OverdueAcknowledgementCount {
  @Field({ description: 'Code of the recipient organisation.' })
  org: string;

  @Field(() => Int, { description: 'Alerts it has not acknowledged past their deadline, among those you may read.' })
  alerts: number;
}

@Resolver(() => OverdueAcknowledgementCount)
export class OverdueAcknowledgementCountResolver {
  @FieldResolver(() => Partner, { nullable: true, description: 'The recipient organisation (null while the partners subgraph cannot answer).' })
  organisation(@Root() count: OverdueAcknowledgementCount): Partner {
    return { code: count.org };
  }
}

@Resolver()
export class AlertDashboardResolver {
  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [AlertCount], { nullable: true, description: 'Alerts matching the filter, counted by the chosen groupings.' })
  async alertCounts(
    @Arg('groupBy', () => [AlertGrouping]) groupBy: AlertGrouping[],
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AlertCount[]> {
    const query = queryOf(ctx, Alert, 'a').select('COUNT(*)::int', 'alerts');
    applyAlertFilter(query, filter);
    const rows = await aggregateByGroups<AlertGrouping, Record<string, string | number | null>>(
      ctx,
      query,
      [
        { grouping: AlertGrouping.LEVEL, sql: 'a.level', alias: 'level' },
        { grouping: AlertGrouping.MONTH, sql: "to_char(COALESCE(a.issued_at, a.created_at) AT TIME ZONE 'UTC', 'YYYY-MM')", alias: 'month' },
        { grouping: AlertGrouping.STATUS, sql: 'a.status', alias: 'status' },
        { grouping: AlertGrouping.TYPE, sql: 'a.type', alias: 'type' },
        { grouping: AlertGrouping.COUNTRY, sql: 'a.country_iso3', alias: 'country' },
      ],
      groupBy,
    );
    return rows.map((row) => ({
      level: (row.level as RiskLevel) ?? null,
      month: (row.month as string) ?? null,
      status: (row.status as AlertStatus) ?? null,
      type: (row.type as AlertType) ?? null,
      country: (row.country as string) ?? null,
      alerts: row.alerts as number,
    }));
  }

  @ListSize(AGGREGATE_GROUPS)
  @Cost(AGGREGATE_WEIGHT)
  @Query(() => [OverdueAcknowledgementCount], {
    nullable: true,
    description:
      'Per recipient organisation, the alerts matching the filter that it is late to acknowledge (ISSUED or brought to the Secretary-General or the Security Council, past the deadline, not acknowledged), counted over the alerts you may read; organisations late on none are left out.',
  })
  async overdueAcknowledgements(
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OverdueAcknowledgementCount[]> {
    const query = queryOf(ctx, Alert, 'a')
      .innerJoin(AcknowledgementDue, 'late', `late.alert_id = a.id AND ${overdueSql(ctx.db.manager, 'late', 'a')}`)
      .select('late.org', 'org')
      .addSelect('COUNT(DISTINCT a.id)::int', 'alerts');
    applyAlertFilter(query, filter);
    groupAndOrder(query, ['late.org']);
    const rows = await aggregateVisible<{ org: string; alerts: number }>(ctx, query);
    return rows.map((row) => ({ org: row.org, alerts: Number(row.alerts) }));
  }
}
