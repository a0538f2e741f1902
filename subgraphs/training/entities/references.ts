// Entities owned by the partners subgraph that this one extends with fields. Only their keys live here.
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
