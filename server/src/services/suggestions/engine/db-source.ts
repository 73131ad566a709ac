import type { Knex } from 'knex';

import { TABLES } from '../../../models';
import { POSTINGS_HALF, type PlannedFeature } from './scoring';
import { rawRows, type Db } from './store';

/** One row of the inverted index: a story holding a feature, with its weight. */
export interface Posting {
  documentId: string;
  term: string;
  weight: number;
  dateMs: number;
  word?: string;
}

export interface PostingRow {
  document_id: string;
  term: string;
  weight: number | string;
  date_ms: number | string;
  word?: string;
}

export const toPosting = (row: PostingRow): Posting => ({
  documentId: row.document_id,
  term: row.term,
  weight: Number(row.weight),
  dateMs: Number(row.date_ms),
  ...(row.word !== undefined ? { word: row.word } : {}),
});

const POSTING_COLUMNS = ['document_id', 'term', 'weight', 'date_ms'];

/** The two sides of a date a common feature is read on: the nearest stories at or before it, then after it. */
export const NEAR_SIDES = [['<=', 'desc'], ['>', 'asc']] as const;

/** A common feature's `limit` postings nearest `story`'s date on one side, in date order from the (locale, term, date_ms) index; never the story itself. */
export const nearestPostings = (db: Db, locale: string, term: string, story: { documentId: string; dateMs: number }, [comparison, order]: (typeof NEAR_SIDES)[number], limit: number) =>
  db(TABLES.suggestTerms)
    .where({ locale, term })
    .whereNot('document_id', story.documentId)
    .where('date_ms', comparison, story.dateMs)
    .orderBy([{ column: 'date_ms', order }, { column: 'document_id', order }])
    .limit(limit)
    .select(POSTING_COLUMNS);

/** Posting queries run as UNION ALL, 100 to a statement, each row tagged with the index of its query (`part`). */
export const unionOfParts = async (db: Db, parts: Knex.QueryBuilder[]): Promise<Array<PostingRow & { part: number | string }>> => {
  const out: Array<PostingRow & { part: number | string }> = [];
  for (let start = 0; start < parts.length; start += 100) {
    const compiled = parts.slice(start, start + 100).map((part) => part.toSQL());
    // Each part keeps its ORDER BY … LIMIT inside a derived table: the one form all three databases accept.
    const sql = compiled.map((part, index) => `select ${start + index} as part, q${index}.* from (${part.sql}) q${index}`).join(' union all ');
    out.push(...rawRows<PostingRow & { part: number | string }>(await db.raw(sql, compiled.flatMap((part) => [...part.bindings]) as readonly Knex.Value[])));
  }
  return out;
};

/**
 * The stories that share the planned features, in one query: every holder of an ordinary feature;
 * for a common one (held by more than POSTINGS_CAP stories) the POSTINGS_HALF nearest in time on
 * each side (see nearestPostings). Never the story itself.
 */
export const readPostings = async (db: Db, locale: string, planned: PlannedFeature[], story: { documentId: string; dateMs: number }): Promise<Posting[]> => {
  const parts: Knex.QueryBuilder[] = [];
  const open = planned.filter((feature) => !feature.capped).map((feature) => feature.term);
  if (open.length > 0) parts.push(db(TABLES.suggestTerms).where({ locale }).whereNot('document_id', story.documentId).whereIn('term', open).select(POSTING_COLUMNS));
  for (const feature of planned.filter((f) => f.capped)) for (const side of NEAR_SIDES) parts.push(nearestPostings(db, locale, feature.term, story, side, POSTINGS_HALF));
  return (await unionOfParts(db, parts)).map(toPosting);
};

/**
 * Which of `terms` each of `documentIds` holds, with the weights and words: one query per 300
 * stories. The query names the stories only, so the one index that can answer it is the
 * (document_id, locale, term) one; with the terms in the WHERE clause too, a planner without fresh
 * statistics (SQLite always, PostgreSQL after a bulk load) walks the posting lists of the common
 * terms instead — seconds at 100,000 stories. ~50 rows a story, filtered here.
 */
export const readOverlaps = async (db: Db, locale: string, documentIds: string[], terms: string[]): Promise<Posting[]> => {
  if (terms.length === 0) return [];
  const wanted = new Set(terms);
  return (await readRows(db, locale, documentIds)).filter((row) => wanted.has(row.term));
};

/** Every index row of `documentIds`, with the words: one query per 300 stories (see readOverlaps). */
export const readRows = async (db: Db, locale: string, documentIds: string[]): Promise<Posting[]> => {
  const out: Posting[] = [];
  for (let start = 0; start < documentIds.length; start += 300) {
    const rows = (await db(TABLES.suggestTerms)
      .where({ locale })
      .whereIn('document_id', documentIds.slice(start, start + 300))
      .select('document_id', 'term', 'weight', 'date_ms', 'word')) as PostingRow[];
    for (const row of rows) out.push(toPosting(row));
  }
  return out;
};
