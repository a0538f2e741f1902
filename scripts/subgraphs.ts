// The subgraphs built on our kernel, for the tools that handle all of them (start, schema,
// migrations, backups, tests): each enabled manifest entry with a `module` (platform/manifest.ts),
// loaded from that folder's index (dist/<module>/index.js once built), whose exports must include
// the SubgraphModule of the entry's name.
import path from 'node:path';
import { ManifestError, moduleEntries, type SubgraphEntry } from '../platform/manifest';
import type { SubgraphModule } from '../subgraphs/kernel/service/subgraph-service';

// Where this file really is (module.filename, unlike __dirname, is not moved to dist/ by the tests'
// ts-jest transform): dist/ when built, the sources under ts-jest, so modules load from the same tree.
const CODE_ROOT = path.resolve(path.dirname(module.filename), '..');

function isSubgraphModule(value: unknown): value is SubgraphModule {
  const candidate = value as Partial<SubgraphModule> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.name === 'string' &&
    typeof candidate.buildSchema === 'function' &&
    Array.isArray(candidate.entities)
  );
}

/** Loads the SubgraphModule of a manifest entry with a `module`; a clear error when the folder does not export one of that name. */
export function loadSubgraphModule(entry: Pick<SubgraphEntry, 'name'> & { module: string }): SubgraphModule {
  const file = path.join(CODE_ROOT, entry.module, 'index');
  let exported: Record<string, unknown>;
  try {
    // A path known only at run time, from the manifest: so require, not a static import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(file) as Record<string, unknown>;
  } catch (error) {
    throw new ManifestError(`subgraph ${entry.name}: cannot load its module ${entry.module} (${file}): ${(error as Error).message}`);
  }
  const found = Object.values(exported).find((value) => isSubgraphModule(value) && value.name === entry.name);
  if (!found) {
    const others = Object.values(exported)
      .filter(isSubgraphModule)
      .map((m) => m.name);
    throw new ManifestError(
      `subgraph ${entry.name}: ${entry.module}/index exports no SubgraphModule named "${entry.name}"${others.length ? ` (it exports ${others.join(', ')})` : ''}`,
    );
  }
  return found as SubgraphModule;
}

/** Every enabled manifest entry's SubgraphModule, in the manifest's order. */
export function subgraphModules(): SubgraphModule[] {
  return moduleEntries().map(loadSubgraphModule);
}

/** The subgraph modules of the manifest in use when this file was first loaded. */
export const SUBGRAPHS: readonly SubgraphModule[] = subgraphModules();
