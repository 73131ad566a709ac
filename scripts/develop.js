#!/usr/bin/env node
// `npm run develop`: builds the plugin when dist/ is not a build of the current sources, then starts the playground on SQLite.
'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');
const { buildIfStale } = require('./build-plugin');

const main = async () => {
  await buildIfStale();
  const playground = path.resolve(__dirname, '..', 'playground');
  const child = spawn(path.resolve(__dirname, '..', 'node_modules', '.bin', 'strapi'), ['develop', '--no-install-deps', ...process.argv.slice(2)], {
    cwd: playground,
    stdio: 'inherit',
    env: { STRAPI_TELEMETRY_DISABLED: 'true', BROWSER: 'none', ...process.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

main().catch((error) => {
  console.error(`[newsroom] ${error.message}`);
  process.exit(1);
});
