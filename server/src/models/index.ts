import articleSchema from '../content-types/article/schema';
import correspondentSchema from '../content-types/correspondent/schema';
import relatedLinkSchema from '../content-types/related-link/schema';
import { modification, slugRedirect } from './going-live';
import { big, int, key, model, text } from './model';
import { suggestionModels } from './suggestions';

/** One row per story and locale: the true view count (article.views mirrors it for the Content Manager). */
const viewCount = model('view-count', 'newsroom_view_counts', { document_id: text(), locale: text(), views: int() }, {
  doc: { columns: ['document_id', 'locale'], type: 'unique' },
});

/** Last counted view per story and client, for the dedupe window. */
const viewHit = model('view-hit', 'newsroom_view_hits', { document_id: text(), locale: text(), client: text(), seen_at: { type: 'biginteger' } }, {
  client: { columns: ['document_id', 'locale', 'client'], type: 'unique' },
});

/** Views per story and day, for "most read this week". */
const viewDay = model('view-day', 'newsroom_view_days', { document_id: text(), locale: text(), day: { type: 'integer', column: { notNullable: true } }, views: int() }, {
  doc: { columns: ['document_id', 'locale', 'day'], type: 'unique' },
  day: { columns: ['day'] },
});

/** Clicks on a story's related entries per day, entry (`story:<documentId>` or `url:<hash>`), place and origin (editor / suggested). */
const relatedClick = model(
  'related-click',
  'newsroom_related_clicks',
  { document_id: key(64), locale: key(32), day: { type: 'integer', column: { notNullable: true } }, entry: key(80), url: { type: 'text' }, position: int(), origin: key(16), clicks: int() },
  {
    row: { columns: ['document_id', 'locale', 'day', 'entry', 'position', 'origin'], type: 'unique' },
    day: { columns: ['day'] },
  }
);

/** Last counted click per story, entry and reader, for the dedupe window. */
const clickHit = model('click-hit', 'newsroom_click_hits', { document_id: key(64), locale: key(32), entry: key(80), client: key(32), seen_at: { type: 'biginteger' } }, {
  client: { columns: ['document_id', 'locale', 'entry', 'client'], type: 'unique' },
});

/** Redis counter batches already written to the database: a flush retried after a crash finds its batch here and does not count it twice. */
const counterBatch = model('counter-batch', 'newsroom_counter_batches', { batch: key(64), applied_at: big() }, {
  batch: { columns: ['batch'], type: 'unique' },
  applied_at: { columns: ['applied_at'] },
});

/** Which document holds which slug in a scope (`article:<locale>` or `correspondent`); the unique index is what makes two simultaneous creates safe. */
const slugReservation = model('slug-reservation', 'newsroom_slugs', { scope: text(), slug: text(), document_id: text() }, {
  unique: { columns: ['scope', 'slug'], type: 'unique' },
  doc: { columns: ['document_id'] },
});

/** Revision of each story's draft related list: a save names the revision it started from. */
const listRevision = model('list-revision', 'newsroom_list_revisions', { document_id: text(), locale: text(), revision: int() }, {
  doc: { columns: ['document_id', 'locale'], type: 'unique' },
});

/** Related entries removed because their target story was deleted, for the editors' worklist. */
const lostLink = model(
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
  { article: { columns: ['article', 'article_locale'] }, lost_at: { columns: ['lost_at'] } }
);

/** Folded titles of every story (draft version), for the editors' search-as-you-type. */
const searchEntry = model('search-entry', 'newsroom_search', { document_id: text(), locale: text(), folded: { type: 'text' } }, {
  doc: { columns: ['document_id', 'locale'], type: 'unique' },
});

/**
 * Tags of published stories, folded, with the story's publication date: a tag's stories newest first are
 * one walk of the `dated` index, however rare the tag (the article table's date index would read the archive).
 */
const tag = model('tag', 'newsroom_tags', { document_id: text(), locale: text(), tag: text(), tag_key: text(), publication_date: { type: 'datetime' } }, {
  doc: { columns: ['document_id', 'locale'] },
  // With the id, the index alone gives the tie-broken order (PostgreSQL otherwise sorts all the tag's rows).
  dated: { columns: ['locale', 'tag_key', 'publication_date', 'id'] },
});

/** The tag catalogue: one row per tag and locale, known by its folded name; the unique indexes hold "one tag per name" and "one tag per slug" in a locale. */
const catalogTag = model('catalog-tag', 'newsroom_tag_catalog', { locale: text(), name: text(), name_key: text(), slug: text() }, {
  key: { columns: ['locale', 'name_key'], type: 'unique' },
  slug: { columns: ['locale', 'slug'], type: 'unique' },
});

/** First publication of each story and locale: no longer written (2026-12-07), a modifications row says the same; read for stories first published before 2026-12-06, which have no modifications row. */
const publication = model('publication', 'newsroom_publications', { document_id: text(), locale: text(), first_published_at: { type: 'datetime' } }, {
  doc: { columns: ['document_id', 'locale'], type: 'unique' },
});

const [suggestTerm, suggestStat, suggestDoc, suggestion, suggestJob, suggestDismissal] = suggestionModels;

/** Every model the plugin registers beside its content types. */
export const models = [viewCount, viewHit, viewDay, relatedClick, clickHit, counterBatch, slugReservation, listRevision, lostLink, searchEntry, tag, catalogTag, publication, modification, slugRedirect, ...suggestionModels];

/** Every table the plugin writes, named once: its content types' and its own. */
export const TABLES = {
  articles: articleSchema.collectionName,
  correspondents: correspondentSchema.collectionName,
  relatedLinks: relatedLinkSchema.collectionName,
  viewCounts: viewCount.tableName,
  viewHits: viewHit.tableName,
  viewDays: viewDay.tableName,
  relatedClicks: relatedClick.tableName,
  clickHits: clickHit.tableName,
  counterBatches: counterBatch.tableName,
  slugs: slugReservation.tableName,
  listRevisions: listRevision.tableName,
  lostLinks: lostLink.tableName,
  search: searchEntry.tableName,
  tags: tag.tableName,
  tagCatalog: catalogTag.tableName,
  publications: publication.tableName,
  modifications: modification.tableName,
  slugRedirects: slugRedirect.tableName,
  suggestTerms: suggestTerm.tableName,
  suggestStats: suggestStat.tableName,
  suggestDocs: suggestDoc.tableName,
  suggestions: suggestion.tableName,
  suggestJobs: suggestJob.tableName,
  suggestDismissals: suggestDismissal.tableName,
} as const;
