// Alerts: the root list and lookup, and the links from an alert to its country,
// issuer, acknowledgements, status history and the versions it corrects or is corrected by.
// Alert.situation is the situations subgraph's (subgraphs/situations/resolvers/contributed.resolver.ts).
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, MAX_PAGE_SIZE, paginate, type Connection, type SortKey, ConnectionSize } from '../../kernel/read/connection';
import { queryOf } from '../../kernel/read/reading';
import { AlertFilter, applyAlertFilter } from './alert.filter';
import { referenceKey, uuid } from '../../kernel/write/validation';
import { Acknowledgement } from '../entities/acknowledgement.entity';
import { AcknowledgementDue } from '../entities/acknowledgement-due.entity';
import { Alert } from '../entities/alert.entity';
import { AlertStatusChange } from '../entities/alert-status-change.entity';
import { Country, Partner } from '../entities/references';
import type { AlertsContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

const ALERT_ORDER: SortKey<Alert>[] = [
  { sql: 'COALESCE(a.issued_at, a.created_at)', direction: 'DESC', kind: 'timestamp', value: (a) => (a.issuedAt ?? a.createdAt).toISOString() },
  { sql: 'a.id', direction: 'ASC', kind: 'uuid', value: (a) => a.id },
];

export const AlertConnection = connectionType(Alert, 'Alert');

@Resolver(() => Alert)
export class AlertResolver {
  @ConnectionSize()
  @Query(() => AlertConnection, {
    nullable: true,
    description: 'Alerts, most recently issued first (drafts by when they were written), a page at a time.',
  })
  async alerts(
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined,
    @Arg('first', () => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE} (default 20).` }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() ctx: AlertsContext,
  ): Promise<Connection<Alert>> {
    const query = queryOf(ctx, Alert, 'a');
    applyAlertFilter(query, filter);
    return paginate(ctx, query, ALERT_ORDER, { first, after });
  }

  @Query(() => Alert, { nullable: true, description: 'One alert by id.' })
  async alert(@Arg('id', () => ID) id: string, @Ctx() ctx: AlertsContext): Promise<Alert | null> {
    return ctx.loaders.alert.load(uuid(id, 'id'));
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description: 'The country the alert concerns (null while the partners subgraph cannot answer; countryIso3 stays).',
  })
  country(@Root() alert: Alert): Country {
    return { iso3: alert.countryIso3 };
  }

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The organisation that issues the alert (its owner; null while the partners subgraph cannot answer, ownerOrg stays).',
  })
  issuedBy(@Root() alert: Alert): Partner {
    return { code: alert.ownerOrg };
  }

  @ListSize(20)
  @FieldResolver(() => [Acknowledgement], { description: 'Acknowledgements by recipient organisations, earliest first.' })
  async acknowledgements(@Root() alert: Alert, @Ctx() ctx: AlertsContext): Promise<Acknowledgement[]> {
    return ctx.loaders.acknowledgementsByAlert.load(alert.id);
  }

  @ListSize(20)
  @FieldResolver(() => [AcknowledgementDue], {
    description:
      'When each recipient organisation must acknowledge the alert, soonest first: from when it was first addressed, by the deadline for the alert level (see the README, ALERT_ACK_DEADLINES).',
  })
  async acknowledgementsDue(@Root() alert: Alert, @Ctx() ctx: AlertsContext): Promise<AcknowledgementDue[]> {
    return ctx.loaders.acknowledgementsDueByAlert.load(alert.id);
  }

  @ListSize(20)
  @FieldResolver(() => [AlertStatusChange], { description: 'Every status change, oldest first.' })
  async statusHistory(@Root() alert: Alert, @Ctx() ctx: AlertsContext): Promise<AlertStatusChange[]> {
    return ctx.loaders.statusHistory.load(alert.id);
  }

  @FieldResolver(() => Alert, { nullable: true, description: 'The earlier version this alert corrects.' })
  async supersedes(@Root() alert: Alert, @Ctx() ctx: AlertsContext): Promise<Alert | null> {
    return alert.supersedesId ? ctx.loaders.alert.load(alert.supersedesId) : null;
  }

  @FieldResolver(() => Alert, { nullable: true, description: 'The later version that corrects this alert.' })
  async supersededBy(@Root() alert: Alert, @Ctx() ctx: AlertsContext): Promise<Alert | null> {
    return ctx.loaders.supersedingAlert.load(alert.id);
  }
}

/** Entity references arrive from the gateway with ids other services hold; a malformed one is simply not found. */
export async function resolveAlertReference(reference: { id: string }, ctx: AlertsContext): Promise<Alert | null> {
  const id = referenceKey('uuid', reference.id);
  return id ? ctx.loaders.alert.load(id) : null;
}
