import type { Core } from '@strapi/strapi';

import { getConfig } from '../../config';
import { flushTimer } from '../../utils/flush-timer';
import { TABLES } from '../../models';
import { deleteStoryRows, localeKey, retryOnDeadlock } from '../../utils/db';
import { getService } from '../../utils/services';
import { targetKey, ViewBuffer, type BufferedCount } from './buffer';
import { publishedLookup } from './lookup';
import { dayOf, viewStore, type ViewTarget } from './store';

export type { ViewTarget } from './store';

/** Write-through mode raises the Content Manager's copy every this many views (readers always get the exact count). */
const MIRROR_EVERY = 10;
/** Buffered mode raises it to each multiple of this many views the count passes. */
const MIRROR_STEP = 100;

/**
 * View counting. With `views.flushIntervalMs` > 0 (the default) a view is counted in process memory
 * and answered at once with the durable count plus this instance's unwritten views; a flush writes
 * each story's views with one `UPDATE ... views = views + n` per interval. With 0 every view is
 * written before it is answered (one atomic statement that returns the new count), which several
 * instances on one database need for globally distinct answers. Publish and unpublish recreate
 * article rows, so the count cannot live on them; `article.views` is a mirror for the Content Manager.
 */
const viewsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = viewStore(strapi);
  const buffer = new ViewBuffer();
  const loading = new Map<string, Promise<BufferedCount | null>>();
  const findPublishedRow = publishedLookup(strapi);
  const interval = () => (timer.stopped ? 0 : getConfig(strapi).views.flushIntervalMs);

  /** This instance's count of a story, read once from the database. */
  const entryOf = async (target: ViewTarget): Promise<BufferedCount | null> => {
    const key = targetKey(target);
    const known = buffer.entries.get(key);
    if (known) return known;
    let load = loading.get(key);
    if (!load) {
      load = (async () => {
        const base = await retryOnDeadlock(strapi, () => store.read(target));
        if (base === null) return null;
        const entry: BufferedCount = { target, base, pending: 0, inflight: 0, days: new Map(), touched: true };
        buffer.entries.set(key, entry);
        return entry;
      })().finally(() => loading.delete(key));
      loading.set(key, load);
    }
    return load;
  };

  const timer = flushTimer(strapi, 'views', () => getConfig(strapi).views.flushIntervalMs, async () => {
    const items = buffer.take();
    if (items.length === 0) return;
    let counts: Array<number | null>;
    try {
      counts = await retryOnDeadlock(strapi, () => store.writeMany(items.map((item) => ({ target: item.entry.target, n: item.n, days: item.days }))));
    } catch (error) {
      for (const item of items) buffer.failed(item);
      timer.schedule();
      throw error;
    }
    for (const [index, item] of items.entries()) {
      const views = counts[index];
      buffer.written(item, views);
      // Rewriting the article rows (bodies and all) each flush cost more than the views themselves: the mirror moves in steps.
      if (views !== null && Math.floor(views / MIRROR_STEP) > Math.floor((views - item.n) / MIRROR_STEP)) await store.mirror(item.entry.target, Math.floor(views / MIRROR_STEP) * MIRROR_STEP);
    }
    if (buffer.hasPending()) timer.schedule();
  });

  const service = {
    /**
     * The published story a public view is for, by slug or documentId, in `locale` or else the i18n
     * default locale (resolved inside the same statement); null when there is none.
     */
    async findPublished(slugOrId: string, locale: string | null): Promise<(ViewTarget & { slug: string }) | null> {
      return findPublishedRow(slugOrId, locale);
    },

    /** Adds one view and answers the count including it; `counted` is false when the dedupe window swallowed it. */
    async increment(target: ViewTarget, reader: () => string): Promise<{ views: number; counted: boolean }> {
      const counters = getService(strapi, 'counters');
      const shared = await counters.view(target, reader);
      if (shared) return shared;
      counters.countedAside();
      const counted = await service.firstInWindow(TABLES.viewHits, () => ({ ...store.keyOf(target), client: reader() }));
      if (interval() === 0) return service.writeThrough(target, counted);
      const entry = await entryOf(target);
      // Stopped while this view waited, or the story was deleted meanwhile.
      if (interval() === 0 || !entry) return service.writeThrough(target, counted);
      entry.touched = true;
      if (counted) {
        buffer.add(entry, dayOf(Date.now()));
        timer.schedule();
      }
      return { views: buffer.answer(entry), counted };
    },

    /** The count readers see now, this instance's unwritten views included (a crawler's answer). */
    async current(target: ViewTarget) {
      const shared = await getService(strapi, 'counters').current(target);
      if (shared !== null) return shared;
      return service.withUnflushed(target, (await store.read(target)) ?? 0);
    },

    /** One view written before it is answered. */
    async writeThrough(target: ViewTarget, counted: boolean): Promise<{ views: number; counted: boolean }> {
      if (!counted) return { views: await service.current(target), counted };
      const views = await retryOnDeadlock(strapi, () => store.write(target, 1, new Map([[dayOf(Date.now()), 1]])));
      if (views === null) return { views: 0, counted: false };
      // The mirror only moves up, so concurrent viewers may write it in any order, outside the counter's lock.
      if (views % MIRROR_EVERY === 0 || views <= MIRROR_EVERY) await store.mirror(target, views);
      return { views: service.withUnflushed(target, views), counted };
    },

    /** A count read from the database, raised by the views this instance answered and has not written yet. */
    withUnflushed(target: ViewTarget, durable: number) {
      const entry = buffer.entries.get(targetKey(target));
      return entry ? Math.max(durable + entry.pending, buffer.answer(entry)) : durable;
    },

    /** Writes every buffered view now (also on a timer, and in the plugin's destroy). */
    async flush() {
      await Promise.all([getService(strapi, 'counters').flush(), timer.flush()]);
    },

    /** Writes this instance's own buffer only (Redis's events stay where they are). */
    flushDatabase: () => timer.flush(),

    /** Clean shutdown: later views are written through, buffered ones are written now. */
    stop: () => timer.stop(),

    /** Creates a story's counter row ahead of its first view (at publish), seeded from the mirror. */
    async prepare(target: ViewTarget) {
      await strapi.db.transaction(({ trx }) => store.ensureCounter(trx, target));
    },

    /** Forgets the counters of a deleted story ('*': every locale). */
    /** A story was written here: the next view asks the database which stories are published. */
    forgetLookups() {
      findPublishedRow.clear();
    },

    async forget(documentId: string, locale: string | '*') {
      findPublishedRow.clear();
      await getService(strapi, 'counters').forget(locale === '*' ? { documentId, locale } : { documentId, locale: locale || null });
      for (const [key, entry] of buffer.entries) {
        if (entry.target.documentId === documentId && (locale === '*' || localeKey(entry.target.locale) === localeKey(locale))) buffer.entries.delete(key);
      }
      await deleteStoryRows(strapi, [TABLES.viewCounts, TABLES.viewHits, TABLES.viewDays], documentId, locale);
    },

    /** Stories with the most views since `days` days ago (UTC days), most first; buffered views join at the next flush. */
    async mostRead(days: number, locale: string | null, limit: number) {
      const since = dayOf(Date.now()) - days + 1;
      const query = strapi.db
        .connection(TABLES.viewDays)
        .where('day', '>=', since)
        .groupBy('document_id', 'locale')
        .orderBy([{ column: 'views', order: 'desc' }, { column: 'document_id' }])
        .limit(limit)
        .select('document_id', 'locale')
        .sum({ views: 'views' });
      if (locale) query.andWhere('locale', locale);
      const rows = (await query) as Array<{ document_id: string; locale: string; views: number | string }>;
      return rows.map((row) => ({ documentId: row.document_id, locale: row.locale || null, views: Number(row.views) }));
    },

    /** Whether a reader's event counts: false within the dedupe window of their last counted one (`key` names the event's hits row, reader included; read only when there is a window). */
    async firstInWindow(table: string, key: () => Record<string, string>) {
      const { dedupeWindowSeconds } = getConfig(strapi).views;
      if (dedupeWindowSeconds === 0) return true;
      const row = key();
      return retryOnDeadlock(strapi, () => store.firstInWindow(table, row, dedupeWindowSeconds));
    },

    /** Drops dedupe rows older than the window; they can never swallow a view again. */
    async pruneHits() {
      const { dedupeWindowSeconds } = getConfig(strapi).views;
      await strapi.db.connection(TABLES.viewHits).where('seen_at', '<', Date.now() - dedupeWindowSeconds * 1000).delete();
    },
  };
  return service;
};

export type ViewsService = ReturnType<typeof viewsService>;
export default viewsService;
