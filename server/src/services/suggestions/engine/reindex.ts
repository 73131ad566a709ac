import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { PLUGIN_ID, UIDS } from '../../../../../shared/manifest';
import { TABLES } from '../../../models';
import { inTransaction, tableOf } from '../../../utils/db';
import { computeList, scoreVectors, type CandidateSource } from './compute';
import { scoringOptions, type SuggestEngine } from './engine';
import { featuresOf, loadContents, type IndexedStory } from './features';
import { MemoryIndex } from './memory-index';
import { planQuery, prepareStory, type IndexStats, type ScoredStory, type StoryFeatures } from './scoring';
import { topNeighbours } from './neighbours';
import { createStore, insertChunked, rawRows } from './store';
import { markIndexCurrent, scorerVersion } from './version';

export interface ReindexProgress {
  phase: 'index' | 'score';
  done: number;
  total: number;
  locale?: string;
}

export interface ReindexOptions {
  /** Start over even if an earlier run was interrupted (default: continue it). */
  fresh?: boolean;
  /** Stories per transaction and per checkpoint. */
  batchSize?: number;
  onProgress?: (progress: ReindexProgress) => void | Promise<void>;
}

export interface ReindexResult {
  resumed: boolean;
  /** Stories whose index rows were (re)written; unchanged ones are skipped. */
  indexed: number;
  /** Stories no longer published that the index still held. */
  removed: number;
  /** Lists computed. */
  scored: number;
  seconds: number;
}

interface Checkpoint {
  phase: 'index' | 'stats' | 'score' | 'done';
  lastId: number;
  locale: string | null;
  startedAt: string;
  indexed: number;
  removed: number;
  scored: number;
  /** The scorer the run started with: a run left by another version starts over. */
  scorer?: string;
}

const CHECKPOINT = { type: 'plugin' as const, name: PLUGIN_ID, key: 'suggestions-reindex' };
/** Above this many index rows in one locale the scoring phase reads the database instead of memory. */
const MEMORY_ROWS = 30_000_000;

/**
 * The whole archive, in three resumable phases: (1) index every published story (skipping
 * unchanged ones by hash), (2) drop stories that are no longer published and rebuild the feature
 * counts from the index, (3) compute every story's list against an in-memory copy of the index.
 * A checkpoint is saved in Strapi's store after each batch: a killed run continues where it stopped.
 */
export const reindex = async (strapi: Core.Strapi, engine: SuggestEngine, options: ReindexOptions = {}): Promise<ReindexResult> => {
  // SQLite's default page cache (2 MB) makes index inserts into a multi-gigabyte file disk-bound:
  // give this connection 256 MB while the reindex runs, then put the setting back.
  const sqlite = strapi.db.dialect.client === 'sqlite' || strapi.db.dialect.client === 'better-sqlite3';
  const cache = sqlite ? rawRows<{ cache_size: number }>(await strapi.db.connection.raw('pragma cache_size'))[0]?.cache_size : undefined;
  if (sqlite) await strapi.db.connection.raw('pragma cache_size = -262144');
  try {
    return await run(strapi, engine, options);
  } finally {
    if (sqlite && cache !== undefined) await strapi.db.connection.raw(`pragma cache_size = ${Number(cache)}`);
  }
};

const run = async (strapi: Core.Strapi, engine: SuggestEngine, options: ReindexOptions): Promise<ReindexResult> => {
  const started = Date.now();
  const batch = Math.max(1, options.batchSize ?? 250);
  const db = strapi.db.connection;
  const saved = (await strapi.store.get(CHECKPOINT)) as Checkpoint | null;
  const resumed = Boolean(saved && saved.phase !== 'done' && !options.fresh && saved.scorer === scorerVersion());
  const point: Checkpoint = resumed && saved
    ? saved
    : { phase: 'index', lastId: 0, locale: null, startedAt: new Date().toISOString(), indexed: 0, removed: 0, scored: 0, scorer: scorerVersion() };
  const save = () => strapi.store.set({ ...CHECKPOINT, value: point });
  const progress = async (value: ReindexProgress) => options.onProgress?.(value);
  const articles = tableOf(strapi, UIDS.article);

  if (point.phase === 'index') {
    const published = () => db(articles.name).whereNotNull(articles.column('publishedAt'));
    const total = Number((await published().count({ n: '*' }).first())?.n ?? 0);
    let done = Number((await published().where(articles.column('id'), '<=', point.lastId).count({ n: '*' }).first())?.n ?? 0);
    await progress({ phase: 'index', done, total });
    for (;;) {
      const contents = await loadContents(strapi, db, { version: 'published', afterId: point.lastId, limit: batch });
      if (contents.length === 0) break;
      point.indexed += await writeIndex(strapi, contents.map(featuresOf));
      point.lastId = contents[contents.length - 1].id;
      done += contents.length;
      await save();
      await progress({ phase: 'index', done, total });
    }
    Object.assign(point, { phase: 'stats', lastId: 0 });
    await save();
  }

  if (point.phase === 'stats') {
    point.removed += await dropUnpublished(strapi, engine);
    await rebuildStats(strapi);
    Object.assign(point, { phase: 'score', lastId: 0, locale: null });
    await save();
  }

  if (point.phase === 'score') {
    const locales = ((await db(TABLES.suggestDocs).where({ indexed: 1 }).distinct('locale').orderBy('locale')) as Array<{ locale: string }>).map((row) => row.locale);
    const total = Number((await db(TABLES.suggestDocs).where({ indexed: 1 }).count({ n: '*' }).first())?.n ?? 0);
    let done = 0;
    for (const locale of locales) {
      if (point.locale !== null && locale < point.locale) {
        done += Number((await db(TABLES.suggestDocs).where({ indexed: 1, locale }).count({ n: '*' }).first())?.n ?? 0);
        continue;
      }
      if (point.locale !== locale) Object.assign(point, { locale, lastId: 0 });
      done += Number((await db(TABLES.suggestDocs).where({ indexed: 1, locale }).where('id', '<=', point.lastId).count({ n: '*' }).first())?.n ?? 0);
      await progress({ phase: 'score', done, total, locale });
      const scorer = await scorerFor(strapi, engine, locale);
      for (;;) {
        const docs = (await db(TABLES.suggestDocs).where({ indexed: 1, locale }).where('id', '>', point.lastId).orderBy('id').limit(batch).select('id', 'document_id', 'date_ms')) as Array<{
          id: number;
          document_id: string;
          date_ms: number | string;
        }>;
        if (docs.length === 0) break;
        const stories = await storiesOf(db, locale, docs);
        const lists = new Map<string, ScoredStory[]>();
        for (const story of stories) lists.set(story.documentId, await scorer(story));
        await writeLists(strapi, locale, lists);
        point.scored += lists.size;
        point.lastId = Number(docs[docs.length - 1].id);
        done += docs.length;
        await save();
        await progress({ phase: 'score', done, total, locale });
      }
    }
    Object.assign(point, { phase: 'done', lastId: 0, locale: null });
    await save();
    await markIndexCurrent(strapi);
    await analyze(strapi);
  }

  return { resumed, indexed: point.indexed, removed: point.removed, scored: point.scored, seconds: (Date.now() - started) / 1000 };
};

/** Writes the index rows of a batch of stories whose content changed; returns how many. */
const writeIndex = async (strapi: Core.Strapi, stories: IndexedStory[]) => {
  if (stories.length === 0) return 0;
  return inTransaction(strapi, async (trx) => {
    const key = (documentId: string, locale: string) => `${documentId}\u0000${locale}`;
    // Per locale, `locale = ? AND document_id IN (…)`: an index lookup (a long OR list is a table scan in SQLite).
    const pairs = (query: Knex.QueryBuilder, list: Array<{ documentId: string; locale: string }>) => {
      const byLocale = new Map<string, string[]>();
      for (const item of list) byLocale.set(item.locale, [...(byLocale.get(item.locale) ?? []), item.documentId]);
      return query.where((q) => {
        for (const [locale, ids] of byLocale) q.orWhere((w) => w.where('locale', locale).whereIn('document_id', ids));
      });
    };
    const docs = (await pairs(trx(TABLES.suggestDocs), stories).select('document_id', 'locale', 'version', 'indexed', 'hash')) as Array<{
      document_id: string;
      locale: string;
      version: number | string;
      indexed: number | string;
      hash: string;
    }>;
    const known = new Map(docs.map((doc) => [key(doc.document_id, doc.locale), doc]));
    const changed = stories.filter((story) => {
      const doc = known.get(key(story.documentId, story.locale));
      return !doc || Number(doc.indexed) !== 1 || doc.hash !== story.hash;
    });
    if (changed.length === 0) return 0;
    await pairs(trx(TABLES.suggestTerms), changed).delete();
    await insertChunked(
      trx,
      TABLES.suggestTerms,
      changed.flatMap((story) =>
        story.features.map((feature) => ({ document_id: story.documentId, locale: story.locale, term: feature.term, weight: feature.weight, word: feature.word, date_ms: story.dateMs }))
      )
    );
    const rows = changed.map((story) => ({
      document_id: story.documentId,
      locale: story.locale,
      version: Number(known.get(key(story.documentId, story.locale))?.version ?? 0) + 1,
      indexed: 1,
      hash: story.hash,
      date_ms: story.dateMs,
      computed_at: 0,
    }));
    for (let start = 0; start < rows.length; start += 400) {
      await trx(TABLES.suggestDocs)
        .insert(rows.slice(start, start + 400))
        .onConflict(['document_id', 'locale'])
        .merge(['version', 'indexed', 'hash', 'date_ms']);
    }
    return changed.length;
  });
};

/** Index entries of stories that are no longer published (a missed hook, a restore, an import). */
const dropUnpublished = async (strapi: Core.Strapi, engine: SuggestEngine) => {
  const db = strapi.db.connection;
  const { name, column } = tableOf(strapi, UIDS.article);
  const stale = (await db({ d: TABLES.suggestDocs })
    .whereNotExists(
      db({ a: name })
        .whereRaw('?? = ??', [`a.${column('documentId')}`, 'd.document_id'])
        .whereRaw(`coalesce(??, '') = ??`, [`a.${column('locale')}`, 'd.locale'])
        .whereNotNull(`a.${column('publishedAt')}`)
        .select(db.raw('1'))
    )
    .select('d.document_id', 'd.locale')) as Array<{ document_id: string; locale: string }>;
  for (const doc of stale) await engine.remove(doc.document_id, [doc.locale]);
  return stale.length;
};

/** Feature counts from the index itself, in one transaction: what deltas keep, rebuilt exactly. */
const rebuildStats = async (strapi: Core.Strapi) => {
  await inTransaction(strapi, async (trx) => {
    await trx(TABLES.suggestStats).delete();
    await trx.raw(`insert into ?? (locale, term, df) select locale, term, count(*) from ?? group by locale, term`, [TABLES.suggestStats, TABLES.suggestTerms]);
    await trx.raw(`insert into ?? (locale, term, df) select locale, '', count(*) from ?? where indexed = 1 group by locale`, [TABLES.suggestStats, TABLES.suggestDocs]);
  });
};

/** The stories of a batch as the index holds them (the same numbers the per-story path reads). */
const storiesOf = async (db: Knex, locale: string, docs: Array<{ document_id: string; date_ms: number | string }>): Promise<StoryFeatures[]> => {
  const rows = (await db(TABLES.suggestTerms)
    .where({ locale })
    .whereIn('document_id', docs.map((doc) => doc.document_id))
    .select('document_id', 'term', 'weight', 'word')) as Array<{ document_id: string; term: string; weight: number | string; word: string }>;
  const byDoc = new Map<string, StoryFeatures>(docs.map((doc) => [doc.document_id, { documentId: doc.document_id, locale, dateMs: Number(doc.date_ms), features: [] }]));
  for (const row of rows) byDoc.get(row.document_id)?.features.push({ term: row.term, weight: Number(row.weight), word: row.word });
  const stories = [...byDoc.values()];
  for (const story of stories) story.features.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return stories;
};

/** Scores stories of one locale: in memory unless the index is too big for it. */
const scorerFor = async (strapi: Core.Strapi, engine: SuggestEngine, locale: string) => {
  const db = strapi.db.connection;
  const options = scoringOptions(strapi);
  const counts = (await db(TABLES.suggestStats).where({ locale }).select('term', 'df')) as Array<{ term: string; df: number | string }>;
  const df = new Map(counts.map((row) => [row.term, Number(row.df)]));
  const stats: IndexStats = { n: df.get('') ?? 0, df: (term) => df.get(term) ?? 0 };
  const rows = Number((await db(TABLES.suggestTerms).where({ locale }).count({ n: '*' }).first())?.n ?? 0);
  if (rows > MEMORY_ROWS) {
    const source: CandidateSource = engine.dbSource(locale);
    return async (story: StoryFeatures) => (await computeList(story, stats, source, options)).list;
  }
  const memory = await MemoryIndex.load(db, locale);
  return async (story: StoryFeatures) => {
    const planned = planQuery(story, stats, options);
    const candidates = memory.shortlist(story, planned, options);
    return scoreVectors(prepareStory(story, stats), memory.vectors(story, candidates), options, options.stored);
  };
};

/** Replaces the lists of a batch of stories that are still indexed (published). */
const writeLists = async (strapi: Core.Strapi, locale: string, lists: Map<string, ScoredStory[]>) => {
  await inTransaction(strapi, async (trx) => {
    const ids = [...lists.keys()];
    const live = new Set((await trx(TABLES.suggestDocs).where({ locale, indexed: 1 }).whereIn('document_id', ids).pluck('document_id')) as string[]);
    const owners = ids.filter((id) => live.has(id));
    if (owners.length === 0) return;
    await trx(TABLES.suggestions).where({ locale }).whereIn('document_id', owners).delete();
    await insertChunked(
      trx,
      TABLES.suggestions,
      owners.flatMap((owner) =>
        (lists.get(owner) ?? []).map((item) => ({ document_id: owner, locale, suggested_document_id: item.documentId, score: item.score, reasons: JSON.stringify(item.reasons) }))
      )
    );
    await trx(TABLES.suggestDocs).where({ locale }).whereIn('document_id', owners).update({ computed_at: Date.now() });
    await createStore(strapi).writeNeighbours(trx, locale, new Map(owners.map((owner) => [owner, topNeighbours(lists.get(owner) ?? [])])));
  });
};

/**
 * Fresh planner statistics after a bulk rebuild (PostgreSQL and MySQL sample; cheap). Until
 * autovacuum gets to it, a planner that believes the tables empty picks the wrong index.
 */
const analyze = async (strapi: Core.Strapi) => {
  const client = strapi.db.dialect.client as string;
  if (client !== 'postgres' && client !== 'mysql' && client !== 'mysql2') return;
  for (const table of [TABLES.suggestTerms, TABLES.suggestStats, TABLES.suggestDocs, TABLES.suggestions, TABLES.suggestJobs]) {
    await strapi.db.connection.raw(client === 'postgres' ? 'analyze ??' : 'analyze table ??', [table]);
  }
};
