// What the gateway's cost limit counts, read from the list sizes the subgraph schemas declare in the
// checked-in supergraph: the query that once resolved 131,000 fields, the README's examples, and
// lists counted by their real size; the costs the gateway remembers, per document and variables.
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, getNullableType, getOperationAST, isCompositeType, isListType, isObjectType, parse } from 'graphql';
import { DEFAULT_MAX_QUERY_COST } from '../../gateway/config';
import { demandControlOf, operationCosts, supergraphCost } from '../../gateway/cost-limit';
import { DEFAULT_PAGE_SIZE } from '../../subgraphs/kernel/read/connection';
import { COUNTRIES } from '../../subgraphs/kernel/reference/countries';
import { SUPERGRAPH_PATH } from '../support/hub';
import { readmeQueries, readmeRequestBodies } from '../support/readme';

const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
const cost = supergraphCost(supergraph);

const FOUND_QUERY = '{ incidents { nodes { country { partners { memberStates { partners { memberStates { iso3 name } } } } } } } }';

describe('the cost limit', () => {
  it('counts the found query far over the limit', () => {
    expect(cost(FOUND_QUERY)).toBeGreaterThan(100 * DEFAULT_MAX_QUERY_COST);
  });

  it.each([...readmeQueries, ...readmeRequestBodies].map((e) => [e.name, e.block]))('lets the README example %s through', (_name, block) => {
    expect(cost(block, { id: 'd2a4f3a0-0000-4000-8000-000000000000', code: 'ICGLR' })).toBeLessThan(DEFAULT_MAX_QUERY_COST);
  });

  it('has README examples of both kinds to cost', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(5);
    expect(readmeRequestBodies.map((e) => e.name)).toContain('GreatLakes');
  });

  it('counts a connection without first as its default page', () => {
    expect(cost('{ incidents { nodes { id } } }')).toBe(cost(`{ incidents(first: ${DEFAULT_PAGE_SIZE}) { nodes { id } } }`));
    expect(cost('{ incidents { nodes { id } } }')).toBe(1 + 1 + DEFAULT_PAGE_SIZE);
    expect(cost('{ situations { edges { cursor node { title } } } }')).toBe(1 + 1 + DEFAULT_PAGE_SIZE * 3);
    expect(cost('query ($n: Int) { trainingSessions(first: $n) { nodes { title } } }', { n: 5 })).toBe(1 + 1 + 5);
  });

  it('counts countries as the 249 there are', () => {
    expect(COUNTRIES.length).toBe(249);
    expect(cost('{ countries { iso3 } }')).toBe(1 + COUNTRIES.length);
    expect(cost('{ countries { iso3 name } }')).toBe(1 + COUNTRIES.length * 2);
  });

  it('counts a list nested in a list by the product of their sizes', () => {
    const partners = cost('{ partners { code } }') - 1;
    const members = cost('{ partner(code: "AU") { memberStates { iso3 } } }') - 2;
    expect(cost('{ partners { memberStates { iso3 } } }')).toBe(1 + partners * (1 + members));
    expect(members).toBeGreaterThanOrEqual(57); // the OSCE has 57 participating states
  });

  it('counts fragments and skips what @skip leaves out', () => {
    const plain = cost('{ countries { iso3 name } }');
    expect(cost('{ countries { ...C } } fragment C on Country { iso3 name }')).toBe(plain);
    expect(cost('query ($no: Boolean!) { countries { iso3 name @skip(if: $no) } }', { no: true })).toBe(cost('{ countries { iso3 } }'));
  });

  it('knows the size of every list of objects in the supergraph', () => {
    const schema = buildSchema(supergraph, { assumeValidSDL: true });
    const { listSizes } = demandControlOf(supergraph);
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__')) continue;
      for (const field of Object.values(type.getFields())) {
        const sized = isListType(getNullableType(field.type)) || getNamedType(field.type).name.endsWith('Connection');
        if (sized && isCompositeType(getNamedType(field.type)) && !type.name.endsWith('Connection') && !listSizes.has(`${type.name}.${field.name}`)) {
          undeclared.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});

describe('the costs the gateway remembers', () => {
  const schema = buildSchema(supergraph, { assumeValidSDL: true });
  const costs = (source: string, variables: Record<string, unknown> = {}, remember = operationCosts(demandControlOf(supergraph))) => {
    const document = parse(source);
    return remember(schema, document, getOperationAST(document)!, source, variables);
  };

  it('are the costs counted afresh, for the same document with other variables too', () => {
    const remember = operationCosts(demandControlOf(supergraph));
    const sliced = 'query ($n: Int) { trainingSessions(first: $n) { nodes { title } } }';
    const skipped = 'query ($no: Boolean!) { countries { iso3 name @skip(if: $no) } }';
    for (let round = 0; round < 2; round++) {
      expect(costs(sliced, { n: 5 }, remember)).toBe(cost(sliced, { n: 5 }));
      expect(costs(sliced, { n: 500 }, remember)).toBe(cost(sliced, { n: 500 }));
      expect(costs(skipped, { no: true }, remember)).toBe(cost(skipped, { no: true }));
      expect(costs(skipped, { no: false }, remember)).toBe(cost(skipped, { no: false }));
      expect(costs(FOUND_QUERY, {}, remember)).toBe(cost(FOUND_QUERY));
    }
    expect(costs(sliced, { n: 500 }, remember)).toBeGreaterThan(costs(sliced, { n: 5 }, remember)!);
  });

  it('are none for variables that do not coerce, also once the same document was counted', () => {
    const remember = operationCosts(demandControlOf(supergraph));
    const sliced = 'query ($n: Int) { trainingSessions(first: $n) { nodes { title } } }';
    expect(costs(sliced, { n: 5 }, remember)).toBe(cost(sliced, { n: 5 }));
    expect(costs(sliced, { n: 'five' }, remember)).toBeUndefined();
    expect(costs(sliced, { n: 'five' }, remember)).toBeUndefined();
  });

  it('keep no more entries than asked, and count again what was dropped', () => {
    const remember = operationCosts(demandControlOf(supergraph), 2);
    const queries = ['{ partners { code } }', '{ countries { iso3 } }', '{ incidents { nodes { id } } }'];
    for (const query of [...queries, ...queries]) expect(costs(query, {}, remember)).toBe(cost(query));
  });
});
