// Fields this subgraph contributes to entities other subgraphs own: Situation.alerts, Country.alerts
// and Partner.alertsIssued. The gateway sends their keys in one _entities call per plan step, and
// the loaders turn that into one query per field.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Alert } from '../entities/alert.entity';
import { Country, Partner, Situation } from '../entities/references';
import type { AlertsContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';

@Resolver(() => Situation)
export class SituationAlertsResolver {
  @ListSize(10)
  @FieldResolver(() => [Alert], {
    nullable: true,
    description: 'Alerts about the situation (null while the alerts subgraph cannot answer), most recently issued first.',
  })
  async alerts(@Root() situation: Situation, @Ctx() ctx: AlertsContext): Promise<Alert[]> {
    return ctx.loaders.alertsBySituation.load(situation.id.toLowerCase());
  }
}

@Resolver(() => Country)
export class CountryAlertsResolver {
  @ListSize(20)
  @FieldResolver(() => [Alert], {
    nullable: true,
    description: 'Alerts about the country (null while the alerts subgraph cannot answer), most recently issued first.',
  })
  async alerts(@Root() country: Country, @Ctx() ctx: AlertsContext): Promise<Alert[]> {
    return ctx.loaders.alertsByCountry.load(country.iso3);
  }
}

@Resolver(() => Partner)
export class PartnerAlertsResolver {
  @ListSize(100)
  @FieldResolver(() => [Alert], {
    nullable: true,
    description: 'Alerts the organisation issued (owns; null while the alerts subgraph cannot answer), most recently issued first.',
  })
  async alertsIssued(@Root() partner: Partner, @Ctx() ctx: AlertsContext): Promise<Alert[]> {
    return ctx.loaders.alertsByIssuer.load(partner.code);
  }
}
