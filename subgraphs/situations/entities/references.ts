// Entities owned by other subgraphs that this one extends with fields. Only their keys live here.
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "iso3")')
@ObjectType({ description: 'A country (owned by the partners subgraph).' })
export class Country {
  @Field(() => ID)
  iso3: string;
}

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A partner organisation (owned by the partners subgraph).' })
export class Partner {
  @Field(() => ID)
  code: string;
}

// The alerts subgraph holds which situation, assessments and incidents an alert cites, but only
// this subgraph may say whether the viewer may read them: Alert.situation, Alert.citedAssessments
// and Alert.citedIncidents are resolved here, from the ids the gateway hands over (@requires), so a
// record the viewer may not read is left out (or null), never shown as an id.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An alert (owned by the alerts subgraph).' })
export class Alert {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => ID, { nullable: true })
  situationId: string | null;

  @Directive('@external')
  @Field(() => [ID])
  citedAssessmentIds: string[];

  @Directive('@external')
  @Field(() => [ID])
  citedIncidentIds: string[];
}
