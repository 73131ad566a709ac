#!/usr/bin/env node
// `npm test` (SQLite) and `npm run test:all` (SQLite, PostgreSQL, MySQL): the same jest suite per database.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const [, , ...args] = process.argv;
const clients = args.filter((arg) => ['sqlite', 'postgres', 'mysql'].includes(arg));
const jestArgs = args.filter((arg) => !clients.includes(arg));

const results = [];
for (const client of clients.length ? clients : ['sqlite']) {
  console.log(`\n=== jest on ${client} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...jestArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_CLIENT: client, STRAPI_TELEMETRY_DISABLED: 'true' },
    // A boot that hangs must not hang CI: jest gets 25 minutes per database.
    timeout: 25 * 60 * 1000,
    killSignal: 'SIGKILL',
  });
  results.push({ client, status: run.status ?? 1, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\n' + results.map((r) => `${r.client}: ${r.status === 0 ? 'passed' : 'FAILED'} (${r.seconds}s)`).join('\n'));
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
