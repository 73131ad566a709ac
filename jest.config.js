// Tests boot the real playground app with the plugin's TypeScript sources (see tests/helpers/strapi.ts).
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // Several server processes on one database file is not how SQLite is run (writers in two processes
  // fail with "database is locked"): the scale-out suite runs on PostgreSQL and MySQL.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', ...((process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite' ? ['<rootDir>/tests/integration/scale-out.test.ts'] : [])],
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
  setupFiles: ['<rootDir>/tests/helpers/env.ts'],
  testTimeout: 120000,
  // Two test files at a time: each boots its own Strapi on a database of its own (a temporary SQLite file, or one it
  // creates and drops on PostgreSQL/MySQL), and Redis keys carry a per-run prefix. `--side-by-side` runs one each.
  maxWorkers: 2,
  // A boot that fails must not leave jest waiting on open handles.
  forceExit: true,
};
