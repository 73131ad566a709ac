import type { Core } from '@strapi/strapi';

import { getService } from './utils/services';

// The page cache lives in memory and goes with the process; pages changed in the last moments are announced now.
const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'pages').flush();
};

export default destroy;
