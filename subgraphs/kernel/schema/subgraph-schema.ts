// Turns a subgraph's type-graphql classes into an Apollo Federation 2 subgraph schema.
// Written once and used by every subgraph, so they declare federation the same way. What every
// subgraph needs beyond its own classes the builder adds itself: the `<name>AuditTrail` query, and
// the entities of other subgraphs that a resolver extends but no field returns (key-only stubs).
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { auditTrailResolver } from '../audit/audit-trail.resolver';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@cost", "@listSize"])';

export interface SubgraphDefinition {
  /** The subgraph's name: its audit-trail query is `<name>AuditTrail` (kernel/audit/audit-trail.resolver.ts). */
  name: string;
  /** The subgraph's own resolvers; the audit-trail resolver is added by the builder. */
  resolvers: NonEmptyArray<Function>;
  /**
   * Object types to include although no field returns them and no resolver extends them. Rarely
   * needed: the `@Resolver(() => X)` target of every resolver given is included already.
   */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type, merged into the type-graphql resolvers. */
  referenceResolvers?: Record<string, { __resolveReference(reference: Record<string, unknown>, context: unknown, info: unknown): unknown }>;
}

/**
 * The object types the resolvers are declared for (`@Resolver(() => Country)`). type-graphql leaves
 * out of the schema every type no root field returns, so an entity of another subgraph that this
 * one only adds a field to (a key-only stub such as `Country { iso3 }`) would vanish with its field
 * unless it is listed as an orphaned type; listing it here does that for every subgraph.
 */
export function resolverTargets(resolvers: readonly Function[]): Function[] {
  const targets = new Set<Function>();
  for (const resolver of resolvers) {
    const declared = getMetadataStorage().resolverClasses.find((meta) => meta.target === resolver);
    if (!declared) continue;
    try {
      targets.add(declared.getObjectType());
    } catch {
      // `@Resolver()` with no type: a resolver of root fields only.
    }
  }
  return [...targets];
}

const NO_PUBSUB = {
  publish: () => undefined,
  subscribe: (): AsyncIterable<unknown> => {
    throw new Error("subscriptions are served by the hub gateway's /graphql/stream, not by a subgraph");
  },
};

/** The type-graphql schema of the classes; a resolver target none of them reaches is added as an orphaned type. */
async function buildTypeGraphQLSchema(resolvers: NonEmptyArray<Function>, orphanedTypes: Function[]): Promise<GraphQLSchema> {
  const build = (orphans: Function[]) =>
    buildSchema({
      resolvers,
      orphanedTypes: orphans,
      validate: { forbidUnknownValues: false },
      // Federation adds Query._service/_entities later; a subgraph may have no root query of its own.
      skipCheck: true,
      // type-graphql wants one to declare a Subscription; a subgraph serves none itself (the gateway
      // serves alertEvents over SSE, gateway/alert-event-stream.ts), so this one never delivers.
      pubSub: NO_PUBSUB,
    });
  const schema = await build(orphanedTypes);
  // Built a second time only when a target is missing, with just those added: listing a type that
  // is reachable anyway would move it in the printed SDL and change schema/*.graphql for nothing.
  const missing = resolverTargets(resolvers).filter((target) => {
    const name = getMetadataStorage().objectTypes.find((type) => type.target === target)?.name;
    return name !== undefined && !schema.getType(name) && !orphanedTypes.includes(target);
  });
  return missing.length ? build([...orphanedTypes, ...missing]) : schema;
}

export async function buildFederatedSchema(definition: SubgraphDefinition): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphQLSchema([auditTrailResolver(definition.name), ...definition.resolvers], definition.orphanedTypes ?? []);
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolverMap = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(definition.referenceResolvers ?? {})) {
    resolverMap[typeName] = { ...(resolverMap[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers: resolverMap }]);
}
