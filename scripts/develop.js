#!/usr/bin/env node
// `npm run develop`: builds the plugin when its sources changed, then starts the playground on SQLite.
'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');
const { buildIfStale } = require('./build-if-stale');

buildIfStale();
const playground = path.resolve(__dirname, '..', 'playground');
const child = spawn(path.resolve(__dirname, '..', 'node_modules', '.bin', 'strapi'), ['develop', '--no-install-deps', ...process.argv.slice(2)], {
  cwd: playground,
  stdio: 'inherit',
  env: { STRAPI_TELEMETRY_DISABLED: 'true', BROWSER: 'none', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
