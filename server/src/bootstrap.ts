import type { Core } from '@strapi/strapi';

import { PLUGIN_ID, UIDS } from '../../shared/manifest';
import { registerDatabaseLifecycles } from './lifecycles/bulk-deletes';
import { configureContentManager } from './content-types/content-manager';
import { getConfig } from './config';
import { getService } from './utils/services';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const permissions = getService(strapi, 'permissions');
  await permissions.registerAdminActions();

  registerDatabaseLifecycles(strapi);
  await configureContentManager(strapi);
  // Stories that existed before the plugin's tables did (an install over data, an import).
  await getService(strapi, 'slug').syncFromArticles();
  await getService(strapi, 'search-index').backfill();
  // Tags stored as bare names by earlier versions become catalogue tags.
  await getService(strapi, 'tags').carryOver();
  if (getConfig(strapi).publicApi) await permissions.grantPublicRoutes();
  strapi.log.info(`[${PLUGIN_ID}] ready: ${Object.values(UIDS).join(', ')}`);
};

export default bootstrap;
