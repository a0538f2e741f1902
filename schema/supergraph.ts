// Prints the SDL of each subgraph built on our kernel from code, and composes those with the SDL
// files of services built elsewhere into the supergraph (@apollo/composition). Which subgraphs,
// their URLs and where each SDL comes from: the manifest, schema/subgraphs.json.
// The printed SDLs and schema/supergraph.graphql are checked-in build artefacts: the gateway
// serves the file, and any Federation 2 router can serve it unchanged.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { REPO_ROOT, moduleEntries, subgraphEntries } from '../platform/manifest';
import { subgraphModules } from '../scripts/subgraphs';

/** The source folder `schema/`, whether running from the sources or from dist/. */
export const SCHEMA_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../schema' : '.');

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** Every enabled subgraph of the manifest (platform/manifest.ts) with the URL the supergraph names. */
export function subgraphEndpoints(): SubgraphEndpoint[] {
  return subgraphEntries().map(({ name, url }) => ({ name, url }));
}

/** Each subgraph built on our kernel (a manifest `module`): its SDL, as its service would answer `_service { sdl }`. */
export async function printSubgraphs(): Promise<Record<string, string>> {
  const printed: Record<string, string> = {};
  for (const subgraph of subgraphModules()) {
    printed[subgraph.name] = printSubgraphSchema(await subgraph.buildSchema()) + '\n';
  }
  return printed;
}

/** Each service built elsewhere (a manifest `sdl`): the SDL file it is composed from. */
export function providedSdls(): Record<string, string> {
  return Object.fromEntries(
    subgraphEntries().flatMap((entry) => (entry.sdl === undefined ? [] : [[entry.name, readFileSync(path.join(REPO_ROOT, entry.sdl), 'utf8')]])),
  );
}

/** Every enabled subgraph's SDL as checked in: schema/<name>.graphql for a `module`, its own file for an `sdl`. */
export function checkedInSdls(): Record<string, string> {
  return {
    ...Object.fromEntries(moduleEntries().map((e) => [e.name, readFileSync(path.join(SCHEMA_DIR, `${e.name}.graphql`), 'utf8')])),
    ...providedSdls(),
  };
}

export class CompositionError extends Error {}

/** The supergraph of `endpoints` (every enabled subgraph); an `sdl` entry missing from `sdls` is read from its file. */
export function compose(sdls: Record<string, string>, endpoints: SubgraphEndpoint[] = subgraphEndpoints()): string {
  const all = { ...providedSdls(), ...sdls };
  const result = composeServices(
    endpoints.map((e) => {
      const sdl = all[e.name];
      if (sdl === undefined) throw new CompositionError(`no SDL for subgraph ${e.name}`);
      return { name: e.name, url: e.url, typeDefs: parse(sdl) };
    }),
  );
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
