#!/usr/bin/env node
// `npm run develop`: builds the plugin when dist/ is not a build of the current sources, then starts the playground on SQLite
// and the example front end (examples/front-end) at FRONT_END_URL (default http://127.0.0.1:3000; empty: not started).
'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');
const { buildIfStale } = require('./build-plugin');

const root = path.resolve(__dirname, '..');

/** The example news site, beside the playground: a failure to start it (port taken) leaves the playground running. */
const startFrontEnd = (env) => {
  const address = env.FRONT_END_URL ?? 'http://127.0.0.1:3000';
  if (!address) return null;
  const { hostname, port } = new URL(address);
  const child = spawn(process.execPath, [path.join(root, 'examples', 'front-end', 'server.js')], {
    stdio: 'inherit',
    env: { ...env, HOST: hostname, PORT: port || '80', STRAPI_URL: `http://127.0.0.1:${env.PORT || 1337}` },
  });
  child.on('exit', (code) => code && console.error(`[newsroom] the example front end stopped (exit ${code}); the playground runs on`));
  return child;
};

const main = async () => {
  await buildIfStale();
  const env = { STRAPI_TELEMETRY_DISABLED: 'true', BROWSER: 'none', ...process.env };
  const frontEnd = startFrontEnd(env);
  const child = spawn(path.join(root, 'node_modules', '.bin', 'strapi'), ['develop', '--no-install-deps', ...process.argv.slice(2)], {
    cwd: path.join(root, 'playground'),
    stdio: 'inherit',
    env,
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      child.kill(signal);
      frontEnd?.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    frontEnd?.kill('SIGTERM');
    process.exit(code ?? (signal ? 1 : 0));
  });
};

main().catch((error) => {
  console.error(`[newsroom] ${error.message}`);
  process.exit(1);
});
