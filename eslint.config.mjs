// ESLint for the hub (`npm run lint`): the recommended JavaScript and typescript-eslint rules, a few
// autofixable habits, and the import boundaries that keep the tree in the shape the README describes.
// Formatting is Prettier's (.prettierrc); eslint-config-prettier turns off the rules it would fight.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The folders of the subgraphs built on our kernel: every manifest entry's `module` under subgraphs/
// (schema/subgraphs.json, the one list of the hub's subgraphs; disabled ones are code all the same).
const MANIFEST = JSON.parse(readFileSync(path.join(import.meta.dirname, 'schema', 'subgraphs.json'), 'utf8'));
const SUBGRAPHS = MANIFEST.subgraphs
  .map((entry) => entry.module)
  .filter((module) => typeof module === 'string' && path.posix.dirname(module) === 'subgraphs')
  .map((module) => path.posix.basename(module));

/** A relative import that climbs out of the importing folder and into one of `folders`. */
function into(folders, message) {
  return { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message };
}

// Only the read module builds policed queries: the policy's SQL builders are for kernel/read (and
// the policy itself); everything else reads through the policed reader.
const POLICY_SQL = {
  regex: '(^|/)policy/access-policy$',
  importNames: ['policySql', 'visibleTo', 'restrictToVisible'],
  message: 'only subgraphs/kernel/read builds policed queries: read through the policed reader (kernel/read) instead',
};

const KERNEL_IMPORTS = into([...SUBGRAPHS, 'gateway', 'scripts', 'test', 'bench'], 'the subgraph kernel imports no subgraph and no gateway');

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  { ignores: ['dist/**', 'dashboard/src/generated/**', 'node_modules/**', 'coverage/**', '.data/**', 'bench/results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  prettier,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': ['error', 'properties'],
      'no-useless-rename': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Entities and resolvers are classes handed to TypeORM and type-graphql, whose own APIs type
      // them as Function (EntityTarget, MixedList, NonEmptyArray<Function>).
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // A promise nobody awaits loses its error (an unhandled rejection ends the process); these two
    // need the type checker, so they run on the TypeScript files of tsconfig.json.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Tests read loosely typed JSON answers; `any` there is the shape of a GraphQL response.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The jest configs and their transformer are CommonJS, as jest loads them.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Import boundaries. Each block's no-restricted-imports replaces the one before it for its files.
  // The gateway imports only the platform (and its own files and npm packages).
  { files: ['gateway/**/*.ts'], rules: restrict(into(['subgraphs', 'schema', 'scripts', 'test', 'bench'], 'the gateway imports only platform/')) },
  // The platform is shared by the gateway and the subgraphs, so it imports neither.
  {
    files: ['platform/**/*.ts'],
    rules: restrict(into(['gateway', 'subgraphs', 'scripts', 'test', 'bench'], 'platform/ imports neither gateway/ nor subgraphs/')),
  },
  // The kernel is what every subgraph shares: it imports no subgraph. Of it, only kernel/read (and
  // the policy itself) may take the policy's SQL builders.
  { files: ['subgraphs/kernel/**/*.ts'], rules: restrict(KERNEL_IMPORTS, POLICY_SQL) },
  { files: ['subgraphs/kernel/read/**/*.ts', 'subgraphs/kernel/policy/**/*.ts'], rules: restrict(KERNEL_IMPORTS) },
  // The example of a partner's own service stands for one written elsewhere, in any language: it
  // imports npm packages and its own files only (README "A partner's own service, in any language").
  {
    files: ['test/support/foreign-subgraph/**/*.ts'],
    rules: restrict({ regex: '^\\.\\./', message: "the foreign subgraph uses none of the hub's code: npm packages and its own files only" }),
  },
  // A subgraph never imports another subgraph's code: they meet only through the supergraph.
  ...SUBGRAPHS.map((name) => ({
    files: [`subgraphs/${name}/**/*.ts`],
    rules: restrict(
      into(
        SUBGRAPHS.filter((other) => other !== name),
        `a subgraph never imports another subgraph: ${name} may import subgraphs/kernel and platform/ only`,
      ),
      into(['gateway', 'scripts', 'test', 'bench'], `subgraphs/${name} imports subgraphs/kernel and platform/, not the gateway, scripts or tests`),
      POLICY_SQL,
    ),
  })),
  // A partner's subgraph (partners-contrib/<name>/) imports nothing of ours but the kernel's package
  // entry, `@hub/kernel`, so that it can be taken out of this repository as it is.
  {
    files: ['partners-contrib/**/*.ts'],
    rules: restrict(
      into(
        ['subgraphs', 'platform', 'gateway', 'schema', 'scripts', 'test', 'bench', 'partners-contrib'],
        'a partner subgraph imports the hub only through @hub/kernel',
      ),
      { group: ['@hub/*', '!@hub/kernel', '@hub/kernel/*'], message: 'a partner subgraph imports the hub only through @hub/kernel, its one entry' },
    ),
  },
);
