import { BYLINE_ROLES_FIELD, COMPONENTS, CUSTOM_FIELDS, UIDS } from '../../../../shared/manifest';

const localized = { i18n: { localized: true } } as const;

/** A news story. Draft & publish is on: readers only ever see the published version. */
export default {
  kind: 'collectionType',
  collectionName: 'newsroom_articles',
  info: {
    singularName: 'article',
    pluralName: 'articles',
    displayName: 'Article',
    description: 'A news story with its correspondents and its curated related stories.',
  },
  options: { draftAndPublish: true },
  pluginOptions: {
    'content-manager': { visible: true },
    'content-type-builder': { visible: false },
    // Each locale is its own story: own slug, own related list, own view count.
    i18n: { localized: true },
  },
  attributes: {
    title: { type: 'string', required: true, maxLength: 255, pluginOptions: localized },
    // Filled by the plugin's slug service when left empty; `options` is set in register() so the
    // Content Manager's uid input transliterates with the same table as the server.
    slug: { type: 'uid', targetField: 'title', pluginOptions: localized },
    lead: { type: 'text', maxLength: 2000, pluginOptions: localized },
    body: { type: 'blocks', pluginOptions: localized },
    cover: { type: 'media', multiple: false, allowedTypes: ['images'], pluginOptions: localized },
    source: { type: 'string', maxLength: 255, pluginOptions: localized },
    // Tags from the plugin's catalogue, stored as [{ name, slug }]; edited with the plugin's tags input (a custom field over JSON).
    tags: { type: 'customField', customField: CUSTOM_FIELDS.tags.uid, pluginOptions: localized },
    // The date readers see; set on first publish when empty, never moved by a republish.
    publicationDate: { type: 'datetime', pluginOptions: localized },
    // Written only by the atomic view counter; the Content Manager shows it read-only.
    views: { type: 'integer', default: 0, min: 0, pluginOptions: localized },
    correspondents: { type: 'relation', relation: 'manyToMany', target: UIDS.correspondent, pluginOptions: localized },
    // This story's role of each correspondent, keyed by documentId; edited beside the bylines by the byline-roles field.
    bylineRoles: { type: 'customField', customField: BYLINE_ROLES_FIELD, pluginOptions: localized },
    // Corrections published on the story, in order (a date and a text each); a published change moves `dateModified`.
    corrections: { type: 'component', repeatable: true, component: COMPONENTS.correction, pluginOptions: localized },
    // Kept out of other stories' suggestions and auto-filled lists (weather, horoscopes, service pages).
    excludeFromSuggestions: { type: 'boolean', default: false, pluginOptions: localized },
  },
  // Every public read and view looks a story up by slug in a locale.
  indexes: [
    { name: 'newsroom_articles_slug', columns: ['slug', 'locale'] },
    // News sitemaps and feeds walk published stories newest first, in one locale or in all.
    { name: 'newsroom_articles_dated', columns: ['publication_date'] },
    { name: 'newsroom_articles_locale_dated', columns: ['locale', 'publication_date'] },
  ],
} as const;
