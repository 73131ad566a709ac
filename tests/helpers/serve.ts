/**
 * Runs the playground as a separate process (for scale-out and crash tests), with the plugin's
 * TypeScript sources (tests/plugin-sources) like the in-process tests: `node -r esbuild-register tests/helpers/serve.ts`.
 * Prints `READY <port>` once it listens.
 */
import './env';
import { createStrapi } from '@strapi/strapi';

import { PLAYGROUND, PLAYGROUND_DIST } from './paths';

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
