// Tests run on the compiled output (`npm test` builds first), so decorators carry the metadata
// TypeORM and type-graphql need exactly as in production.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  testTimeout: 120000,
  maxWorkers: 2,
  setupFiles: ['<rootDir>/dist/test/support/environment.js'],
};
