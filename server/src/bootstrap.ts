import type { Core } from '@strapi/strapi';

import { manifest, PLUGIN_ID, UIDS } from '../../shared/manifest';
import { registerDatabaseLifecycles } from './lifecycles/database';
import { configureContentManager } from './utils/content-manager';
import { getConfig } from './config';
import { PUBLIC_ACTIONS } from './routes/content-api';
import { getService } from './utils/services';

/** Gives the Users & Permissions Public role the plugin's public routes, so a fresh install answers. */
const grantPublicRead = async (strapi: Core.Strapi) => {
  if (!strapi.plugin('users-permissions')) return;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const action of PUBLIC_ACTIONS.map((name) => `plugin::${PLUGIN_ID}.${name}`)) {
    const existing = await permissions.count({ where: { action, role: role.id } });
    if (existing === 0) await permissions.create({ data: { action, role: role.id } });
  }
};

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
  // Stories that existed before the plugin's tables did (an install over data, an import).
  await getService(strapi, 'slug').syncFromArticles();
  await getService(strapi, 'search-index').backfill();
  if (getConfig(strapi).publicApi) await grantPublicRead(strapi);
  strapi.log.info(`[${PLUGIN_ID}] ready: ${Object.values(UIDS).join(', ')}`);
};

export default bootstrap;
