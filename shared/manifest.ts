// Generated from strapi-plugin.json by scripts/manifest.js. Do not edit: edit the manifest and run `npm run manifest`.
export const manifest = {
  "id": "newsroom",
  "displayName": "Newsroom",
  "description": "Articles, correspondents and curated related stories for news desks.",
  "contentTypes": {
    "article": "plugin::newsroom.article",
    "correspondent": "plugin::newsroom.correspondent",
    "relatedLink": "plugin::newsroom.related-link"
  },
  "actions": {
    "readRelated": {
      "uid": "related.read",
      "displayName": "Read related stories"
    },
    "manageRelated": {
      "uid": "related.manage",
      "displayName": "Manage related stories"
    },
    "readDashboard": {
      "uid": "dashboard.read",
      "displayName": "Read the newsroom dashboard"
    }
  }
} as const;

export const PLUGIN_ID = manifest.id;
export const UIDS = manifest.contentTypes;
export type NewsroomUid = (typeof UIDS)[keyof typeof UIDS];

/** Admin permission action ids as Strapi stores them: `plugin::<id>.<uid>`. */
export const ACTIONS = {
  readRelated: 'plugin::newsroom.related.read',
  manageRelated: 'plugin::newsroom.related.manage',
  readDashboard: 'plugin::newsroom.dashboard.read',
} as const;
export type NewsroomAction = (typeof ACTIONS)[keyof typeof ACTIONS];
