// The kernel's subgraph builder adds what every subgraph needs by itself: an entity of another
// subgraph that this one only extends with a field (a key-only stub no field returns), and the
// `<name>AuditTrail` query. type-graphql alone leaves such a stub out of the schema, field and all.
import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { buildSchema, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema, resolverTargets } from '../../subgraphs/kernel/schema/subgraph-schema';

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A stub of an entity another subgraph owns: its key only.' })
class Harbour {
  @Field(() => ID)
  code: string;
}

@Resolver(() => Harbour)
class HarbourBerthsResolver {
  @FieldResolver(() => Int)
  berths(@Root() harbour: Harbour): number {
    return harbour.code.length;
  }
}

@Resolver()
class PingResolver {
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}

describe('buildFederatedSchema', () => {
  it('includes a key-only stub that only a field resolver uses, with its field', async () => {
    const sdl = printSubgraphSchema(await buildFederatedSchema({ name: 'probe', resolvers: [PingResolver, HarbourBerthsResolver] }));
    expect(sdl).toMatch(/type Harbour\s+@key\(fields: "code"\)\s*\{[^}]*code: ID![^}]*berths: Int![^}]*\}/);
  });

  it('is needed: type-graphql by itself leaves the stub and its field out', async () => {
    const plain = printSchema(await buildSchema({ resolvers: [PingResolver, HarbourBerthsResolver], skipCheck: true }));
    expect(plain).not.toContain('Harbour');
  });

  it("adds the subgraph's audit-trail query", async () => {
    const sdl = printSubgraphSchema(await buildFederatedSchema({ name: 'probe', resolvers: [PingResolver] }));
    expect(sdl).toMatch(/probeAuditTrail\(limit: Int! = 100, filter: AuditTrailFilter\): \[AuditEvent!\]/);
  });

  it('finds the target of a typed resolver and skips one of root fields only', () => {
    expect(resolverTargets([PingResolver, HarbourBerthsResolver])).toEqual([Harbour]);
  });
});
