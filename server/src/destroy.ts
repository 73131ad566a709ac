import type { Core } from '@strapi/strapi';

// Nothing to release: the plugin keeps no timers, sockets or caches outside the database.
const destroy = (_context: { strapi: Core.Strapi }) => {};

export default destroy;
