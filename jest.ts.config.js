// Runs test files straight from the TypeScript sources (`npm run test:one -- test/unit/x.test.ts`),
// without building dist/ first. ts-jest compiles each file with the project's tsconfig.json and
// isolatedModules off, so decorators carry the metadata TypeORM and type-graphql need, as in the
// build (jest.ts.transform.js adds only the __dirname each file has in dist/). Tests that start the
// compiled scripts as child processes (dist/scripts, dist/*/index.js) still need `npm run build`;
// `npm test` runs everything on the compiled output.
module.exports = {
  testEnvironment: 'node',
  // Ours, and a partner subgraph's own tests (partners-contrib/<folder>/test/).
  roots: ['<rootDir>/test', '<rootDir>/partners-contrib'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The kernel package's sources, as tsconfig.json's paths map it: the workspace link would lead to
  // its compiled entry in dist/, a second copy of the kernel beside the sources the tests load.
  moduleNameMapper: { '^@hub/kernel$': '<rootDir>/subgraphs/kernel/index.ts' },
  transform: {
    // isolatedModules off: the whole program is type-checked so decorator metadata names the real
    // types. ts-jest warns (151002) that node16 modules want isolatedModules; the files are CommonJS here.
    '^.+\\.ts$': [
      '<rootDir>/jest.ts.transform.js',
      { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: false, diagnostics: { ignoreCodes: [151002] } },
    ],
  },
  testTimeout: 120000,
  setupFiles: ['<rootDir>/test/support/environment.ts'],
};
