import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';

import { UIDS } from '../../../shared/manifest';
import { getConfig } from '../config';
import { inTransaction, isMysql, isPostgres, localeKey, retryOnDeadlock, tableOf } from '../utils/db';
import { TABLES } from '../models';

const DAY_MS = 24 * 3600 * 1000;
/** The Content Manager's copy of the count is raised every this many views (readers always get the exact count). */
const MIRROR_EVERY = 10;

export interface ViewTarget {
  documentId: string;
  locale: string | null;
}

/**
 * View counting. The count of a story lives in one row of the plugin's own table and moves by
 * `UPDATE ... SET views = views + 1` only: never read-modify-write, never a Document Service update
 * (which rewrites relations and fires every hook, strapi/strapi#22703). Publish and unpublish
 * delete and recreate article rows, so the count cannot live on them; `article.views` is a mirror
 * for the Content Manager that only ever moves up.
 */
const viewsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const articles = () => tableOf(strapi, UIDS.article);

  /** True when the insert wrote a row (false when the unique key already existed). */
  const insertIgnore = async (trx: Knex.Transaction, table: string, row: Record<string, unknown>, key: string[]) => {
    const query = trx(table).insert(row).onConflict(key).ignore();
    if (isMysql(strapi)) {
      const [insertId] = (await query) as number[];
      return insertId > 0;
    }
    const returned = (await query.returning('id')) as unknown[];
    return returned.length > 0;
  };

  /** Counts a view from `client` unless the same client was counted within the window. */
  const firstInWindow = async (trx: Knex.Transaction, target: ViewTarget, client: string, windowSeconds: number) => {
    const now = Date.now();
    const key = { document_id: target.documentId, locale: localeKey(target.locale), client };
    // A stale hit is refreshed by a conditional update; concurrent requests re-check the condition under the row lock.
    const refreshed = await trx(TABLES.viewHits).where(key).andWhere('seen_at', '<=', now - windowSeconds * 1000).update({ seen_at: now });
    if (refreshed > 0) return true;
    return insertIgnore(trx, TABLES.viewHits, { ...key, seen_at: now }, ['document_id', 'locale', 'client']);
  };

  return {
    /** A stable, non-reversible id of a reader: hash of address and user agent. */
    clientId(ip: string, userAgent: string | undefined) {
      return createHash('sha256').update(`${ip}\u0000${userAgent ?? ''}`).digest('hex').slice(0, 32);
    },

    /** The published story a public view is for, by slug or documentId; null when there is none. */
    async findPublished(slugOrId: string, locale: string | null): Promise<ViewTarget | null> {
      const { name, column } = articles();
      const query = strapi.db
        .connection(name)
        .whereNotNull(column('publishedAt'))
        .andWhere((q) => q.where(column('slug'), slugOrId).orWhere(column('documentId'), slugOrId))
        .first({ documentId: column('documentId'), locale: column('locale') });
      if (locale) query.andWhere(column('locale'), locale);
      const row = (await query) as { documentId: string; locale: string | null } | undefined;
      return row ? { documentId: row.documentId, locale: row.locale } : null;
    },

    /**
     * Adds one view and answers the new count; `counted` is false when the dedupe window swallowed it.
     * One short transaction moves the counter (and the day counter); the mirror is raised after it.
     */
    async increment(target: ViewTarget, client: string): Promise<{ views: number; counted: boolean }> {
      // MySQL may pick concurrent first viewers of a story (or of a day) as deadlock victims: try again.
      return retryOnDeadlock(strapi, () => this.incrementOnce(target, client));
    },

    async incrementOnce(target: ViewTarget, client: string): Promise<{ views: number; counted: boolean }> {
      const { dedupeWindowSeconds } = getConfig(strapi).views;
      const { name, column } = articles();
      const outcome = await inTransaction(strapi, async (trx) => {
        // A view is not worth a disk flush while the counter row is locked: PostgreSQL may return before its WAL write.
        if (isPostgres(strapi)) await trx.raw('set local synchronous_commit to off');
        const key = { document_id: target.documentId, locale: localeKey(target.locale) };
        const articleRows = trx(name).where(column('documentId'), target.documentId);
        if (target.locale) articleRows.andWhere(column('locale'), target.locale);

        const counted = dedupeWindowSeconds === 0 || (await firstInWindow(trx, target, client, dedupeWindowSeconds));
        if (counted) {
          // The common path is one UPDATE that takes the row's write lock at once; a read-then-insert
          // first would take a shared lock and deadlock concurrent viewers on MySQL.
          if ((await trx(TABLES.viewCounts).where(key).increment('views', 1)) === 0) {
            // First view since install or import: start from the count the story came with (e.g. 247).
            const seed = (await articleRows.clone().max({ views: column('views') }).first()) as { views: number | null } | undefined;
            await insertIgnore(trx, TABLES.viewCounts, { ...key, views: Number(seed?.views ?? 0) }, ['document_id', 'locale']);
            await trx(TABLES.viewCounts).where(key).increment('views', 1);
          }
          // One upsert statement: the day's row is new for the first viewers of each day, who arrive together.
          await trx(TABLES.viewDays)
            .insert({ ...key, day: Math.floor(Date.now() / DAY_MS), views: 1 })
            .onConflict(['document_id', 'locale', 'day'])
            .merge({ views: trx.raw('?? + 1', [`${TABLES.viewDays}.views`]) });
        }
        const row = (await trx(TABLES.viewCounts).where(key).first('views')) as { views: number | string } | undefined;
        const views = Number(row?.views ?? 0);
        return { views, counted };
      });
      if (outcome.counted && (outcome.views % MIRROR_EVERY === 0 || outcome.views <= MIRROR_EVERY)) {
        // The mirror only moves up, so concurrent viewers may write it in any order, outside the counter's lock.
        await inTransaction(strapi, async (trx) => {
          if (isPostgres(strapi)) await trx.raw('set local synchronous_commit to off');
          const viewsColumn = column('views');
          const rows = trx(name).where(column('documentId'), target.documentId);
          if (target.locale) rows.andWhere(column('locale'), target.locale);
          await rows.where((q) => q.where(viewsColumn, '<', outcome.views).orWhereNull(viewsColumn)).update({ [viewsColumn]: outcome.views });
        });
      }
      return outcome;
    },

    /** Current counts for several stories in one query (missing → the mirror's value is used by callers). */
    async counts(targets: ViewTarget[]): Promise<Map<string, number>> {
      const result = new Map<string, number>();
      if (targets.length === 0) return result;
      const rows = (await strapi.db
        .connection(TABLES.viewCounts)
        .whereIn('document_id', [...new Set(targets.map((t) => t.documentId))])
        .select('document_id', 'locale', 'views')) as Array<{ document_id: string; locale: string; views: number | string }>;
      for (const row of rows) result.set(`${row.document_id}\u0000${row.locale}`, Number(row.views));
      return result;
    },

    /** Creates a story's counter row ahead of its first view (at publish), seeded from the mirror. */
    async prepare(target: ViewTarget) {
      const { name, column } = articles();
      await inTransaction(strapi, async (trx) => {
        const rows = trx(name).where(column('documentId'), target.documentId);
        if (target.locale) rows.andWhere(column('locale'), target.locale);
        const seed = (await rows.max({ views: column('views') }).first()) as { views: number | null } | undefined;
        await insertIgnore(trx, TABLES.viewCounts, { document_id: target.documentId, locale: localeKey(target.locale), views: Number(seed?.views ?? 0) }, ['document_id', 'locale']);
      });
    },

    /** Forgets the counters of a deleted story ('*': every locale). */
    async forget(documentId: string, locale: string | '*') {
      await inTransaction(strapi, async (trx) => {
        for (const table of [TABLES.viewCounts, TABLES.viewHits, TABLES.viewDays]) {
          const query = trx(table).where({ document_id: documentId });
          if (locale !== '*') query.andWhere({ locale: localeKey(locale) });
          await query.delete();
        }
      });
    },

    /** Stories with the most views since `days` days ago (UTC days), most first. */
    async mostRead(days: number, locale: string | null, limit: number) {
      const since = Math.floor(Date.now() / DAY_MS) - days + 1;
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

    /** Drops dedupe rows older than the window; they can never swallow a view again. */
    async pruneHits() {
      const { dedupeWindowSeconds } = getConfig(strapi).views;
      await strapi.db.connection(TABLES.viewHits).where('seen_at', '<', Date.now() - dedupeWindowSeconds * 1000).delete();
    },
  };
};

export type ViewsService = ReturnType<typeof viewsService>;
export default viewsService;
