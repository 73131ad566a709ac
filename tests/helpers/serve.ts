/**
 * Runs the playground as a separate process (for scale-out and crash tests), with the plugin's
 * TypeScript sources like the in-process tests: `node -r esbuild-register tests/helpers/serve.ts`.
 * Prints `READY <port>` once it listens.
 */
import Module from 'node:module';
import path from 'node:path';

import './env';
import { createStrapi } from '@strapi/strapi';

import { PLAYGROUND, PLAYGROUND_DIST, REPO } from './paths';

const entry = path.join(REPO, 'dist', 'server', 'index.js');
const sources = path.join(REPO, 'server', 'src', 'index.ts');
type Resolver = (request: string, parent: unknown, isMain: boolean, options: unknown) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolver };
const resolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function resolveSources(request, parent, isMain, options) {
  const resolved = resolve.call(this, request, parent, isMain, options);
  return resolved === entry ? sources : resolved;
};

const main = async () => {
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND_DIST, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  await strapi.listen();
  const address = strapi.server.httpServer.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : ''}\n`);
  const stop = async () => {
    await strapi.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
};

main().catch((error: unknown) => {
  process.stderr.write(`serve: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
