import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { TABLES } from '../../../models';
import { inTransaction, retryOnDeadlock } from '../../../utils/db';
import { BACKGROUND_YIELD_MS, editorWrites } from '../../../utils/editor-writes';
import { indexBatch, type BatchStep } from './batch-index';
import { byScore, ownersOf, ownList, placedIn, placements, shortlist, type CandidateSource } from './compute';
import { sameNeighbours, topNeighbours } from './neighbours';
import { NEAR_SIDES, nearestPostings, readRows, toPosting, unionOfParts, type Posting, type PostingRow } from './db-source';
import { scoringOptions, type RecomputeResult } from './engine';
import { POSTINGS_HALF, planQuery, type IndexStats, type PlannedFeature, type ScoredStory } from './scoring';
import { insertChunked, type SuggestStore } from './store';

/** Stories of one locale recomputed in one pass (a burst of publishes). */
export const BATCH_SIZE = 40;

interface Entry {
  score: number;
  reasons?: ScoredStory['reasons'];
}

/** A newer version of a batch story was indexed meanwhile: the batch writes nothing, its jobs run one by one. */
export class StaleBatch extends Error {}

const byDate = (order: 'asc' | 'desc') => (a: Posting, b: Posting) => {
  const sign = order === 'asc' ? 1 : -1;
  return sign * (a.dateMs - b.dateMs || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
};

/**
 * Recomputes a burst with the same result as its jobs run one by one in `documentIds` order, in a
 * few statements: T1 for all, then every read once for the whole batch, each story's step computed
 * in memory against the index as its own job would have seen it (the later stories of the batch
 * still in their earlier versions, the feature counts without their changes, the lists as the
 * earlier steps left them), then one write. Null when a newer version was indexed meanwhile.
 */
export const recomputeBatch = async (
  strapi: Core.Strapi,
  store: SuggestStore,
  documentIds: string[],
  locale: string,
  breath: () => Promise<void> = shortBreath
): Promise<Map<string, RecomputeResult> | null> => {
  const db = strapi.db.connection;
  const results = new Map<string, RecomputeResult>(documentIds.map((id) => [id, { indexed: false, written: false, list: [], placedIn: [] }]));
  await breath();
  const steps = await indexBatch(strapi, store, documentIds, locale);
  if (steps.length === 0) return results;
  const options = scoringOptions(strapi);
  const ids = steps.map((step) => step.story.documentId);

  // What step p sees: the changes of the stories after it not made yet.
  const later = steps.map((_, p) => steps.slice(p + 1).filter((step) => step.before));
  const hidden = later.map((list) => new Map(list.map((step) => [step.story.documentId, step.before as Posting[]])));
  await breath();
  const final = await store.readStats(db, locale, steps.flatMap((step) => step.story.features.map((feature) => feature.term)));
  const statsAt = (p: number): IndexStats => {
    const undo = (term: string) => later[p].reduce((sum, step) => sum + (step.delta.get(term) ?? 0), 0);
    const n = final.n - undo('');
    return { n: Math.max(0, n), df: (term) => final.df(term) - undo(term) };
  };
  const stats = steps.map((_, p) => statsAt(p));
  const planned = steps.map((step, p) => planQuery(step.story, stats[p], options));

  // Postings: every holder of the open features at once; the capped ones read around each story's date.
  const open = [...new Set(planned.flatMap((features) => features.filter((f) => !f.capped).map((f) => f.term)))];
  const holdersOf = new Map<string, Posting[]>();
  for (let start = 0; start < open.length; start += 500) {
    await breath();
    const rows = (await db(TABLES.suggestTerms).where({ locale }).whereIn('term', open.slice(start, start + 500)).select('document_id', 'term', 'weight', 'date_ms')) as PostingRow[];
    for (const row of rows.map(toPosting)) append(holdersOf, row.term, row);
  }
  await breath();
  const near = await readNearest(db, locale, steps, planned, later);
  const postingsAt = (p: number, features: PlannedFeature[]): Posting[] => {
    const self = steps[p].story;
    const earlier = (rows: Posting[], term: string) => [
      ...rows.filter((row) => row.documentId !== self.documentId && !hidden[p].has(row.documentId)),
      ...[...hidden[p].values()].flatMap((before) => before.filter((row) => row.term === term)),
    ];
    return features.flatMap((feature) => {
      if (!feature.capped) return earlier(holdersOf.get(feature.term) ?? [], feature.term);
      return NEAR_SIDES.flatMap(([comparison, order]) =>
        earlier(near.get(`${p}\u0000${feature.term}\u0000${comparison}`) ?? [], feature.term)
          .filter((row) => (comparison === '<=' ? row.dateMs <= self.dateMs : row.dateMs > self.dateMs))
          .sort(byDate(order))
          .slice(0, POSTINGS_HALF)
      );
    });
  };
  const candidates: string[][] = [];
  for (const [p, step] of steps.entries()) {
    await breath();
    candidates.push(shortlist(step.story, planned[p], postingsAt(p, planned[p]), options));
  }

  // Index rows and stored lists of every story a step may score or place itself beside.
  await breath();
  const holding = (await db(TABLES.suggestions).where({ locale }).whereIn('suggested_document_id', ids).distinct('document_id').pluck('document_id')) as string[];
  const involved = [...new Set([...candidates.flat(), ...holding, ...ids])];
  const rowsOf = new Map<string, Posting[]>();
  await breath();
  for (const row of await readRows(db, locale, involved)) append(rowsOf, row.documentId, row);
  const lists = new Map<string, Map<string, Entry>>();
  for (let start = 0; start < involved.length; start += 300) {
    await breath();
    const rows = (await db(TABLES.suggestions).where({ locale }).whereIn('document_id', involved.slice(start, start + 300)).select('document_id', 'suggested_document_id', 'score')) as Array<{
      document_id: string;
      suggested_document_id: string;
      score: number | string;
    }>;
    for (const row of rows) lists.set(row.document_id, (lists.get(row.document_id) ?? new Map<string, Entry>()).set(row.suggested_document_id, { score: Number(row.score) }));
  }

  // Each step in order, against lists as the earlier steps left them.
  const nearestOf = (owner: string) => topNeighbours([...(lists.get(owner) ?? new Map<string, Entry>())].map(([documentId, entry]) => ({ documentId, score: entry.score })));
  const nearestBefore = new Map([...lists.keys()].map((owner) => [owner, nearestOf(owner)]));
  const touched = new Map<string, Set<string>>();
  for (const [p, step] of steps.entries()) {
    await breath();
    const { story } = step;
    const rowsAt = (documentId: string) => hidden[p].get(documentId) ?? rowsOf.get(documentId) ?? [];
    const overlapsAt = (documents: string[], terms: string[]) => {
      const wanted = new Set(terms);
      return documents.flatMap((documentId) => rowsAt(documentId).filter((row) => wanted.has(row.term)));
    };
    const source: CandidateSource = { postings: async (features) => postingsAt(p, features), overlaps: async (documents, terms) => overlapsAt(documents, terms) };
    const { list, nearest, overlaps } = await ownList(story, stats[p], source, options);
    lists.set(story.documentId, new Map(list.map((item) => [item.documentId, { score: item.score, reasons: item.reasons }])));
    const result: RecomputeResult = { indexed: true, written: true, list: [...list].sort(byScore), placedIn: [] };
    results.set(story.documentId, result);
    const holders = [...lists].filter(([, entries]) => entries.has(story.documentId)).map(([owner]) => owner);
    const owners = ownersOf(story.documentId, nearest, holders);
    if (owners.length === 0) continue;
    const known = new Set(overlaps.map((row) => row.documentId));
    const rows = [...overlaps, ...overlapsAt(owners.filter((owner) => !known.has(owner)), story.features.map((feature) => feature.term))];
    const others = (owner: string) => [...(lists.get(owner) ?? new Map<string, Entry>())].filter(([suggested]) => suggested !== story.documentId).map(([, entry]) => entry.score);
    const { upserts, removals } = placements(story, owners, rows, stats[p], options, others, new Set(holders));
    const changed = placedIn(upserts, removals, (owner) => lists.get(owner)?.get(story.documentId)?.score, others);
    for (const { owner, score, reasons } of upserts) lists.set(owner, (lists.get(owner) ?? new Map<string, Entry>()).set(story.documentId, { score, reasons }));
    for (const owner of removals) lists.get(owner)?.delete(story.documentId);
    touched.set(story.documentId, new Set([...upserts.map((row) => row.owner), ...removals]));
    result.placedIn = changed;
  }

  // The owners whose first stories changed, with their new ones (see neighbours.ts), the batch's own stories included.
  const moved = new Map([...lists.keys()].map((owner) => [owner, nearestOf(owner)] as const).filter(([owner, nearest]) => !sameNeighbours(nearestBefore.get(owner) ?? [], nearest)));
  try {
    await breath();
    // The batch's own stories' first stories are written whatever they were, as a story's own recompute does.
    await writeBatch(strapi, store, locale, steps, lists, touched, new Map([...moved, ...ids.map((id) => [id, nearestOf(id)] as const)]));
  } catch (error) {
    if (error instanceof StaleBatch) return null;
    throw error;
  }
  // Pages listing a story whose first stories changed read it in another order now.
  const listing = options.neighbourOrder && moved.size > 0 ? ((await db(TABLES.suggestions).where({ locale }).whereIn('suggested_document_id', [...moved.keys()]).distinct('document_id').pluck('document_id')) as string[]) : [];
  const first = results.get(ids[0]);
  if (first) first.placedIn = [...new Set([...first.placedIn, ...listing])];
  return results;
};

/** The pass runs in the editors' process: before each read and each story's scoring, their writes in flight go first (the queue's pace, else BACKGROUND_YIELD_MS at most). */
const shortBreath = () => editorWrites.yieldTo(BACKGROUND_YIELD_MS);

const append = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * The capped features' postings nearest each story's date, one union per 100 reads; each read
 * takes as many more rows as later stories of the batch it may have to leave out.
 */
const readNearest = async (db: Knex, locale: string, steps: BatchStep[], planned: PlannedFeature[][], later: BatchStep[][]) => {
  const keys: string[] = [];
  const parts: Knex.QueryBuilder[] = [];
  for (const [p, step] of steps.entries()) {
    for (const feature of planned[p].filter((f) => f.capped)) {
      for (const side of NEAR_SIDES) {
        keys.push(`${p}\u0000${feature.term}\u0000${side[0]}`);
        parts.push(nearestPostings(db, locale, feature.term, step.story, side, POSTINGS_HALF + later[p].length));
      }
    }
  }
  const near = new Map<string, Posting[]>();
  for (const row of await unionOfParts(db, parts)) append(near, keys[Number(row.part)], toPosting(row));
  return near;
};

/** T2 and T3 of the whole batch in one transaction: the stories' own lists, their places in other lists, the `nearest` first stories to record. */
const writeBatch = (
  strapi: Core.Strapi,
  store: SuggestStore,
  locale: string,
  steps: BatchStep[],
  lists: Map<string, Map<string, Entry>>,
  touched: Map<string, Set<string>>,
  nearest: Map<string, string[]>
) =>
  retryOnDeadlock(strapi, () =>
    inTransaction(strapi, async (trx) => {
      const ids = steps.map((step) => step.story.documentId);
      const docs = await store.lockDocs(trx, ids, locale, false);
      if (steps.some((step) => docs.get(step.story.documentId)?.version !== step.version)) throw new StaleBatch();
      const own = new Set(ids);
      const row = (owner: string, suggested: string, entry: Entry) => ({ document_id: owner, locale, suggested_document_id: suggested, score: entry.score, reasons: JSON.stringify(entry.reasons ?? []) });
      await trx(TABLES.suggestions).where({ locale }).whereIn('document_id', ids).delete();
      await insertChunked(trx, TABLES.suggestions, ids.flatMap((owner) => [...(lists.get(owner) ?? [])].map(([suggested, entry]) => row(owner, suggested, entry))));
      for (const [suggested, owners] of touched) {
        const others = [...owners].filter((owner) => !own.has(owner)).sort();
        const kept = others.filter((owner) => lists.get(owner)?.has(suggested));
        const gone = others.filter((owner) => !lists.get(owner)?.has(suggested));
        await store.upsertInto(trx, locale, suggested, kept.map((owner) => ({ owner, score: lists.get(owner)?.get(suggested)?.score ?? 0, reasons: lists.get(owner)?.get(suggested)?.reasons ?? [] })));
        if (gone.length > 0) await trx(TABLES.suggestions).where({ suggested_document_id: suggested, locale }).whereIn('document_id', gone).delete();
      }
      await trx(TABLES.suggestDocs).where({ locale }).whereIn('document_id', ids).update({ computed_at: Date.now() });
      await store.writeNeighbours(trx, locale, nearest);
    })
  );
