// The schema rule behind degrade-not-drop: whatever another subgraph resolves is nullable.
import { degradationProblems, entityOwners } from '../../schema/degradation';
import { checkedInSdls } from '../../schema/supergraph';

const owner = `
  type Query { country(iso3: String!): Country }
  type Country @key(fields: "iso3") { iso3: ID! name: String! region: String! }
`;

describe('the degradation rule of schema:check', () => {
  it('finds the owner of an entity in the subgraph that defines most of its fields', () => {
    const owners = entityOwners({ partners: owner, situations: 'type Country @key(fields: "iso3") { iso3: ID! situations: [String!] }' });
    expect(owners.get('Country')).toBe('partners');
  });

  it('refuses a non-null field contributed to another subgraph’s entity, a non-null reference to one, a list of them with non-null items, and a non-null root field', () => {
    const contributor = `
      type Query { situations: [Situation!]! }
      type Country @key(fields: "iso3") { iso3: ID! situations: [Situation!]! }
      type Situation @key(fields: "id") { id: ID! title: String! country: Country! neighbours: [Country!] }
    `;
    expect(degradationProblems({ partners: owner, situations: contributor })).toEqual([
      expect.stringMatching(/^situations: Query.situations is a root field/),
      expect.stringMatching(/^situations: Country.situations is contributed to the partners subgraph's Country/),
      expect.stringMatching(/^situations: Situation.country points at the partners subgraph's Country/),
      expect.stringMatching(/^situations: Situation.neighbours lists the partners subgraph's Country, so its items must be nullable/),
    ]);
  });

  it('accepts the same fields once they are nullable, and a subgraph’s own non-null fields', () => {
    const contributor = `
      type Query { situations: [Situation!] }
      type Country @key(fields: "iso3") { iso3: ID! situations: [Situation!] }
      type Situation @key(fields: "id") { id: ID! title: String! country: Country neighbours: [Country] }
    `;
    expect(degradationProblems({ partners: owner, situations: contributor })).toEqual([]);
  });

  it('holds for the checked-in subgraph schemas', () => {
    const sdls = checkedInSdls();
    expect(degradationProblems(sdls)).toEqual([]);
  });
});
