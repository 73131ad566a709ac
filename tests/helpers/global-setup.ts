import { compileStrapi } from '@strapi/strapi';

import { PLAYGROUND } from './paths';

/** Compiles the playground once per run; Strapi loads only compiled config. */
export default async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  await compileStrapi({ appDir: PLAYGROUND, ignoreDiagnostics: false });
};
