// Alerts: the root list and lookup, and the links from an alert to its situation, country,
// issuer, acknowledgements, status history and the versions it corrects or is corrected by.
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/context';
import { readVisible } from '../../kernel/reading';
import { badInput } from '../../kernel/errors';
import { LocalDate } from '../../kernel/scalars';
import { countryCodes, dateRange, isoDate, partnerCode, uuid } from '../../kernel/validation';
import { Crime, RiskLevel } from '../../kernel/vocabulary';
import { Acknowledgement } from '../entities/acknowledgement.entity';
import { Alert, AlertRecipient, AlertStatus, AlertType } from '../entities/alert.entity';
import { AlertStatusChange } from '../entities/alert-status-change.entity';
import { Country, Partner, Situation } from '../entities/references';
import { acknowledgementsByAlertLoader, alertLoader, alertsNewestFirst, statusHistoryLoader, supersedingAlertLoader } from '../loaders';

const MAX_ALERTS = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

@InputType({ description: 'Narrows the alert list; all given conditions must hold. An empty list sets no condition.' })
export class AlertFilter {
  @Field(() => [RiskLevel], { nullable: true })
  levels?: RiskLevel[];

  @Field(() => [AlertStatus], { nullable: true })
  statuses?: AlertStatus[];

  @Field(() => [AlertType], { nullable: true })
  types?: AlertType[];

  @Field(() => [AlertRecipient], { nullable: true, description: 'Alerts addressed to any of these recipients.' })
  recipients?: AlertRecipient[];

  @Field(() => [Crime], { nullable: true, description: 'Alerts concerning any of these crimes.' })
  crimes?: Crime[];

  @Field(() => ID, { nullable: true, description: 'Only alerts about this situation.' })
  situation?: string;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-3 codes.' })
  countries?: string[];

  @Field(() => [String], { nullable: true, description: 'Codes of the issuing (owner) organisations, e.g. "UN-JO".' })
  issuingOrgs?: string[];

  @Field(() => LocalDate, { nullable: true, description: 'Issued (a draft: written) on or after this UTC date.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Issued (a draft: written) on or before this UTC date.' })
  to?: string;
}

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => [Alert], { description: `Alerts, most recently issued first; drafts by when they were written (at most ${MAX_ALERTS}).` })
  async alerts(
    @Arg('filter', () => AlertFilter, { nullable: true }) filter: AlertFilter | undefined,
    @Arg('limit', () => Int, { defaultValue: 100 }) limit: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Alert[]> {
    if (limit < 1 || limit > MAX_ALERTS) throw badInput(`limit must be between 1 and ${MAX_ALERTS}`, 'limit');
    const countries = filter?.countries?.length ? countryCodes(filter.countries, 'filter.countries') : undefined;
    const issuingOrgs = filter?.issuingOrgs?.length ? filter.issuingOrgs.map((code) => partnerCode(code, 'filter.issuingOrgs')) : undefined;
    const situation = filter?.situation ? uuid(filter.situation, 'filter.situation') : undefined;
    const from = filter?.from ? isoDate(filter.from, 'filter.from') : undefined;
    const to = filter?.to ? isoDate(filter.to, 'filter.to') : undefined;
    dateRange(from, to, 'filter');

    const query = alertsNewestFirst(ctx).take(limit);
    if (filter?.levels?.length) query.andWhere('a.level IN (:...levels)', { levels: filter.levels });
    if (filter?.statuses?.length) query.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.types?.length) query.andWhere('a.type IN (:...types)', { types: filter.types });
    if (filter?.recipients?.length) query.andWhere('a.recipients && CAST(:recipients AS alerts.alert_recipient[])', { recipients: filter.recipients });
    if (filter?.crimes?.length) query.andWhere('a.crimes && CAST(:crimes AS alerts.crime[])', { crimes: filter.crimes });
    if (situation) query.andWhere('a.situation_id = :situation', { situation });
    if (countries) query.andWhere('a.country_iso3 IN (:...countries)', { countries });
    if (issuingOrgs) query.andWhere('a.owner_org IN (:...issuingOrgs)', { issuingOrgs });
    if (from) query.andWhere('COALESCE(a.issued_at, a.created_at) >= CAST(:from AS timestamptz)', { from: `${from}T00:00:00Z` });
    // `to` is inclusive: everything before the start of the following UTC day.
    if (to) query.andWhere('COALESCE(a.issued_at, a.created_at) < CAST(:before AS timestamptz)', { before: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString() });
    return readVisible(ctx, query);
  }

  @Query(() => Alert, { nullable: true, description: 'One alert by id.' })
  async alert(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Alert | null> {
    return alertLoader(ctx).load(uuid(id, 'id'));
  }

  @FieldResolver(() => Situation, { nullable: true, description: 'The situation the alert is about, if any.' })
  situation(@Root() alert: Alert): Situation | null {
    return alert.situationId ? { id: alert.situationId } : null;
  }

  @FieldResolver(() => Country)
  country(@Root() alert: Alert): Country {
    return { iso3: alert.countryIso3 };
  }

  @FieldResolver(() => Partner, { description: 'The organisation that issues the alert (its owner).' })
  issuedBy(@Root() alert: Alert): Partner {
    return { code: alert.ownerOrg };
  }

  @FieldResolver(() => [Acknowledgement], { description: 'Acknowledgements by recipient organisations, earliest first.' })
  async acknowledgements(@Root() alert: Alert, @Ctx() ctx: SubgraphContext): Promise<Acknowledgement[]> {
    return acknowledgementsByAlertLoader(ctx).load(alert.id);
  }

  @FieldResolver(() => [AlertStatusChange], { description: 'Every status change, oldest first.' })
  async statusHistory(@Root() alert: Alert, @Ctx() ctx: SubgraphContext): Promise<AlertStatusChange[]> {
    return statusHistoryLoader(ctx).load(alert.id);
  }

  @FieldResolver(() => Alert, { nullable: true, description: 'The earlier version this alert corrects.' })
  async supersedes(@Root() alert: Alert, @Ctx() ctx: SubgraphContext): Promise<Alert | null> {
    return alert.supersedesId ? alertLoader(ctx).load(alert.supersedesId) : null;
  }

  @FieldResolver(() => Alert, { nullable: true, description: 'The later version that corrects this alert.' })
  async supersededBy(@Root() alert: Alert, @Ctx() ctx: SubgraphContext): Promise<Alert | null> {
    return supersedingAlertLoader(ctx).load(alert.id);
  }
}

/** Entity references arrive from the gateway with ids other services hold; a malformed one is simply not found. */
export async function resolveAlertReference(reference: { id: string }, ctx: SubgraphContext): Promise<Alert | null> {
  if (typeof reference.id !== 'string') return null;
  return alertLoader(ctx).load(reference.id.toLowerCase());
}
