import pkg from '../../package.json';
import { ACTIONS, manifest, PLUGIN_ID, UIDS } from '../../shared/manifest';

describe('the manifest', () => {
  it('names the plugin as package.json does for Strapi', () => {
    expect(pkg.strapi).toEqual({ kind: 'plugin', name: PLUGIN_ID, displayName: manifest.displayName, description: manifest.description });
  });

  it('derives every uid and action id from the plugin id', () => {
    expect(Object.values(UIDS)).toEqual(['plugin::newsroom.article', 'plugin::newsroom.correspondent', 'plugin::newsroom.related-link']);
    expect(ACTIONS).toEqual({
      readRelated: 'plugin::newsroom.related.read',
      manageRelated: 'plugin::newsroom.related.manage',
      readDashboard: 'plugin::newsroom.dashboard.read',
    });
  });
});
