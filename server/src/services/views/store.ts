import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { TABLES } from '../../models';
import { insertOrIgnore, isMysql, isPostgres, localeKey, tableOf } from '../../utils/db';

export interface ViewTarget {
  documentId: string;
  locale: string | null;
}

export const DAY_MS = 24 * 3600 * 1000;
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

type Db = Knex | Knex.Transaction;

/** Views of one story to add: `n` in all, `days` per UTC day. */
export interface ViewItem {
  target: ViewTarget;
  n: number;
  days: Map<number, number>;
}

/** A view is not worth a disk flush while counter rows are locked: PostgreSQL may return before its WAL write. */
export const relaxCommit = async (strapi: Core.Strapi, trx: Knex.Transaction) => {
  if (isPostgres(strapi)) await trx.raw('set local synchronous_commit to off');
};

/**
 * The SQL of view counting. The count of a story lives in one row of the plugin's own table and moves
 * by `UPDATE ... SET views = views + n` only: never read-modify-write, never a Document Service update
 * (which rewrites relations and fires every hook, strapi/strapi#22703).
 */
export const viewStore = (strapi: Core.Strapi) => {
  const articles = () => tableOf(strapi, UIDS.article);
  const keyOf = (target: ViewTarget) => ({ document_id: target.documentId, locale: localeKey(target.locale) });
  const articleRows = (db: Db, target: ViewTarget) => {
    const { name, column } = articles();
    const rows = db(name).where(column('documentId'), target.documentId);
    if (target.locale) rows.andWhere(column('locale'), target.locale);
    return rows;
  };

  /** True when the insert wrote a row (false when the unique key already existed). */
  const insertIgnore = (trx: Db, table: string, row: Record<string, unknown>, key: string[]) => insertOrIgnore(strapi, trx, table, row, key);

  /** Adds `n` to the counter row and answers the new count in the same statement, or null when the row does not exist. */
  const addToCounter = async (trx: Knex.Transaction, target: ViewTarget, n: number): Promise<number | null> => {
    const rows = trx(TABLES.viewCounts).where(keyOf(target));
    if (!isMysql(strapi)) {
      const returned = (await rows.increment('views', n).returning('views')) as Array<{ views: number | string }>;
      return returned.length ? Number(returned[0].views) : null;
    }
    // MySQL has no RETURNING: LAST_INSERT_ID(expr) hands the new value to the same connection.
    const changed = (await rows.update({ views: trx.raw('LAST_INSERT_ID(?? + ?)', ['views', n]) })) as number;
    if (changed === 0) return null;
    const [result] = (await trx.raw('select LAST_INSERT_ID() as views')) as unknown as [Array<{ views: number | string }>];
    return Number(result[0].views);
  };

  /** Creates the counter row, seeded from the count the story came with (e.g. 247), unless it exists or the story has no row left: one statement. */
  const ensureCounter = async (trx: Db, target: ViewTarget): Promise<void> => {
    const { column } = articles();
    const seed = articleRows(trx, target)
      .groupBy(column('documentId'))
      .select(trx.raw('? as ??', [target.documentId, 'document_id']), trx.raw('? as ??', [localeKey(target.locale), 'locale']), trx.raw('coalesce(max(??), 0) as ??', [column('views'), 'views']))
      .toSQL();
    const verb = isMysql(strapi) ? 'insert ignore into' : 'insert into';
    const onConflict = isMysql(strapi) ? '' : ' on conflict (document_id, locale) do nothing';
    await trx.raw(`${verb} ?? (document_id, locale, views) ${seed.sql}${onConflict}`, [TABLES.viewCounts, ...seed.bindings]);
  };

  /** Raises the Content Manager's copy of the count; it only moves up, so writers may arrive in any order. */
  const mirror = async (target: ViewTarget, views: number) => {
    const viewsColumn = articles().column('views');
    await articleRows(strapi.db.connection, target)
      .where((q) => q.where(viewsColumn, '<', views).orWhereNull(viewsColumn))
      .update({ [viewsColumn]: views });
  };

  /** Adds `n` views (`days`: how many per UTC day) in `trx` and answers the new count; null when the story was deleted meanwhile (its views go with it). */
  const addViews = async (trx: Knex.Transaction, target: ViewTarget, n: number, days: Map<number, number>): Promise<number | null> => {
    let views = await addToCounter(trx, target, n);
    if (views === null) {
      await ensureCounter(trx, target);
      views = await addToCounter(trx, target, n);
      if (views === null) return null;
    }
    for (const [day, count] of days) {
      await trx(TABLES.viewDays)
        .insert({ ...keyOf(target), day, views: count })
        .onConflict(['document_id', 'locale', 'day'])
        .merge({ views: trx.raw('?? + ?', [`${TABLES.viewDays}.views`, count]) });
    }
    return views;
  };

  /** Several stories' views in one short transaction, in key order (concurrent flushes lock rows in the same order); the new counts in the order given. */
  const writeIn = async (trx: Knex.Transaction, items: ViewItem[]): Promise<Array<number | null>> => {
    const order = items.map((item, index) => ({ item, index })).sort((a, b) => (`${a.item.target.documentId}\u0000${a.item.target.locale}` < `${b.item.target.documentId}\u0000${b.item.target.locale}` ? -1 : 1));
    const counts: Array<number | null> = new Array(items.length).fill(null);
    for (const { item, index } of order) counts[index] = await addViews(trx, item.target, item.n, item.days);
    return counts;
  };

  const writeMany = async (items: ViewItem[]): Promise<Array<number | null>> =>
    (await strapi.db.transaction(async ({ trx }) => {
      await relaxCommit(strapi, trx);
      return writeIn(trx, items);
    })) as Array<number | null>;

  /** One story's views in one short transaction. */
  const write = async (target: ViewTarget, n: number, days: Map<number, number>): Promise<number | null> => (await writeMany([{ target, n, days }]))[0];

  /** Durable count of a story, creating its counter row on first use; null when the story is gone. */
  const read = async (target: ViewTarget): Promise<number | null> => {
    const found = (await strapi.db.connection(TABLES.viewCounts).where(keyOf(target)).first('views')) as { views: number | string } | undefined;
    return found ? Number(found.views) : write(target, 0, new Map());
  };

  /** True unless the same reader was counted within the window (`key`: the hits table's unique key, reader included). */
  const firstInWindow = async (table: string, key: Record<string, string>, windowSeconds: number): Promise<boolean> =>
    (await strapi.db.transaction(async ({ trx }) => {
      const now = Date.now();
      // A stale hit is refreshed by a conditional update; concurrent requests re-check the condition under the row lock.
      const refreshed = await trx(table).where(key).andWhere('seen_at', '<=', now - windowSeconds * 1000).update({ seen_at: now });
      if (refreshed > 0) return true;
      return insertIgnore(trx, table, { ...key, seen_at: now }, Object.keys(key));
    })) as boolean;

  return { keyOf, insertIgnore, ensureCounter, mirror, write, writeIn, writeMany, read, firstInWindow };
};

export type ViewStore = ReturnType<typeof viewStore>;
