// Prints each subgraph's SDL from code and composes the supergraph with @apollo/composition.
// The printed SDLs and schema/supergraph.graphql are checked-in build artefacts: the gateway
// serves the file, and any Federation 2 router can serve it unchanged.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../scripts/subgraphs';

/** The source folder `schema/`, whether running from the sources or from dist/. */
export const SCHEMA_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../schema' : '.');

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export function subgraphEndpoints(): SubgraphEndpoint[] {
  return JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'subgraphs.json'), 'utf8')) as SubgraphEndpoint[];
}

/** Each subgraph's SDL, as its service would answer `_service { sdl }`. */
export async function printSubgraphs(): Promise<Record<string, string>> {
  const printed: Record<string, string> = {};
  for (const subgraph of SUBGRAPHS) {
    printed[subgraph.name] = printSubgraphSchema(await subgraph.buildSchema()) + '\n';
  }
  return printed;
}

export class CompositionError extends Error {}

export function compose(sdls: Record<string, string>, endpoints: SubgraphEndpoint[] = subgraphEndpoints()): string {
  const result = composeServices(
    endpoints.map((e) => {
      const sdl = sdls[e.name];
      if (sdl === undefined) throw new CompositionError(`no SDL for subgraph ${e.name}`);
      return { name: e.name, url: e.url, typeDefs: parse(sdl) };
    }),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
