import { PLUGIN_ID } from '../../../shared/manifest';

/**
 * Tables of the related-story suggestions (issue #6), created by Strapi's schema sync like the
 * plugin's other tables. Column names are the attribute names. `locale` is '' without i18n.
 *
 * - `newsroom_suggest_terms`: the inverted index. One row per published story and feature: a text
 *   stem, `#<folded tag>` or `@<correspondent documentId>`, with the story's weight for it, the word
 *   shown to editors and the story's date (candidates of common features are taken nearest in time).
 * - `newsroom_suggest_stats`: how many indexed stories hold each feature (df); term '' holds the
 *   number of indexed stories. Kept by signed deltas, rebuilt by a full reindex.
 * - `newsroom_suggest_docs`: one row per indexed story: the lock row that serializes work on a story
 *   across instances, its content hash and a version that tells a stale computation from a fresh one.
 * - `newsroom_suggestions`: the precomputed lists; a story's top N is one query on
 *   (document_id, locale, score).
 * - `newsroom_suggest_jobs`: durable work queue (publish/edit → recompute) with leases, so any
 *   instance can run the work and a crash loses nothing.
 */
const model = (name: string, tableName: string, attributes: Record<string, unknown>, indexes: Array<{ name: string; columns: string[]; type?: 'unique' }>) => ({
  uid: `plugin::${PLUGIN_ID}.${name}`,
  singularName: name,
  tableName,
  attributes: { id: { type: 'increments' }, ...attributes },
  indexes,
});

/** Short keys keep the composite indexes under MySQL's 3072-byte key limit with utf8mb4. */
const key = (length: number) => ({ type: 'string', columnType: { type: 'string', args: [length] }, column: { notNullable: true, defaultTo: '' } });
const int = () => ({ type: 'integer', column: { notNullable: true, defaultTo: 0 } });
const big = () => ({ type: 'biginteger', column: { notNullable: true, defaultTo: 0 } });

export const suggestTerm = model(
  'suggest-term',
  'newsroom_suggest_terms',
  { document_id: key(64), locale: key(32), term: key(160), weight: { type: 'float' }, word: key(160), date_ms: big() },
  [
    { name: 'newsroom_suggest_terms_term', columns: ['locale', 'term', 'date_ms'] },
    // A story's rows, and (with the term) the point lookups that score candidates.
    { name: 'newsroom_suggest_terms_doc', columns: ['document_id', 'locale', 'term'] },
  ]
);

export const suggestStat = model(
  'suggest-stat',
  'newsroom_suggest_stats',
  { locale: key(32), term: key(160), df: int() },
  [{ name: 'newsroom_suggest_stats_term', columns: ['locale', 'term'], type: 'unique' }]
);

export const suggestDoc = model(
  'suggest-doc',
  'newsroom_suggest_docs',
  { document_id: key(64), locale: key(32), version: int(), indexed: int(), hash: key(64), date_ms: big(), computed_at: big() },
  [{ name: 'newsroom_suggest_docs_doc', columns: ['document_id', 'locale'], type: 'unique' }]
);

export const suggestion = model(
  'suggestion',
  'newsroom_suggestions',
  { document_id: key(64), locale: key(32), suggested_document_id: key(64), score: { type: 'float' }, reasons: { type: 'text' } },
  [
    { name: 'newsroom_suggestions_pair', columns: ['document_id', 'locale', 'suggested_document_id'], type: 'unique' },
    { name: 'newsroom_suggestions_top', columns: ['document_id', 'locale', 'score'] },
    { name: 'newsroom_suggestions_target', columns: ['suggested_document_id', 'locale'] },
  ]
);

export const suggestJob = model(
  'suggest-job',
  'newsroom_suggest_jobs',
  { document_id: key(64), locale: key(32), requested_at: big(), claimed_until: big(), attempts: int() },
  [
    { name: 'newsroom_suggest_jobs_doc', columns: ['document_id', 'locale'], type: 'unique' },
    { name: 'newsroom_suggest_jobs_claim', columns: ['claimed_until'] },
  ]
);

export const suggestionModels = [suggestTerm, suggestStat, suggestDoc, suggestion, suggestJob];

export const SUGGEST_TABLES = {
  terms: suggestTerm.tableName,
  stats: suggestStat.tableName,
  docs: suggestDoc.tableName,
  suggestions: suggestion.tableName,
  jobs: suggestJob.tableName,
} as const;
