import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../shared/manifest';
import { PUBLIC_ACTIONS } from '../../server/src/routes/content-api';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';
const OURS = PUBLIC_ACTIONS.map((name) => `plugin::${PLUGIN_ID}.${name}`);

const publicActions = async (strapi: Core.Strapi): Promise<string[]> => {
  const role = await strapi.db.query(ROLE).findOne({ where: { type: 'public' }, populate: ['permissions'] });
  return ((role?.permissions ?? []) as Array<{ action: string }>).map((permission) => permission.action).sort();
};

describe('a brand-new app, first boot', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('boots this plugin before Users & Permissions, as an app whose config names only this plugin does', async () => {
    app = await bootStrapi();
    const order = Object.keys(app.strapi.get('modules').getAll('plugin::'));
    expect(order.indexOf(`plugin::${PLUGIN_ID}`)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(`plugin::${PLUGIN_ID}`)).toBeLessThan(order.indexOf('plugin::users-permissions'));
  });

  it('answers the public routes on the first boot, and Users & Permissions still wrote its own defaults', async () => {
    app = await bootStrapi();
    const list = await http(app.strapi).get('/api/newsroom/articles');
    expect(list.status).toBe(200);
    expect(list.body.meta.pagination.total).toBe(0);
    expect((await http(app.strapi).get('/api/newsroom/articles/no-such-story')).status).toBe(404);
    const actions = await publicActions(app.strapi);
    expect(actions).toEqual(expect.arrayContaining(OURS));
    // Users & Permissions writes its defaults only while the table is empty: the grant came after them.
    expect(actions).toEqual(expect.arrayContaining(['plugin::users-permissions.auth.callback', 'plugin::users-permissions.auth.register']));
  });

  it('keeps a route an admin took from the Public role taken away after a restart', async () => {
    app = await bootStrapi();
    const role = await app.strapi.db.query(ROLE).findOne({ where: { type: 'public' } });
    await app.strapi.db.query(PERMISSION).delete({ where: { role: role.id, action: `plugin::${PLUGIN_ID}.article.find` } });
    const database = app.database;
    await app.stop({ keepDatabase: true });
    app = await bootStrapi({ database });
    expect((await http(app.strapi).get('/api/newsroom/articles')).status).toBe(403);
    expect((await http(app.strapi).get('/api/newsroom/articles/no-such-story')).status).toBe(404);
    expect(await publicActions(app.strapi)).not.toContain(`plugin::${PLUGIN_ID}.article.find`);
  });

  it('grants nothing with publicApi: false', async () => {
    app = await bootStrapi({ env: { NEWSROOM_PUBLIC_API: 'false' } });
    expect((await http(app.strapi).get('/api/newsroom/articles')).status).toBe(403);
    expect((await publicActions(app.strapi)).filter((action) => action.startsWith(`plugin::${PLUGIN_ID}.`))).toEqual([]);
  });
});
