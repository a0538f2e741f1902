// Entities of other subgraphs that this one adds fields to: key-only stubs. The partners subgraph
// owns Country and the situations subgraph owns Situation; here they carry only their key, and the
// gateway hands this subgraph those keys when a query asks for a field contributed below.
// No field of this subgraph returns them: the kernel's schema builder includes them because the
// resolvers in resolvers/contributed.resolver.ts are declared for them (no orphanedTypes needed).
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "iso3")')
@ObjectType({ description: 'A country (owned by the partners subgraph).' })
export class Country {
  @Field(() => ID)
  iso3: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A country situation (owned by the situations subgraph).' })
export class Situation {
  @Field(() => ID)
  id: string;
}
