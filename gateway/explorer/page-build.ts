// What the Vite builds of the gateway's pages share (the explorer here, dashboard/): each built into
// dist/<name>/ and served under /<name>/ by gateway/static-pages.ts, quietly, with nothing left to
// load from the internet.
import path from 'node:path';
import type { UserConfig } from 'vite';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The config of the page `name` whose sources are in `root`; `extra` adds to it. */
export function pageBuild(name: string, root: string, extra: UserConfig = {}): UserConfig {
  return {
    ...extra,
    root,
    base: `/${name}/`,
    logLevel: 'warn',
    build: {
      outDir: path.join(REPO_ROOT, 'dist', name),
      emptyOutDir: true,
      reportCompressedSize: false,
      ...extra.build,
    },
  };
}
