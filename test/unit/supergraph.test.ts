import { readFileSync } from 'node:fs';
import path from 'node:path';
import { moduleEntries } from '../../platform/manifest';
import { CompositionError, SCHEMA_DIR, compose, printSubgraphs, subgraphEndpoints } from '../../schema/supergraph';

describe('supergraph composition', () => {
  let printed: Record<string, string>;

  beforeAll(async () => {
    printed = await printSubgraphs();
  });

  it('prints every subgraph as a Federation 2 schema with its entity keys', () => {
    expect(Object.keys(printed).sort()).toEqual(
      moduleEntries()
        .map((entry) => entry.name)
        .sort(),
    );
    for (const sdl of Object.values(printed)) expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    expect(printed.partners).toMatch(/type Country @key\(fields: "iso3"\)/);
    expect(printed.partners).toMatch(/type Partner @key\(fields: "code"\)/);
    expect(printed.situations).toMatch(/type Situation @key\(fields: "id"\)/);
  });

  it('matches the checked-in subgraph SDLs and supergraph (npm run schema:check)', () => {
    for (const [name, sdl] of Object.entries(printed)) {
      expect(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8')).toBe(sdl);
    }
    expect(readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8')).toBe(compose(printed));
  });

  it('routes the contributed fields to the subgraphs that resolve them', () => {
    const supergraph = compose(printed);
    expect(supergraph).toMatch(/situations: \[Situation!\] @join__field\(graph: SITUATIONS\)/);
    expect(supergraph).toMatch(/trainingSessions[^\n]*@join__field\(graph: TRAINING\)/);
    expect(supergraph).toMatch(/alerts[^\n]*@join__field\(graph: ALERTS\)/);
    for (const endpoint of subgraphEndpoints()) expect(supergraph).toContain(`url: "${endpoint.url}"`);
  });

  it('refuses to compose subgraphs that disagree on an entity key type', () => {
    const conflicting = printed.training.replace(
      /type Country @key\(fields: "iso3"\) \{\n(\s+)iso3: ID!/,
      'type Country @key(fields: "iso3") {\n$1iso3: Int!',
    );
    expect(conflicting).not.toBe(printed.training);
    expect(() => compose({ ...printed, training: conflicting })).toThrow(CompositionError);
  });
});
