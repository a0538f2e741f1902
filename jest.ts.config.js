// Runs test files straight from the TypeScript sources (`npm run test:one -- test/unit/x.test.ts`),
// without building dist/ first. ts-jest compiles each file with the project's tsconfig.json and
// isolatedModules off, so decorators carry the metadata TypeORM and type-graphql need, as in the
// build (jest.ts.transform.js adds only the __dirname each file has in dist/). Tests that start the
// compiled scripts as child processes (dist/scripts, dist/*/index.js) still need `npm run build`;
// `npm test` runs everything on the compiled output.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
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
