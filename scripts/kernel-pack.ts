// `npm run kernel:pack [-- --out DIR]`: the kernel as a tarball a partner installs outside this
// repository (README "The kernel as a package"). In the repository the kernel is the workspace
// package @hub/kernel, whose entry loads dist/ (one copy of the kernel and of its metadata); the
// tarball holds its own build instead: tsc compiles subgraphs/kernel/index.ts and every module it
// reaches (the kernel and the parts of platform/ it imports, at the same relative paths) with their
// .d.ts declarations into a staging folder, next to a package.json made from the kernel's, whose
// entry is that compiled index.js. Prints the tarball's path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../platform/manifest';

export const KERNEL_DIR = path.join(REPO_ROOT, 'subgraphs', 'kernel');
/** The kernel's build for the tarball (its own tsconfig: declarations, no source maps, rootDir the repository's). */
const PACKAGE_TSCONFIG = path.join(KERNEL_DIR, 'tsconfig.package.json');
/** The package's entry, relative to its folder: the compiled index.ts and its declarations. */
export const PACKED_MAIN = 'subgraphs/kernel/index.js';
export const PACKED_TYPES = 'subgraphs/kernel/index.d.ts';
/** The only folders the kernel may reach; a module elsewhere would be missing from any partner's copy. */
const PACKED_FOLDERS = ['subgraphs/kernel/', 'platform/'];

export class KernelPackError extends Error {}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** The npm packages the compiled modules require: what the package must declare as dependencies or peers. */
function requiredPackages(stage: string, files: string[]): Set<string> {
  const builtins = new Set(builtinModules);
  const packages = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    for (const [, specifier] of readFileSync(path.join(stage, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const parts = specifier.split('/');
      packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return packages;
}

/** Builds the kernel into a staging folder and packs it into `outDir`; returns the tarball's path. */
export function packKernel(outDir: string): string {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'hub-kernel-package-'));
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', PACKAGE_TSCONFIG, '--outDir', stage], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const files = filesUnder(stage);
    const outside = files.filter((file) => !PACKED_FOLDERS.some((folder) => file.startsWith(folder)));
    if (outside.length > 0)
      throw new KernelPackError(
        `the kernel reaches modules outside ${PACKED_FOLDERS.join(' and ')}: ${outside.join(', ')} (a partner's copy would lack them)`,
      );

    const source = JSON.parse(readFileSync(path.join(KERNEL_DIR, 'package.json'), 'utf8')) as Record<string, unknown> & {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    const declared = new Set([...Object.keys(source.dependencies ?? {}), ...Object.keys(source.peerDependencies ?? {})]);
    const undeclared = [...requiredPackages(stage, files)].filter((name) => !declared.has(name)).sort();
    if (undeclared.length > 0)
      throw new KernelPackError(`the kernel requires packages subgraphs/kernel/package.json does not declare: ${undeclared.join(', ')}`);
    // Without the workspace's scripts: its prepack refuses to pack the workspace link itself.
    const { scripts: _scripts, ...manifest } = source;
    writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ ...manifest, main: PACKED_MAIN, types: PACKED_TYPES }, null, 2)}\n`);

    mkdirSync(outDir, { recursive: true });
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', path.resolve(outDir)], {
        cwd: stage,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as { filename: string }[];
    return path.resolve(outDir, packed[0].filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: '.' } } });
  try {
    console.log(packKernel(values.out!));
  } catch (error) {
    console.error(error instanceof KernelPackError ? error.message : error);
    process.exitCode = 1;
  }
}
