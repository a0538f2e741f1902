// Tests run on the compiled output (`npm test` builds first), so decorators carry the metadata
// TypeORM and type-graphql need exactly as in production. A partner subgraph's own tests
// (partners-contrib/<folder>/test/, as `npm run subgraph:new` writes them) run beside ours.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test', '<rootDir>/dist/partners-contrib'],
  testMatch: ['**/*.test.js'],
  testTimeout: 120000,
  maxWorkers: 2,
  setupFiles: ['<rootDir>/dist/test/support/environment.js'],
};
