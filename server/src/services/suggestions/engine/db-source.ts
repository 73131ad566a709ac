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

interface PostingRow {
  document_id: string;
  term: string;
  weight: number | string;
  date_ms: number | string;
  word?: string;
}

const toPosting = (row: PostingRow): Posting => ({
  documentId: row.document_id,
  term: row.term,
  weight: Number(row.weight),
  dateMs: Number(row.date_ms),
  ...(row.word !== undefined ? { word: row.word } : {}),
});

/**
 * The stories that share the planned features, in one query: every holder of an ordinary feature;
 * for a common one (held by more than POSTINGS_CAP stories) the POSTINGS_HALF nearest in time on
 * each side, read in date order from the (locale, term, date_ms) index. Never the story itself.
 */
export const readPostings = async (db: Db, locale: string, planned: PlannedFeature[], story: { documentId: string; dateMs: number }): Promise<Posting[]> => {
  const base = () => db(TABLES.suggestTerms).where({ locale }).whereNot('document_id', story.documentId).select('document_id', 'term', 'weight', 'date_ms');
  const parts = [];
  const open = planned.filter((feature) => !feature.capped).map((feature) => feature.term);
  if (open.length > 0) parts.push(base().whereIn('term', open));
  // A common feature's postings: the stories nearest in time on each side of the story.
  const sides = [['<=', 'desc'], ['>', 'asc']] as const;
  for (const feature of planned.filter((f) => f.capped)) {
    for (const [comparison, order] of sides) {
      parts.push(
        base()
          .where('term', feature.term)
          .where('date_ms', comparison, story.dateMs)
          .orderBy([{ column: 'date_ms', order }, { column: 'document_id', order }])
          .limit(POSTINGS_HALF)
      );
    }
  }
  if (parts.length === 0) return [];
  const compiled = parts.map((part) => part.toSQL());
  // Each part keeps its ORDER BY … LIMIT inside a derived table: the one form all three databases accept.
  const sql = compiled.map((part, index) => `select * from (${part.sql}) q${index}`).join(' union all ');
  const result = await db.raw(sql, compiled.flatMap((part) => [...part.bindings]) as readonly Knex.Value[]);
  return rawRows<PostingRow>(result).map(toPosting);
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
