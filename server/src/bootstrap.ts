import type { Core } from '@strapi/strapi';

import { PAGES_CHANGED_EVENT, PLUGIN_ID, UIDS } from '../../shared/manifest';
import { registerDatabaseLifecycles } from './lifecycles/bulk-deletes';
import { configureContentManager } from './content-types/content-manager';
import { getConfig } from './config';
import { checkPreparedStatements } from './utils/fixed-reads';
import { watchDefaultLocale } from './utils/locale';
import { getService } from './utils/services';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  const permissions = getService(strapi, 'permissions');
  await permissions.registerAdminActions();

  registerDatabaseLifecycles(strapi);
  await checkPreparedStatements(strapi);
  // Settings → Webhooks lists the event, so site owners point it at their front end.
  strapi.get('webhookStore').addAllowedEvent('NEWSROOM_PAGES_CHANGED', PAGES_CHANGED_EVENT);
  getService(strapi, 'page-cache').start();
  // Pages read without ?locale= showed the old default locale.
  watchDefaultLocale(strapi, () => void getService(strapi, 'page-cache').clear());
  await configureContentManager(strapi);
  // Stories that existed before the plugin's tables did (an install over data, an import).
  await getService(strapi, 'slug').syncFromArticles();
  await getService(strapi, 'search-index').backfill();
  // Byline roles stored by the previous version, keyed by correspondent slug.
  await getService(strapi, 'bylines').migrate();
  // Tags stored as bare names by earlier versions become catalogue tags.
  await getService(strapi, 'tags').carryOver();
  await getService(strapi, 'counters').start();
  // An upgrade that changed the text analysis needs a reindex: say so once, at boot.
  await getService(strapi, 'suggestions').checkIndexVersion();
  if (getConfig(strapi).publicApi) await permissions.grantPublicRoutes();
  strapi.log.info(`[${PLUGIN_ID}] ready: ${Object.values(UIDS).join(', ')}`);
};

export default bootstrap;
