/**
 * The plugin's names, written once: its id (package.json's `strapi.name` must match, a unit test
 * checks it), its content-type uids and its admin permission actions. Server, admin and tests import them.
 */
export const PLUGIN_ID = 'newsroom';

export const manifest = {
  id: PLUGIN_ID,
  displayName: 'Newsroom',
  description: 'Articles, correspondents and curated related stories for news desks.',
  contentTypes: {
    article: `plugin::${PLUGIN_ID}.article`,
    correspondent: `plugin::${PLUGIN_ID}.correspondent`,
    relatedLink: `plugin::${PLUGIN_ID}.related-link`,
  },
  /** Custom fields the plugin registers (server and admin): `tags` edits a story's tags from the plugin's catalogue. */
  customFields: {
    tags: { name: 'tags', uid: `plugin::${PLUGIN_ID}.tags` },
  },
  /** Admin permissions (Settings → Roles): `uid` as registered, Strapi stores `plugin::<id>.<uid>`. */
  actions: {
    readRelated: { uid: 'related.read', displayName: 'Read related stories' },
    manageRelated: { uid: 'related.manage', displayName: 'Manage related stories' },
    readDashboard: { uid: 'dashboard.read', displayName: 'Read the newsroom dashboard' },
  },
} as const;

export const UIDS = manifest.contentTypes;

/** The webhook event (Settings → Webhooks) and eventHub event naming the public pages a committed write changed. */
export const PAGES_CHANGED_EVENT = `${PLUGIN_ID}.pages.changed` as const;
/** Where an editor opens a story in the Content Manager (a path inside the admin router). */
export const editViewPath = (documentId: string, locale: string | null | undefined) =>
  `/content-manager/collection-types/${UIDS.article}/${encodeURIComponent(documentId)}${locale ? `?plugins[i18n][locale]=${encodeURIComponent(locale)}` : ''}`;
/** The custom field of per-story byline roles: `name` as registered on both sides, the uid an attribute names. */
export const BYLINE_ROLES = { name: 'byline-roles', type: 'json' } as const;
export const BYLINE_ROLES_FIELD = `plugin::${PLUGIN_ID}.${BYLINE_ROLES.name}` as const;
export const CUSTOM_FIELDS = manifest.customFields;
/** The plugin's components (`<category>.<name>`), registered by the server in `register`. */
export const COMPONENTS = { correction: `${PLUGIN_ID}.correction` } as const;
export type NewsroomUid = (typeof UIDS)[keyof typeof UIDS];

type Actions = typeof manifest.actions;
/** Admin permission action ids as Strapi stores them: `plugin::<id>.<uid>`. */
export const ACTIONS = Object.fromEntries(
  Object.entries(manifest.actions).map(([key, action]) => [key, `plugin::${PLUGIN_ID}.${action.uid}`])
) as { [K in keyof Actions]: `plugin::${typeof PLUGIN_ID}.${Actions[K]['uid']}` };
export type NewsroomAction = (typeof ACTIONS)[keyof typeof ACTIONS];
