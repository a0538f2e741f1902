// A package-lock.json for a project outside the repository (a partner's subgraph on the kernel's
// tarball) made from the hub's own lockfile: the same versions at the same places in node_modules/.
// npm 11 resolves a project without a lockfile from the registry's full package documents, which
// the hub's `npm ci` never fetches; with this lockfile `npm ci --offline` needs only what that
// `npm ci` left in npm's cache (each package's tarball and its install document), so the test
// installs without the network.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface OfflineProject {
  folder: string;
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** The lockfile for `project`, whose dependency `@hub/kernel` is the tarball `kernelTarball` and every other one the hub's. */
export function offlineLockfile(project: OfflineProject, kernelTarball: string): object {
  const hub = (JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const kernel = hub['subgraphs/kernel'];
  const packages: Record<string, LockEntry> = {
    '': { name: project.name, version: project.version, dependencies: project.dependencies, devDependencies: project.devDependencies },
    'node_modules/@hub/kernel': {
      version: kernel.version,
      resolved: `file:${path.relative(project.folder, kernelTarball)}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(kernelTarball)).digest('base64')}`,
      dependencies: kernel.dependencies,
      peerDependencies: kernel.peerDependencies,
    },
  };

  // Where Node would find `name` required from the package at `from`: its own node_modules, then each enclosing one.
  const locate = (from: string, name: string): string | undefined => {
    for (let at = from; ;) {
      const key = `${at ? `${at}/` : ''}node_modules/${name}`;
      if (hub[key]) return key;
      if (at === '') return undefined;
      const parent = at.lastIndexOf('/node_modules/');
      at = parent < 0 ? '' : at.slice(0, parent);
    }
  };
  const pending: [string, string][] = [];
  const need = (from: string, entry: LockEntry) => {
    for (const name of Object.keys({ ...entry.dependencies, ...entry.devDependencies, ...entry.optionalDependencies })) pending.push([from, name]);
    // npm installs peers too, unless they are optional.
    for (const name of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[name]?.optional) pending.push([from, name]);
  };
  need('', packages['']);
  need('node_modules/@hub/kernel', kernel);
  while (pending.length > 0) {
    const [from, name] = pending.pop()!;
    if (name === '@hub/kernel') continue;
    const key = locate(from, name);
    if (!key) {
      const optional = packages[from]?.optionalDependencies?.[name] !== undefined;
      if (!optional) throw new Error(`the hub's package-lock.json does not resolve ${name} (needed by ${from || 'the project'})`);
      continue;
    }
    if (packages[key]) continue;
    // Whether a package is only for development is the hub's business, not the project's.
    const { dev: _dev, peer: _peer, devOptional: _devOptional, ...entry } = hub[key];
    packages[key] = entry;
    need(key, entry);
  }
  return { name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages };
}
