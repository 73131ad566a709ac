import fs from 'node:fs';
import path from 'node:path';
import { compileStrapi } from '@strapi/strapi';

import { PLAYGROUND, REPO } from './paths';

/** Compiles the playground once per run; Strapi loads only compiled config. */
export default async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  // Strapi skips a plugin whose entry file is missing; jest maps this path to the TypeScript sources.
  const entry = path.join(REPO, 'dist', 'server', 'index.js');
  if (!fs.existsSync(entry)) {
    fs.mkdirSync(path.dirname(entry), { recursive: true });
    fs.writeFileSync(entry, '// placeholder: tests map this file to server/src/index.ts\nmodule.exports = {};\n');
  }
  await compileStrapi({ appDir: PLAYGROUND, ignoreDiagnostics: false });
};
