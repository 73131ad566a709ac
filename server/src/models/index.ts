import { PLUGIN_ID } from '../../../shared/manifest';
import { suggestionModels } from './suggestions';

/**
 * The plugin's own tables, registered with Strapi's model registry so Strapi's schema sync creates
 * and migrates them on every database. Column names are the attribute names (snake_case), which
 * keeps the raw SQL of the atomic paths readable. `locale` is '' for stories without i18n.
 */
const model = <TAttributes extends Record<string, unknown>>(
  name: string,
  tableName: string,
  attributes: TAttributes,
  indexes: Array<{ name: string; columns: string[]; type?: 'unique' }>
) => ({
  uid: `plugin::${PLUGIN_ID}.${name}`,
  singularName: name,
  tableName,
  attributes: { id: { type: 'increments' }, ...attributes },
  indexes,
});

const text = () => ({ type: 'string', column: { notNullable: true, defaultTo: '' } });

/** One row per story and locale: the true view count (article.views mirrors it for the Content Manager). */
export const viewCount = model(
  'view-count',
  'newsroom_view_counts',
  { document_id: text(), locale: text(), views: { type: 'integer', column: { notNullable: true, defaultTo: 0 } } },
  [{ name: 'newsroom_view_counts_doc', columns: ['document_id', 'locale'], type: 'unique' }]
);

/** Last counted view per story and client, for the dedupe window. */
export const viewHit = model(
  'view-hit',
  'newsroom_view_hits',
  { document_id: text(), locale: text(), client: text(), seen_at: { type: 'biginteger' } },
  [{ name: 'newsroom_view_hits_client', columns: ['document_id', 'locale', 'client'], type: 'unique' }]
);

/** Which document holds which slug in a scope (`article:<locale>` or `correspondent`); the unique index is what makes two simultaneous creates safe. */
export const slugReservation = model(
  'slug-reservation',
  'newsroom_slugs',
  { scope: text(), slug: text(), document_id: text() },
  [
    { name: 'newsroom_slugs_unique', columns: ['scope', 'slug'], type: 'unique' },
    { name: 'newsroom_slugs_doc', columns: ['document_id'] },
  ]
);

/** Revision of each story's draft related list: a save names the revision it started from. */
export const listRevision = model(
  'list-revision',
  'newsroom_list_revisions',
  { document_id: text(), locale: text(), revision: { type: 'integer', column: { notNullable: true, defaultTo: 0 } } },
  [{ name: 'newsroom_list_revisions_doc', columns: ['document_id', 'locale'], type: 'unique' }]
);

/** Related entries removed because their target story was deleted, for the editors' worklist. */
export const lostLink = model(
  'lost-link',
  'newsroom_lost_links',
  {
    article: text(),
    article_locale: text(),
    version: text(),
    position: { type: 'integer' },
    target: text(),
    target_title: text(),
    label: { type: 'string' },
    reason: text(),
    lost_at: { type: 'datetime' },
  },
  [
    { name: 'newsroom_lost_links_article', columns: ['article', 'article_locale'] },
    { name: 'newsroom_lost_links_lost_at', columns: ['lost_at'] },
  ]
);

/** Views per story and day, for "most read this week". */
export const viewDay = model(
  'view-day',
  'newsroom_view_days',
  { document_id: text(), locale: text(), day: { type: 'integer', column: { notNullable: true } }, views: { type: 'integer', column: { notNullable: true, defaultTo: 0 } } },
  [
    { name: 'newsroom_view_days_doc', columns: ['document_id', 'locale', 'day'], type: 'unique' },
    { name: 'newsroom_view_days_day', columns: ['day'] },
  ]
);

/** Folded titles of every story (draft version), for the editors' search-as-you-type. */
export const searchEntry = model(
  'search-entry',
  'newsroom_search',
  { document_id: text(), locale: text(), folded: { type: 'text' } },
  [{ name: 'newsroom_search_doc', columns: ['document_id', 'locale'], type: 'unique' }]
);

/** Tags of published stories, folded, for filtering and for suggestions. */
export const tag = model(
  'tag',
  'newsroom_tags',
  { document_id: text(), locale: text(), tag: text(), tag_key: text() },
  [
    { name: 'newsroom_tags_doc', columns: ['document_id', 'locale'] },
    { name: 'newsroom_tags_key', columns: ['locale', 'tag_key'] },
  ]
);

/** First publication of each story and locale: tells "unpublished" (hidden again) from "never published". */
export const publication = model(
  'publication',
  'newsroom_publications',
  { document_id: text(), locale: text(), first_published_at: { type: 'datetime' } },
  [{ name: 'newsroom_publications_doc', columns: ['document_id', 'locale'], type: 'unique' }]
);

export const models = [viewCount, viewHit, viewDay, slugReservation, listRevision, lostLink, searchEntry, tag, publication, ...suggestionModels];

export const MODEL_UIDS = {
  viewCount: viewCount.uid,
  viewHit: viewHit.uid,
  slugReservation: slugReservation.uid,
  listRevision: listRevision.uid,
  lostLink: lostLink.uid,
  viewDay: viewDay.uid,
  searchEntry: searchEntry.uid,
  tag: tag.uid,
  publication: publication.uid,
} as const;
