import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { TABLES } from '../../../models';
import { isMysql, isPostgres } from '../../../utils/db';
import type { IndexedStory } from './features';
import { joinNeighbours, neighboursMoved, splitNeighbours, type RankedEntry } from './neighbours';
import type { IndexStats, ScoredStory } from './scoring';

export type Db = Knex | Knex.Transaction;

export interface DocRow {
  id: number;
  version: number;
  indexed: boolean;
  hash: string;
  dateMs: number;
  computedAt: number;
  /** The first stories of its stored list, as stored (see neighbours.ts). */
  neighbours: string[];
}

/** Rows per INSERT: well under SQLite's bound-variable limit and MySQL's packet size. */
const CHUNK = 400;

export const insertChunked = async (db: Db, table: string, rows: Array<Record<string, unknown>>) => {
  for (let start = 0; start < rows.length; start += CHUNK) await db(table).insert(rows.slice(start, start + CHUNK));
};

/** Rows of a `db.raw` result, whatever the driver returns. */
export const rawRows = <T>(result: unknown): T[] => {
  if (Array.isArray(result)) return (Array.isArray(result[0]) ? result[0] : result) as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
};

/**
 * Writes of the suggestion tables. Every write that concerns one story first takes that story's
 * row in `newsroom_suggest_docs` (insert-if-missing, then SELECT … FOR UPDATE on PostgreSQL and
 * MySQL; SQLite has one writer), so indexing, storing a list and removing a story never interleave
 * for the same story, on one instance or several.
 */
export const createStore = (strapi: Core.Strapi) => {
  const sqlite = () => !isPostgres(strapi) && !isMysql(strapi);
  /** `df = df + <the inserted delta>` in each dialect's upsert syntax. */
  const addExcluded = (db: Db, table: string, column: string) =>
    isMysql(strapi) ? db.raw('?? + values(??)', [column, column]) : db.raw('?? + excluded.??', [`${table}.${column}`, column]);

  const toDoc = (row: Record<string, unknown> | undefined): DocRow | null =>
    row
      ? {
          id: Number(row.id),
          version: Number(row.version ?? 0),
          indexed: Number(row.indexed ?? 0) === 1,
          hash: String(row.hash ?? ''),
          dateMs: Number(row.date_ms ?? 0),
          computedAt: Number(row.computed_at ?? 0),
          neighbours: splitNeighbours(row.neighbours),
        }
      : null;

  const store = {
    /** Takes the story's lock row; with `create`, makes it first (a story never indexed has none). */
    async lockDoc(trx: Knex.Transaction, documentId: string, locale: string, create: boolean): Promise<DocRow | null> {
      if (create) {
        await trx(TABLES.suggestDocs)
          .insert({ document_id: documentId, locale, version: 0, indexed: 0, hash: '', date_ms: 0, computed_at: 0 })
          .onConflict(['document_id', 'locale'])
          .ignore();
      }
      const query = trx(TABLES.suggestDocs).where({ document_id: documentId, locale }).first('id', 'version', 'indexed', 'hash', 'date_ms', 'computed_at', 'neighbours');
      if (!sqlite()) query.forUpdate();
      return toDoc((await query) as Record<string, unknown> | undefined);
    },

    /** lockDoc for several stories of one locale at once, in document order (a stable lock order across instances). */
    async lockDocs(trx: Knex.Transaction, documentIds: string[], locale: string, create: boolean): Promise<Map<string, DocRow>> {
      const ids = [...new Set(documentIds)].sort();
      if (create && ids.length > 0) {
        await trx(TABLES.suggestDocs)
          .insert(ids.map((documentId) => ({ document_id: documentId, locale, version: 0, indexed: 0, hash: '', date_ms: 0, computed_at: 0 })))
          .onConflict(['document_id', 'locale'])
          .ignore();
      }
      const query = trx(TABLES.suggestDocs).where({ locale }).whereIn('document_id', ids).orderBy('document_id').select('document_id', 'id', 'version', 'indexed', 'hash', 'date_ms', 'computed_at', 'neighbours');
      if (!sqlite()) query.forUpdate();
      const rows = (await query) as Array<Record<string, unknown>>;
      return new Map(rows.map((row) => [String(row.document_id), toDoc(row) as DocRow]));
    },

    async readDoc(db: Db, documentId: string, locale: string): Promise<DocRow | null> {
      return toDoc((await db(TABLES.suggestDocs).where({ document_id: documentId, locale }).first('id', 'version', 'indexed', 'hash', 'date_ms', 'computed_at', 'neighbours')) as Record<string, unknown> | undefined);
    },

    /** Adds signed deltas to the feature counts, in term order (a stable lock order across instances). */
    async applyStats(trx: Knex.Transaction, locale: string, delta: Map<string, number>) {
      const rows = [...delta.entries()]
        .filter(([, change]) => change !== 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([term, df]) => ({ locale, term, df }));
      for (let start = 0; start < rows.length; start += CHUNK) {
        await trx(TABLES.suggestStats)
          .insert(rows.slice(start, start + CHUNK))
          .onConflict(['locale', 'term'])
          .merge({ df: addExcluded(trx, TABLES.suggestStats, 'df') });
      }
    },

    /** Replaces a story's index rows and moves the feature counts by the difference. */
    async replacePostings(trx: Knex.Transaction, story: IndexedStory, doc: DocRow) {
      const where = { document_id: story.documentId, locale: story.locale };
      const old = (await trx(TABLES.suggestTerms).where(where).pluck('term')) as string[];
      const delta = new Map<string, number>();
      for (const term of old) delta.set(term, (delta.get(term) ?? 0) - 1);
      await trx(TABLES.suggestTerms).where(where).delete();
      await insertChunked(
        trx,
        TABLES.suggestTerms,
        story.features.map((feature) => ({ ...where, term: feature.term, weight: feature.weight, word: feature.word, date_ms: story.dateMs }))
      );
      for (const feature of story.features) delta.set(feature.term, (delta.get(feature.term) ?? 0) + 1);
      if (!doc.indexed) delta.set('', (delta.get('') ?? 0) + 1);
      await store.applyStats(trx, story.locale, delta);
      await trx(TABLES.suggestDocs).where({ id: doc.id }).update({ version: doc.version + 1, indexed: 1, hash: story.hash, date_ms: story.dateMs });
      return doc.version + 1;
    },

    /** Forgets a story: its index rows and counts, its own list, its place in every other list, its job. */
    async unindex(trx: Knex.Transaction, documentId: string, locale: string, doc: DocRow | null) {
      const where = { document_id: documentId, locale };
      if (doc?.indexed) {
        const old = (await trx(TABLES.suggestTerms).where(where).pluck('term')) as string[];
        const delta = new Map<string, number>([['', -1]]);
        for (const term of old) delta.set(term, (delta.get(term) ?? 0) - 1);
        await store.applyStats(trx, locale, delta);
      }
      // The lists holding the story, whose first stories may change when it leaves them (see neighbours.ts).
      const holding = (await trx(TABLES.suggestions)
        .where({ locale })
        .whereIn('document_id', trx(TABLES.suggestions).where({ suggested_document_id: documentId, locale }).select('document_id'))
        .select('document_id', 'suggested_document_id', 'score')) as Array<{ document_id: string; suggested_document_id: string; score: number | string }>;
      const lists = new Map<string, RankedEntry[]>();
      for (const row of holding) lists.set(row.document_id, [...(lists.get(row.document_id) ?? []), { documentId: row.suggested_document_id, score: Number(row.score) }]);
      const moved = neighboursMoved(documentId, [], [...lists.keys()], (owner) => lists.get(owner) ?? []);
      await trx(TABLES.suggestTerms).where(where).delete();
      await trx(TABLES.suggestDocs).where(where).delete();
      await trx(TABLES.suggestions).where(where).delete();
      await trx(TABLES.suggestions).where({ suggested_document_id: documentId, locale }).delete();
      await store.writeNeighbours(trx, locale, moved);
      await trx(TABLES.suggestJobs).where(where).delete();
    },

    async readStats(db: Db, locale: string, terms: string[]): Promise<IndexStats> {
      const rows = (await db(TABLES.suggestStats).where({ locale }).whereIn('term', ['', ...new Set(terms)]).select('term', 'df')) as Array<{ term: string; df: number | string }>;
      const df = new Map(rows.map((row) => [row.term, Number(row.df)]));
      return { n: Math.max(0, df.get('') ?? 0), df: (term) => df.get(term) ?? 0 };
    },

    /** Records the first stories of the owners' lists (see neighbours.ts), one statement per 200 owners. */
    async writeNeighbours(trx: Knex.Transaction, locale: string, nearest: Map<string, string[]>) {
      const owners = [...nearest.keys()].sort();
      for (let start = 0; start < owners.length; start += 200) {
        const chunk = owners.slice(start, start + 200);
        const cases = chunk.map(() => 'when ? then ?').join(' ');
        await trx(TABLES.suggestDocs)
          .where({ locale })
          .whereIn('document_id', chunk)
          .update({ neighbours: trx.raw(`case ?? ${cases} end`, ['document_id', ...chunk.flatMap((owner) => [owner, joinNeighbours(nearest.get(owner) ?? [])])]) });
      }
    },

    async writeOwnList(trx: Knex.Transaction, documentId: string, locale: string, list: ScoredStory[]) {
      await trx(TABLES.suggestions).where({ document_id: documentId, locale }).delete();
      await insertChunked(
        trx,
        TABLES.suggestions,
        list.map((item) => ({ document_id: documentId, locale, suggested_document_id: item.documentId, score: item.score, reasons: JSON.stringify(item.reasons) }))
      );
    },

    /** Puts one story into other stories' lists (or updates its score there), owners in order. */
    async upsertInto(trx: Knex.Transaction, locale: string, suggested: string, rows: Array<{ owner: string; score: number; reasons: unknown }>) {
      const sorted = [...rows].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
      for (let start = 0; start < sorted.length; start += CHUNK) {
        await trx(TABLES.suggestions)
          .insert(
            sorted.slice(start, start + CHUNK).map((row) => ({
              document_id: row.owner,
              locale,
              suggested_document_id: suggested,
              score: row.score,
              reasons: JSON.stringify(row.reasons),
            }))
          )
          .onConflict(['document_id', 'locale', 'suggested_document_id'])
          .merge(['score', 'reasons']);
      }
    },
  };
  return store;
};

export type SuggestStore = ReturnType<typeof createStore>;
