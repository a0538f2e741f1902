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

// The alerts subgraph holds which situation an alert cites, but only this subgraph may say whether
// the viewer may read that situation: Alert.situation is resolved here, from the id the gateway
// hands over (@requires), so a situation the viewer may not read comes back null, never as an id.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An alert (owned by the alerts subgraph).' })
export class Alert {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => ID, { nullable: true })
  situationId: string | null;
}
