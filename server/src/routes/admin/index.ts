import { ACTIONS, PLUGIN_ID } from '../../../../shared/manifest';

/**
 * Every admin route needs a logged-in admin and the plugin's own permission, never just a login;
 * a conflict with another editor's write is answered as a 409; no answer may be cached.
 */
const guarded = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
  middlewares: [`plugin::${PLUGIN_ID}.no-store`, `plugin::${PLUGIN_ID}.conflicts`],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/articles/search', handler: 'newsroom-admin.search', config: guarded(ACTIONS.readRelated) },
    // The tags input of the edit view: the catalogue, searched with ё = е.
    { method: 'GET', path: '/tags/search', handler: 'tag.search', config: guarded(ACTIONS.readRelated) },
    { method: 'GET', path: '/articles/:documentId/related', handler: 'related-list.find', config: guarded(ACTIONS.readRelated) },
    { method: 'GET', path: '/articles/:documentId/cited-by', handler: 'related-list.citedBy', config: guarded(ACTIONS.readRelated) },
    { method: 'PUT', path: '/articles/:documentId/related', handler: 'related-list.replace', config: guarded(ACTIONS.manageRelated) },
    { method: 'GET', path: '/dashboard', handler: 'newsroom-admin.dashboard', config: guarded(ACTIONS.readDashboard) },
    // Related-click numbers: per entry of one story (the panel), by origin and place (the homepage).
    { method: 'GET', path: '/articles/:documentId/related-clicks', handler: 'newsroom-admin.storyClicks', config: guarded(ACTIONS.readRelated) },
    { method: 'GET', path: '/stats/related-clicks', handler: 'newsroom-admin.clickOverview', config: guarded(ACTIONS.readDashboard) },
    // Related-story suggestions: the editor's panel, its dismissals, the backfill view and its one-click accept.
    { method: 'GET', path: '/articles/:documentId/suggestions', handler: 'suggestions.find', config: guarded(ACTIONS.readRelated) },
    { method: 'POST', path: '/articles/:documentId/suggestions/accept', handler: 'suggestions.accept', config: guarded(ACTIONS.manageRelated) },
    { method: 'POST', path: '/articles/:documentId/suggestions/dismissals', handler: 'suggestions.dismiss', config: guarded(ACTIONS.manageRelated) },
    { method: 'DELETE', path: '/articles/:documentId/suggestions/dismissals/:target', handler: 'suggestions.undoDismissal', config: guarded(ACTIONS.manageRelated) },
    { method: 'GET', path: '/suggestions/backfill', handler: 'suggestions.backfill', config: guarded(ACTIONS.manageRelated) },
  ],
};
