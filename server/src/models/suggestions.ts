import { big, int, key, model } from './model';

/**
 * Tables of the related-story suggestions, created by Strapi's schema sync like the plugin's
 * other tables (see ./model.ts).
 *
 * - `newsroom_suggest_terms`: the inverted index. One row per published story and feature: a text
 *   stem, `#<folded tag>` or `@<correspondent documentId>`, with the story's weight for it, the word
 *   shown to editors and the story's date (candidates of common features are taken nearest in time).
 * - `newsroom_suggest_stats`: how many indexed stories hold each feature (df); term '' holds the
 *   number of indexed stories. Kept by signed deltas, rebuilt by a full reindex.
 * - `newsroom_suggest_docs`: one row per indexed story: the lock row that serializes work on a story
 *   across instances, its content hash and a version that tells a stale computation from a fresh one, and the
 *   first stories of its stored list (`neighbours`, comma-separated), which order the lists holding it when read.
 * - `newsroom_suggestions`: the precomputed lists; a story's top N is one query on
 *   (document_id, locale, score).
 * - `newsroom_suggest_jobs`: durable work queue (publish/edit → recompute) with leases, so any
 *   instance can run the work and a crash loses nothing.
 * - `newsroom_suggest_dismissals`: stories an editor marked "not related" for a story and locale,
 *   with the reason; read-time filters keep them out of every list, so they outlive republish and recompute.
 */
const suggestTerm = model(
  'suggest-term',
  'newsroom_suggest_terms',
  { document_id: key(64), locale: key(32), term: key(160), weight: { type: 'float' }, word: key(160), date_ms: big() },
  {
    term: { columns: ['locale', 'term', 'date_ms'] },
    // A story's rows, and (with the term) the point lookups that score candidates.
    doc: { columns: ['document_id', 'locale', 'term'] },
  }
);

const suggestStat = model(
  'suggest-stat',
  'newsroom_suggest_stats',
  { locale: key(32), term: key(160), df: int() },
  {
    term: { columns: ['locale', 'term'], type: 'unique' },
  }
);

const suggestDoc = model(
  'suggest-doc',
  'newsroom_suggest_docs',
  { document_id: key(64), locale: key(32), version: int(), indexed: int(), hash: key(64), date_ms: big(), computed_at: big(), neighbours: key(400) },
  {
    doc: { columns: ['document_id', 'locale'], type: 'unique' },
  }
);

const suggestion = model(
  'suggestion',
  'newsroom_suggestions',
  { document_id: key(64), locale: key(32), suggested_document_id: key(64), score: { type: 'float' }, reasons: { type: 'text' } },
  {
    pair: { columns: ['document_id', 'locale', 'suggested_document_id'], type: 'unique' },
    top: { columns: ['document_id', 'locale', 'score'] },
    target: { columns: ['suggested_document_id', 'locale'] },
  }
);

const suggestJob = model(
  'suggest-job',
  'newsroom_suggest_jobs',
  { document_id: key(64), locale: key(32), requested_at: big(), claimed_until: big(), attempts: int() },
  {
    doc: { columns: ['document_id', 'locale'], type: 'unique' },
    claim: { columns: ['claimed_until'] },
  }
);

const suggestDismissal = model(
  'suggest-dismissal',
  'newsroom_suggest_dismissals',
  { document_id: key(64), locale: key(32), dismissed_document_id: key(64), reason: { type: 'text' }, dismissed_by: { type: 'integer' }, dismissed_at: big() },
  {
    pair: { columns: ['document_id', 'locale', 'dismissed_document_id'], type: 'unique' },
  }
);

export const suggestionModels = [suggestTerm, suggestStat, suggestDoc, suggestion, suggestJob, suggestDismissal] as const;
