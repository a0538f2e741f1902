// The filter every alert list and aggregate accepts, applied in SQL over alerts aliased `a`.
import { Field, ID, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { LocalDate } from '../../kernel/schema/scalars';
import { countryCodes, dateRange, isoDate, partnerCode, uuid } from '../../kernel/write/validation';
import { Crime, RiskLevel } from '../../kernel/schema/vocabulary';
import { AcknowledgementDue } from '../entities/acknowledgement-due.entity';
import { overdueSql } from '../rules/acknowledgement.deadlines';
import { AddresseeKind, Alert, AlertRecipient, AlertStatus, AlertType, ProtectionPillar } from '../entities/alert.entity';

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

  @Field(() => [ProtectionPillar], {
    nullable: true,
    description:
      'Alerts recommending an action under any of these pillars of the Responsibility to Protect (with recommendationAddressees: the same recommendation).',
  })
  recommendationPillars?: ProtectionPillar[];

  @Field(() => [AddresseeKind], {
    nullable: true,
    description: 'Alerts recommending an action to any of these addressees (with recommendationPillars: the same recommendation).',
  })
  recommendationAddressees?: AddresseeKind[];

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

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only alerts ISSUED or brought to the Secretary-General or the Security Council, with at least one recipient organisation past its acknowledgement deadline that has not acknowledged; false: only the others.',
  })
  acknowledgementOverdue?: boolean;
}

/** SQL: the alert `a` has a recipient organisation whose acknowledgement is overdue now. */
export function acknowledgementOverdueSql(query: SelectQueryBuilder<Alert>): string {
  const manager = query.connection.manager;
  const due = query.connection.getMetadata(AcknowledgementDue).tablePath;
  return `EXISTS (SELECT 1 FROM ${due} due WHERE due.alert_id = a.id AND ${overdueSql(manager, 'due', 'a')})`;
}

export function applyAlertFilter(query: SelectQueryBuilder<Alert>, filter: AlertFilter | undefined): void {
  if (!filter) return;
  const countries = filter.countries?.length ? countryCodes(filter.countries, 'filter.countries') : undefined;
  const issuingOrgs = filter.issuingOrgs?.length ? filter.issuingOrgs.map((code) => partnerCode(code, 'filter.issuingOrgs')) : undefined;
  const situation = filter.situation ? uuid(filter.situation, 'filter.situation') : undefined;
  const from = filter.from ? isoDate(filter.from, 'filter.from') : undefined;
  const to = filter.to ? isoDate(filter.to, 'filter.to') : undefined;
  dateRange(from, to, 'filter');
  if (filter.levels?.length) query.andWhere('a.level IN (:...filterLevels)', { filterLevels: filter.levels });
  if (filter.statuses?.length) query.andWhere('a.status IN (:...filterStatuses)', { filterStatuses: filter.statuses });
  if (filter.types?.length) query.andWhere('a.type IN (:...filterTypes)', { filterTypes: filter.types });
  if (filter.recipients?.length)
    query.andWhere('a.recipients && CAST(:filterRecipients AS alerts.alert_recipient[])', { filterRecipients: filter.recipients });
  if (filter.crimes?.length) query.andWhere('a.crimes && CAST(:filterCrimes AS alerts.crime[])', { filterCrimes: filter.crimes });
  const pillars = filter.recommendationPillars?.length ? filter.recommendationPillars : undefined;
  const addressees = filter.recommendationAddressees?.length ? filter.recommendationAddressees : undefined;
  // Both conditions on one recommendation: "a pillar-3 action for the Security Council", not one of each.
  if (pillars || addressees)
    query.andWhere(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(a.recommendations) r WHERE ${[
        pillars ? "r->>'pillar' IN (:...filterPillars)" : null,
        addressees ? "r->>'addressee' IN (:...filterAddressees)" : null,
      ]
        .filter(Boolean)
        .join(' AND ')})`,
      { filterPillars: pillars, filterAddressees: addressees },
    );
  if (situation) query.andWhere('a.situation_id = :filterSituation', { filterSituation: situation });
  if (countries) query.andWhere('a.country_iso3 IN (:...filterCountries)', { filterCountries: countries });
  if (issuingOrgs) query.andWhere('a.owner_org IN (:...filterIssuers)', { filterIssuers: issuingOrgs });
  if (filter.acknowledgementOverdue === true) query.andWhere(acknowledgementOverdueSql(query));
  if (filter.acknowledgementOverdue === false) query.andWhere(`NOT ${acknowledgementOverdueSql(query)}`);
  if (from) query.andWhere('COALESCE(a.issued_at, a.created_at) >= CAST(:filterFrom AS timestamptz)', { filterFrom: `${from}T00:00:00Z` });
  // `to` is inclusive: everything before the start of the following UTC day.
  if (to)
    query.andWhere('COALESCE(a.issued_at, a.created_at) < CAST(:filterBefore AS timestamptz)', {
      filterBefore: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString(),
    });
}
