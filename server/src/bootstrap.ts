import type { Core } from '@strapi/strapi';

import { manifest, PLUGIN_ID, UIDS } from '../../shared/manifest';
import { registerDatabaseLifecycles } from './lifecycles/database';
import { configureContentManager } from './utils/content-manager';
import { getService } from './utils/services';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(
    Object.values(manifest.actions).map((action) => ({
      section: 'plugins',
      displayName: action.displayName,
      uid: action.uid,
      pluginName: PLUGIN_ID,
    }))
  );

  registerDatabaseLifecycles(strapi);
  await configureContentManager(strapi);
  // Stories that existed before the plugin's slug table did (an install over data, an import).
  await getService(strapi, 'slug').syncFromArticles();
  strapi.log.info(`[${PLUGIN_ID}] ready: ${Object.values(UIDS).join(', ')}`);
};

export default bootstrap;
