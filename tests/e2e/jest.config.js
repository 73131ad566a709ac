// Browser tests against a running playground; started by scripts/e2e.js (`npm run test:e2e`), never by `npm test`.
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: repo,
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // The files share one playground database, each setting up what it needs: one file at a time.
  maxWorkers: 1,
  testTimeout: 90000,
  forceExit: true,
};
