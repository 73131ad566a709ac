import type { Core } from '@strapi/strapi';

import { getService } from './utils/services';

// Buffered views and clicks are written before Strapi closes the database (plugins are destroyed first).
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await Promise.all([getService(strapi, 'views').stop(), getService(strapi, 'related-clicks').stop()]);
};

export default destroy;
