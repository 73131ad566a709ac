import type { StrapiApp } from '@strapi/strapi/admin';

import { PLUGIN_ID, manifest } from '../../shared/manifest';
import { loadTranslations } from './translations';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: manifest.displayName });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return loadTranslations(locales);
  },
};
