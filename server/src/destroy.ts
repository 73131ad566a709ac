import type { Core } from '@strapi/strapi';

import { getService } from './utils/services';

// Buffered views and clicks are written and the suggestions queue stops before Strapi closes the database (plugins are destroyed first); pages changed in the last moments are announced now.
const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  await Promise.all([getService(strapi, 'counters').stop(), getService(strapi, 'views').stop(), getService(strapi, 'related-clicks').stop(), getService(strapi, 'suggestions').stop()]);
  getService(strapi, 'pages').flush();
  await getService(strapi, 'page-cache').stop();
};

export default destroy;
