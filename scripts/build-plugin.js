#!/usr/bin/env node
/**
 * `npm run build`: the plugin into dist/ (server and admin bundles, then the declarations of shared/),
 * stamped with a hash of what it was built from. `--if-stale` (npm run develop, test:e2e,
 * test:install) builds only when dist/ is not a complete build of the tree as it is now: a missing
 * file, a half-written dist/ or any edit to the sources, whatever the files' dates say.
 */
'use strict';
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const { buildStamp } = require('./lib/build-stamp');

const root = path.resolve(__dirname, '..');
const stamp = buildStamp('plugin-build', {
  inputs: ['server/src', 'admin/src', 'shared', 'package.json', 'server/tsconfig.json', 'server/tsconfig.build.json', 'admin/tsconfig.json', 'admin/tsconfig.build.json', 'admin/custom.d.ts'],
  outputs: ['dist/server/index.js', 'dist/server/index.mjs', 'dist/admin/index.js', 'dist/admin/index.mjs', 'dist/shared/contracts/index.d.ts'],
});

const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

const build = () =>
  stamp.record(() => {
    run(path.join(root, 'node_modules', '.bin', 'strapi-plugin'), ['build']);
    run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'shared', 'tsconfig.build.json')]);
  });

/** Builds unless dist/ is a build of the current sources; true when it built. */
const buildIfStale = async () => {
  if (stamp.isFresh()) return false;
  await build();
  return true;
};

module.exports = { build, buildIfStale };
if (require.main === module) {
  const work = process.argv.includes('--if-stale')
    ? buildIfStale().then((built) => built || console.log('[newsroom] dist/ is a build of the current sources: nothing to build'))
    : build();
  work.catch((error) => {
    console.error(`[newsroom] plugin build failed: ${error.message}`);
    process.exit(1);
  });
}
