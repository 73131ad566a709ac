import type { Core } from '@strapi/strapi';

import { getConfig } from '../../../config';
import { TABLES } from '../../../models';
import { inTransaction } from '../../../utils/db';
import { byScore, computeList, ownersOf, ownList, placedIn, placements, type CandidateSource } from './compute';
import { joinNeighbours, neighboursMoved, sameNeighbours, topNeighbours, type RankedEntry } from './neighbours';
import { readOverlaps, readPostings, type Posting } from './db-source';
import { featuresOf, loadContents, type IndexedStory } from './features';
import type { ScoredStory, ScoringOptions } from './scoring';
import { createStore } from './store';

export const scoringOptions = (strapi: Core.Strapi): ScoringOptions => {
  const config = getConfig(strapi).suggestions;
  return {
    weights: config.weights,
    recencyHalfLifeDays: config.recencyHalfLifeDays,
    recencyFloor: config.recencyFloor,
    minScore: config.minScore,
    stored: config.stored,
    neighbourOrder: config.neighbourOrder,
    window: { maxAgeDays: config.maxAgeDays, direction: config.direction },
  };
};

export interface RecomputeResult {
  /** False when the story has no published version (it was removed from the index instead). */
  indexed: boolean;
  /** False when a newer version of the story was indexed meanwhile (its own job writes the list). */
  written: boolean;
  list: ScoredStory[];
  /**
   * The stories whose autoFilled pages changed too: those whose stored lists took, moved or dropped this one, and
   * those listing a story whose nearest changed (this one, or an owner it entered or left the first of; see neighbours.ts).
   */
  placedIn: string[];
}

/**
 * Per-story work: index a published story, compute its list, place it in the lists of the stories
 * it is close to; and forget a story that is no longer published. Three short transactions, each
 * starting with the story's lock row, and the reads in between outside any transaction.
 */
export const createEngine = (strapi: Core.Strapi) => {
  const store = createStore(strapi);
  const db = () => strapi.db.connection;

  const dbSource = (locale: string): CandidateSource => ({
    postings: (planned, story) => readPostings(db(), locale, planned, story),
    overlaps: (documentIds, terms) => readOverlaps(db(), locale, documentIds, terms),
  });

  /** T1: the story's index rows from its published version; its version number when written. */
  const index = (documentId: string, locale: string) =>
    inTransaction(strapi, async (trx): Promise<{ story: IndexedStory; version: number } | null> => {
      const doc = await store.lockDoc(trx, documentId, locale, true);
      const [content] = await loadContents(strapi, trx, { version: 'published', documentIds: [documentId], locale });
      if (!content || !doc) {
        await store.unindex(trx, documentId, locale, doc);
        return null;
      }
      const story = featuresOf(content);
      if (doc.indexed && doc.hash === story.hash) return { story, version: doc.version };
      return { story, version: await store.replacePostings(trx, story, doc) };
    });

  const engine = {
    store,
    dbSource,

    async recompute(documentId: string, locale: string): Promise<RecomputeResult> {
      const indexed = await index(documentId, locale);
      if (!indexed) return { indexed: false, written: false, list: [], placedIn: [] };
      const { story, version } = indexed;
      const options = scoringOptions(strapi);
      const terms = story.features.map((feature) => feature.term);
      const stats = await store.readStats(db(), locale, terms);
      const { list, nearest, overlaps } = await ownList(story, stats, dbSource(locale), options);

      // T2: the story's own list, unless a newer version was indexed meanwhile; whether its nearest changed (see neighbours.ts).
      let ownMoved = false;
      const written = await inTransaction(strapi, async (trx) => {
        const doc = await store.lockDoc(trx, documentId, locale, false);
        if (!doc || doc.version !== version) return false;
        const nearest = topNeighbours(list);
        ownMoved = options.neighbourOrder === true && !sameNeighbours(doc.neighbours, nearest);
        await store.writeOwnList(trx, documentId, locale, list);
        await trx(TABLES.suggestDocs).where({ id: doc.id }).update({ computed_at: Date.now(), neighbours: joinNeighbours(nearest) });
        return true;
      });
      if (!written) return { indexed: true, written, list, placedIn: [] };

      // T3: the story takes its place in its neighbours' lists (see placements).
      const holders = (await db()(TABLES.suggestions).where({ suggested_document_id: documentId, locale }).pluck('document_id')) as string[];
      const owners = ownersOf(documentId, nearest, holders);
      if (owners.length === 0) return { indexed: true, written, list, placedIn: [] };
      const known = new Set(overlaps.map((row) => row.documentId));
      const missing = owners.filter((owner) => !known.has(owner));
      const rows: Posting[] = [...overlaps, ...(missing.length > 0 ? await readOverlaps(db(), locale, missing, terms) : [])];
      const lists = (await db()(TABLES.suggestions).where({ locale }).whereIn('document_id', owners).select('document_id', 'suggested_document_id', 'score')) as Array<{
        document_id: string;
        suggested_document_id: string;
        score: number | string;
      }>;
      const byOwner = new Map<string, number[]>();
      const held = new Map<string, number>();
      const entries = new Map<string, RankedEntry[]>();
      for (const row of lists) {
        entries.set(row.document_id, [...(entries.get(row.document_id) ?? []), { documentId: row.suggested_document_id, score: Number(row.score) }]);
        if (row.suggested_document_id === documentId) {
          held.set(row.document_id, Number(row.score));
          continue;
        }
        byOwner.set(row.document_id, [...(byOwner.get(row.document_id) ?? []), Number(row.score)]);
      }
      const { upserts, removals } = placements(story, owners, rows, stats, options, (owner) => byOwner.get(owner) ?? [], new Set(holders));
      const moved = neighboursMoved(documentId, upserts, removals, (owner) => entries.get(owner) ?? []);
      const placed = await inTransaction(strapi, async (trx) => {
        const doc = await store.lockDoc(trx, documentId, locale, false);
        if (!doc || doc.version !== version) return false;
        await store.upsertInto(trx, locale, documentId, upserts);
        if (removals.length > 0) await trx(TABLES.suggestions).where({ suggested_document_id: documentId, locale }).whereIn('document_id', removals).delete();
        await store.writeNeighbours(trx, locale, moved);
        return true;
      });
      if (!placed) return { indexed: true, written, list: [...list].sort(byScore), placedIn: [] };
      const listingMoved =
        options.neighbourOrder && moved.size > 0 ? ((await db()(TABLES.suggestions).where({ locale }).whereIn('suggested_document_id', [...moved.keys()]).distinct('document_id').pluck('document_id')) as string[]) : [];
      const changed = placedIn(upserts, removals, (owner) => held.get(owner), (owner) => byOwner.get(owner) ?? []);
      return { indexed: true, written, list: [...list].sort(byScore), placedIn: [...new Set([...changed, ...(ownMoved ? holders : []), ...listingMoved])].filter((owner) => owner !== documentId) };
    },

    /** Removes a story (unpublished or deleted) from the index and from every stored list. */
    async remove(documentId: string, locales: string[]) {
      for (const locale of new Set(locales)) {
        await inTransaction(strapi, async (trx) => {
          const doc = await store.lockDoc(trx, documentId, locale, true);
          await store.unindex(trx, documentId, locale, doc);
        });
      }
    },

    /** A list for a story that is not published (an editor's draft), computed now and not stored. */
    async live(documentId: string, locale: string): Promise<ScoredStory[]> {
      const [content] = await loadContents(strapi, db(), { version: 'draft', documentIds: [documentId], locale });
      if (!content) return [];
      const story = featuresOf(content);
      const stats = await store.readStats(db(), locale, story.features.map((feature) => feature.term));
      // The draft is not in the index: its own features are not counted in `stats`.
      return (await computeList(story, stats, dbSource(locale), scoringOptions(strapi), false)).list;
    },
  };
  return engine;
};

export type SuggestEngine = ReturnType<typeof createEngine>;
