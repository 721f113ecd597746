/** One jest config for the whole workspace: every package's test/ folder, real PostgreSQL. */
module.exports = {
  testMatch: ['<rootDir>/packages/*/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/packages/core/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/packages/core/src/testing/global-teardown.ts',
  testEnvironment: 'node',
  testTimeout: 120000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/packages/core/src/testing/summary-reporter.js'],
};
