// A cost limit that counts what a query resolves, computed before execution from the list sizes
// the subgraphs declare in their schemas (demand-control @listSize and @cost, composed into the
// supergraph; subgraphs/kernel/schema/list-size.ts). Depth limits miss a query alternating
// Partner.memberStates and Country.partners a few levels deep, which asks for millions of objects.
//
// Each field costs its @cost weight (1 without one), and a list multiplies what is selected under
// it by its size: the value of its slicing argument (`first`, `limit`) when given, else its
// assumedSize. A connection's size applies to its sizedFields (`edges`, `nodes`), not to the
// connection object. So a query's cost is about the number of fields it can resolve.
//
// A cost is a function of the document, the operation and the variables alone: the gateway keeps the
// costs of recent ones (operationCosts), so a dashboard sent again is not walked again.
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  buildSchema,
  getArgumentValues,
  getOperationAST,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  validate,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { tooExpensive } from '../platform/errors';

/** What a list with no @listSize is assumed to hold (every list of objects in the hub has one). */
export const UNDECLARED_LIST_SIZE = 10;

export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** The demand-control directives of a supergraph, by `Type.field` (and by type for @cost on a type). */
export interface DemandControl {
  weights: Map<string, number>;
  listSizes: Map<string, ListSize>;
}

function intValue(node: ValueNode | undefined): number | undefined {
  return node?.kind === Kind.INT ? Number(node.value) : undefined;
}

function stringList(node: ValueNode | undefined): string[] | undefined {
  if (node?.kind === Kind.STRING) return [node.value];
  if (node?.kind !== Kind.LIST) return undefined;
  return node.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

function argument(directive: DirectiveNode, name: string): ValueNode | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/** Reads @cost and @listSize from supergraph SDL (the gateway's API schema no longer carries them). */
export function demandControlOf(supergraphSdl: string): DemandControl {
  const weights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    const typeName = definition.name.value;
    for (const directive of definition.directives ?? []) {
      const weight = directive.name.value === 'cost' ? intValue(argument(directive, 'weight')) : undefined;
      if (weight !== undefined) weights.set(typeName, weight);
    }
    for (const field of definition.fields ?? []) {
      const key = `${typeName}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        if (directive.name.value === 'cost') {
          const weight = intValue(argument(directive, 'weight'));
          if (weight !== undefined) weights.set(key, weight);
        } else if (directive.name.value === 'listSize') {
          listSizes.set(key, {
            assumedSize: intValue(argument(directive, 'assumedSize')),
            slicingArguments: stringList(argument(directive, 'slicingArguments')),
            sizedFields: stringList(argument(directive, 'sizedFields')),
          });
        }
      }
    }
  }
  return { weights, listSizes };
}

interface Walk {
  schema: GraphQLSchema;
  control: DemandControl;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function included(walk: Walk, node: { directives?: readonly DirectiveNode[] }): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

/**
 * What a selection set costs on `type`. Fragments on other types of an abstract type are all
 * added, not the largest of them: an overestimate, never an underestimate.
 */
function selectionCost(walk: Walk, type: GraphQLCompositeType, selectionSet: SelectionSetNode, sized?: { fields: string[]; size: number }): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) total += selectionCost(walk, on, selection.selectionSet, sized);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      const on = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (on && isCompositeType(on)) total += selectionCost(walk, on, fragment.selectionSet, sized);
      continue;
    }
    const name = selection.name.value;
    // __typename and introspection (development only) count as one field.
    if (name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) {
      total += 1;
      continue;
    }
    const field = type.getFields()[name];
    if (!field) continue; // validation has refused it already
    const key = `${type.name}.${name}`;
    const named = getNamedType(field.type);
    const weight = walk.control.weights.get(key) ?? walk.control.weights.get(named.name) ?? 1;
    if (!selection.selectionSet || !isCompositeType(named)) {
      total += weight;
      continue;
    }
    const listSize = walk.control.listSizes.get(key);
    const args = getArgumentValues(field, selection, walk.variables);
    const sliced = (listSize?.slicingArguments ?? []).map((a) => args[a]).filter((v): v is number => typeof v === 'number');
    const size = Math.max(sliced.length > 0 ? Math.max(...sliced) : (listSize?.assumedSize ?? UNDECLARED_LIST_SIZE), 1);
    let multiplier = 1;
    let passDown: { fields: string[]; size: number } | undefined;
    if (listSize?.sizedFields?.length) passDown = { fields: listSize.sizedFields, size };
    else if (listSize || isListType(getNullableType(field.type))) multiplier = size;
    if (sized?.fields.includes(name) && !listSize) multiplier = sized.size;
    total += weight + multiplier * selectionCost(walk, named, selection.selectionSet, passDown);
  }
  return total;
}

/**
 * The cost of one operation of `document` with these variables, as the gateway counts it against
 * MAX_QUERY_COST. Throws a GraphQLError for variables that do not coerce.
 */
export function operationCost(
  schema: GraphQLSchema,
  control: DemandControl,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) throw coerced.errors[0];
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  return selectionCost({ schema, control, fragments, variables: coerced.coerced }, root, operation.selectionSet);
}

/**
 * The cost of a query against a supergraph file, without a running gateway: for tests and
 * `npm run cost`. The supergraph's own schema has every field the API schema has, so costs agree.
 */
export function supergraphCost(supergraphSdl: string): (query: string, variables?: Record<string, unknown>, operationName?: string) => number {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const control = demandControlOf(supergraphSdl);
  return (query, variables, operationName) => {
    const document = parse(query);
    const invalid = validate(schema, document);
    if (invalid.length > 0) throw new Error(invalid.map((e) => e.message).join('\n'));
    const operation = getOperationAST(document, operationName);
    if (!operation) throw new Error(operationName ? `no operation named ${operationName}` : 'name the operation to cost: the document has several');
    return operationCost(schema, control, document, operation, variables);
  };
}

/** Documents × operations × variables whose cost the gateway remembers; the least recently used goes first. */
const MAX_CACHED_COSTS = 1000;

/** What one operation of a request costs, or undefined when its variables do not coerce. */
export type OperationCosts = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  source: string | undefined,
  rawVariables: Record<string, unknown>,
) => number | undefined;

/**
 * operationCost, remembered by the request's document text, operation and variables (all of them:
 * `first: $n` and `@include(if: $x)` change the cost, and a variable that does not coerce changes
 * the outcome), hashed so that the cache's size does not grow with the documents'. Per schema, so
 * a cost counted against one schema is never given for another.
 */
export function operationCosts(control: DemandControl, maxEntries = MAX_CACHED_COSTS): OperationCosts {
  const bySchema = new WeakMap<GraphQLSchema, Map<string, number | undefined>>();
  const compute = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => {
    try {
      return operationCost(schema, control, document, operation, variables);
    } catch {
      return undefined;
    }
  };
  return (schema, document, operation, source, rawVariables) => {
    if (source === undefined) return compute(schema, document, operation, rawVariables);
    let text: string;
    try {
      text = JSON.stringify([source, operation.name?.value ?? null, rawVariables]);
    } catch {
      // Variables too deeply nested to serialise (a hostile request): counted, not remembered.
      return compute(schema, document, operation, rawVariables);
    }
    let cache = bySchema.get(schema);
    if (!cache) bySchema.set(schema, (cache = new Map()));
    const key = createHash('sha256').update(text).digest('base64');
    if (cache.has(key)) {
      const cost = cache.get(key);
      // Moved to the back of the map's order: the front is the least recently used.
      cache.delete(key);
      cache.set(key, cost);
      return cost;
    }
    const cost = compute(schema, document, operation, rawVariables);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(key, cost);
    return cost;
  };
}

export function costLimitPlugin(maximumCost: number, control: DemandControl): ApolloServerPlugin {
  const costs = operationCosts(control);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation, source }) {
          if (!operation) return;
          const cost = costs(schema, document, operation, source, request.variables ?? {});
          // Variables that do not coerce: execution reports them to the caller as BAD_USER_INPUT.
          if (cost === undefined) return;
          if (cost > maximumCost) {
            throw tooExpensive(cost, maximumCost);
          }
        },
      };
    },
  };
}
