import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    locales: ['ru', 'kk'],
    // No GitHub release checks: the playground runs offline.
    notifications: { releases: false },
    tutorials: false,
  },
  bootstrap(_app: StrapiApp) {},
};
