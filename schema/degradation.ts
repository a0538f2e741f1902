// The rule that lets an answer degrade instead of dropping (README "What a client sees when part of
// the graph is down"): whatever another subgraph resolves may fail on its own, so it must be
// nullable, and its null stops there instead of climbing to the parent. `npm run schema:check`
// fails on a field that breaks it, so new fields keep the rule.
import {
  Kind,
  parse,
  type DefinitionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

function objectTypes(sdl: string): ObjectNode[] {
  return parse(sdl).definitions.filter(
    (d: DefinitionNode): d is ObjectNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
}

const hasDirective = (node: { directives?: readonly { name: { value: string } }[] }, name: string) =>
  (node.directives ?? []).some((d) => d.name.value === name);

function keyFields(type: ObjectNode): Set<string> {
  const fields = new Set<string>();
  for (const directive of type.directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const value = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
    if (value?.kind === Kind.STRING) for (const name of value.value.split(/[\s{}]+/).filter(Boolean)) fields.add(name);
  }
  return fields;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Whether a list type's items may be null (false for a non-list). */
function itemsNullable(type: TypeNode): boolean {
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  return inner.kind === Kind.LIST_TYPE ? inner.type.kind !== Kind.NON_NULL_TYPE : true;
}

const isList = (type: TypeNode) => (type.kind === Kind.NON_NULL_TYPE ? type.type : type).kind === Kind.LIST_TYPE;

/**
 * The subgraph that owns each entity: the one that defines most of its fields. The others only
 * hold its key, to contribute fields to it or to point at it.
 */
export function entityOwners(sdls: Record<string, string>): Map<string, string> {
  const counts = new Map<string, { subgraph: string; fields: number }>();
  for (const [subgraph, sdl] of Object.entries(sdls)) {
    for (const type of objectTypes(sdl)) {
      if (!hasDirective(type, 'key')) continue;
      const fields = (type.fields ?? []).filter((f) => !hasDirective(f, 'external')).length;
      const best = counts.get(type.name.value);
      if (!best || fields > best.fields) counts.set(type.name.value, { subgraph, fields });
    }
  }
  return new Map([...counts].map(([type, { subgraph }]) => [type, subgraph]));
}

/** Every field that breaks the rule, as "subgraph: Type.field: why". */
export function degradationProblems(sdls: Record<string, string>): string[] {
  const owners = entityOwners(sdls);
  const problems: string[] = [];
  for (const [subgraph, sdl] of Object.entries(sdls)) {
    for (const type of objectTypes(sdl)) {
      const owner = owners.get(type.name.value);
      const keys = keyFields(type);
      for (const field of (type.fields ?? []) as FieldDefinitionNode[]) {
        if (hasDirective(field, 'external') || keys.has(field.name.value)) continue;
        const where = `${subgraph}: ${type.name.value}.${field.name.value}`;
        // One operation may ask several subgraphs' root fields: each must fail alone.
        if (type.name.value === 'Query' && !field.name.value.startsWith('_') && field.type.kind === Kind.NON_NULL_TYPE) {
          problems.push(
            `${where} is a root field, so it must be nullable: when the ${subgraph} subgraph fails, the other root fields of the answer stand`,
          );
        }
        // A field this subgraph contributes to another's entity fails when this subgraph does.
        if (owner && owner !== subgraph && field.type.kind === Kind.NON_NULL_TYPE) {
          problems.push(`${where} is contributed to the ${owner} subgraph's ${type.name.value}, so it must be nullable`);
        }
        // A reference to another subgraph's entity fails when that subgraph does.
        const target = owners.get(namedType(field.type));
        if (target && target !== subgraph) {
          if (field.type.kind === Kind.NON_NULL_TYPE)
            problems.push(`${where} points at the ${target} subgraph's ${namedType(field.type)}, so it must be nullable`);
          if (isList(field.type) && !itemsNullable(field.type))
            problems.push(`${where} lists the ${target} subgraph's ${namedType(field.type)}, so its items must be nullable`);
        }
      }
    }
  }
  return problems;
}
