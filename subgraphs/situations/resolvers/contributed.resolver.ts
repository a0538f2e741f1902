// Fields this subgraph contributes to entities other subgraphs own: Country.situations,
// Partner.assessments, Alert.situation and the assessments and incidents an alert cites. The gateway sends their keys in one _entities call per plan step.
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Alert, Country, Partner } from '../entities/references';
import { Incident } from '../entities/incident.entity';
import { RiskAssessment } from '../entities/risk-assessment.entity';
import { Situation } from '../entities/situation.entity';
import type { SituationsContext } from '../loaders';
import { ListSize } from '../../kernel/schema/list-size';
import { referenceKey } from '../../kernel/write/validation';

@Resolver(() => Country)
export class CountrySituationsResolver {
  @ListSize(10)
  @FieldResolver(() => [Situation], {
    nullable: true,
    description: 'Situations monitored in the country (null while the situations subgraph cannot answer), most recently opened first.',
  })
  async situations(@Root() country: Country, @Ctx() ctx: SituationsContext): Promise<Situation[]> {
    return ctx.loaders.situationsByCountry.load(country.iso3);
  }
}

@Resolver(() => Partner)
export class PartnerAssessmentsResolver {
  @ListSize(100)
  @FieldResolver(() => [RiskAssessment], {
    nullable: true,
    description: 'Risk assessments made by the organisation (null while the situations subgraph cannot answer), most recent first.',
  })
  async assessments(@Root() partner: Partner, @Ctx() ctx: SituationsContext): Promise<RiskAssessment[]> {
    return ctx.loaders.assessmentsByOrg.load(partner.code);
  }
}

@Resolver(() => Alert)
export class AlertSituationResolver {
  @Directive('@requires(fields: "situationId")')
  @FieldResolver(() => Situation, {
    nullable: true,
    description: 'The situation the alert is about; null when it cites none or you may not read it.',
  })
  async situation(@Root() alert: Alert, @Ctx() ctx: SituationsContext): Promise<Situation | null> {
    const id = referenceKey('uuid', alert.situationId);
    return id ? ctx.loaders.situation.load(id) : null;
  }

  @ListSize(50)
  @Directive('@requires(fields: "citedAssessmentIds")')
  @FieldResolver(() => [RiskAssessment], {
    nullable: true,
    description:
      'The risk assessments the alert rests on, as far as you may read them: one you may not read is left out (null while the situations subgraph cannot answer).',
  })
  async citedAssessments(@Root() alert: Alert, @Ctx() ctx: SituationsContext): Promise<RiskAssessment[]> {
    return readable(await ctx.loaders.assessment.loadMany(wellFormedIds(alert.citedAssessmentIds)));
  }

  @ListSize(50)
  @Directive('@requires(fields: "citedIncidentIds")')
  @FieldResolver(() => [Incident], {
    nullable: true,
    description:
      'The incidents the alert rests on, as far as you may read them: one you may not read is left out (null while the situations subgraph cannot answer).',
  })
  async citedIncidents(@Root() alert: Alert, @Ctx() ctx: SituationsContext): Promise<Incident[]> {
    return readable(await ctx.loaders.incident.loadMany(wellFormedIds(alert.citedIncidentIds)));
  }
}

// The ids arrive from another subgraph: a malformed one is simply not found.
function wellFormedIds(ids: readonly string[] | null | undefined): string[] {
  return (ids ?? []).map((id) => referenceKey('uuid', id)).filter((id): id is string => id !== null);
}

function readable<T>(rows: (T | null | Error)[]): T[] {
  for (const row of rows) if (row instanceof Error) throw row;
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}
