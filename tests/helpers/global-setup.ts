import { compileStrapi } from '@strapi/strapi';

import { PLAYGROUND } from './paths';

/** Compiles the playground once per run; Strapi loads only compiled config. Suites run side by side share one compile (scripts/test.js). */
export default async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  if (process.env.NEWSROOM_PLAYGROUND_COMPILED === '1') return;
  await compileStrapi({ appDir: PLAYGROUND, ignoreDiagnostics: false });
};
