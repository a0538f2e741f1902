// Builds the explorer (`npm run build:explorer`): GraphiQL and our page around it, bundled from
// these files into dist/explorer/, which the gateway serves (gateway/static-pages.ts). Nothing is
// left to load from the internet: fonts, styles and Monaco's workers are all emitted as our files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { pageBuild, REPO_ROOT as ROOT } from './page-build';
import { explorerTabs } from '../readme-examples';

/** `virtual:explorer-tabs`: the README's "Asking the hub" operations, read when the bundle is built. */
function readmeTabs(): Plugin {
  const id = 'virtual:explorer-tabs';
  const readme = path.join(ROOT, 'README.md');
  return {
    name: 'explorer-tabs',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      this.addWatchFile(readme);
      return `export default ${JSON.stringify(explorerTabs(readFileSync(readme, 'utf8')))};`;
    },
  };
}

// The page is served at /graphql, its files under /explorer/ (gateway/static-pages.ts).
export default defineConfig(
  pageBuild('explorer', import.meta.dirname, {
    plugins: [readmeTabs()],
    build: {
      // Monaco and GraphiQL are large and loaded once per visit, from the gateway itself.
      chunkSizeWarningLimit: 4096,
      rolldownOptions: {
        // GraphiQL's dependencies mark React server-component boundaries ("use client"), which a page bundle does not need.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    worker: { format: 'es' },
  }),
);
