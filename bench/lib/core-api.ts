import { factories, type Core } from '@strapi/strapi';

import { ARTICLE, CORRESPONDENT, RELATED_LINK } from './seed';

/**
 * Strapi's core REST API for the plugin's content types, which the plugin does not expose (plugin
 * content types get no core routes). Registered in the bench process only, between register and
 * bootstrap: core services and controllers from `factories`, routes from `createCoreRouter` (the
 * same route definitions, request schemas included, an app gets) under /api/newsroom/core/….
 *
 * Names: `plugin::newsroom.article` and `.correspondent` already have the plugin's own controllers,
 * so the core article and related-link controllers are added as `core-article` and
 * `core-related-link`, and the plugin's `correspondent` controller gains the core `find` (the
 * content API sanitizer lets Public populate `correspondents` only with `plugin::newsroom.correspondent.find`).
 */
const CORE_CONTROLLERS = { 'core-article': ARTICLE, 'core-related-link': RELATED_LINK } as const;

/** Public permissions the core page needs, as Users & Permissions stores them. */
export const CORE_PUBLIC_ACTIONS = ['plugin::newsroom.core-article.find', 'plugin::newsroom.core-related-link.find', 'plugin::newsroom.correspondent.find'];

type AnyUid = Parameters<typeof factories.createCoreService>[0];

interface Registry {
  add(namespace: string, entries: Record<string, unknown>): unknown;
  extend(uid: string, extend: (current: Record<string, unknown>) => Record<string, unknown>): unknown;
}

export const registerCoreRestApi = (strapi: Core.Strapi) => {
  const services = strapi.get('services') as Registry;
  const controllers = strapi.get('controllers') as Registry;
  services.add('plugin::newsroom', {
    article: factories.createCoreService(ARTICLE as AnyUid),
    correspondent: factories.createCoreService(CORRESPONDENT as AnyUid),
    'related-link': factories.createCoreService(RELATED_LINK as AnyUid),
  });
  controllers.add(
    'plugin::newsroom',
    Object.fromEntries(Object.entries(CORE_CONTROLLERS).map(([name, uid]) => [name, factories.createCoreController(uid as AnyUid)]))
  );
  controllers.extend('plugin::newsroom.correspondent', (current) => {
    const core = factories.createCoreController(CORRESPONDENT as AnyUid)({ strapi }) as unknown as { find: (...args: unknown[]) => unknown };
    return Object.assign(current, { find: core.find.bind(core) });
  });

  const coreRoutes = (uid: string, controller: string) => {
    const { routes } = factories.createCoreRouter(uid as AnyUid, { only: ['find'] });
    return (typeof routes === 'function' ? routes() : routes).map((route) => ({ ...route, path: `/core${route.path}`, handler: `${controller}.find` }));
  };
  const plugin = strapi.plugin('newsroom');
  plugin.routes = {
    ...(plugin.routes as Record<string, Core.Router>),
    'bench-core-rest': {
      type: 'content-api',
      routes: [...coreRoutes(ARTICLE, 'core-article'), ...coreRoutes(RELATED_LINK, 'core-related-link'), ...coreRoutes(CORRESPONDENT, 'correspondent')],
    },
  } as never;
};

/** Grants the Public role `actions` (after bootstrap, when Users & Permissions has its roles). */
export const grantPublic = async (strapi: Core.Strapi, actions: string[]) => {
  const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!role) throw new Error('no Public role: is users-permissions loaded?');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const action of actions) {
    if ((await permissions.count({ where: { action, role: role.id } })) === 0) await permissions.create({ data: { action, role: role.id } });
  }
};
