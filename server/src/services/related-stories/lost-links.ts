import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../shared/manifest';
import { TABLES } from '../../models';
import { inTransaction, isSqlite, localeKey, tableOf } from '../../utils/db';
import { listStore, type ListOwner, type ListVersion } from './list-store';

/**
 * Removes a deleted story from every list that cited it and records each removal, so editors can
 * see what was lost. `titles` are the story's titles per locale, read before it was deleted.
 */
export const removeDeletedTarget = (strapi: Core.Strapi, target: string, locale: string | '*', titles: Map<string, string>) =>
  inTransaction(strapi, async (trx) => {
    const { links, advanceRevision } = listStore(strapi);
    const where = { target, ...(locale === '*' ? {} : { articleLocale: localeKey(locale) }) };
    // A locking read: on MySQL a plain read would use this transaction's older snapshot and miss
    // entries a concurrent save committed while the delete waited for it.
    const { name: linkTable, column: linkColumn } = tableOf(strapi, UIDS.relatedLink);
    const citedQuery = trx(linkTable)
      .where(linkColumn('target'), target)
      .select({ article: linkColumn('article'), articleLocale: linkColumn('articleLocale'), version: linkColumn('version'), position: linkColumn('position'), label: linkColumn('label') });
    if (locale !== '*') citedQuery.andWhere(linkColumn('articleLocale'), localeKey(locale));
    if (!isSqlite(strapi)) citedQuery.forUpdate();
    const cited = (await citedQuery) as Array<{ article: string; articleLocale: string | null; version: ListVersion; position: number; label: string | null }>;
    if (cited.length === 0) return 0;
    const now = new Date();
    await trx(TABLES.lostLinks).insert(
      cited.map((row) => ({
        article: row.article,
        article_locale: row.articleLocale ?? '',
        version: row.version,
        position: row.position,
        target,
        target_title: (titles.get(row.articleLocale ?? '') ?? '').slice(0, 255),
        label: row.label ?? null,
        reason: 'target-deleted',
        lost_at: now,
      }))
    );
    await links().deleteMany({ where });
    const drafts = new Map<string, ListOwner>();
    for (const row of cited) {
      if (row.version === 'draft') drafts.set(`${row.article}\u0000${row.articleLocale}`, { documentId: row.article, locale: row.articleLocale });
    }
    for (const owner of drafts.values()) await advanceRevision(trx, owner);
    return cited.length;
  });

/** Removals recorded by `removeDeletedTarget`, newest first. */
export const readLostLinks = (strapi: Core.Strapi, options: { since?: Date; limit?: number } = {}) =>
  inTransaction(strapi, (trx) => {
    const query = trx(TABLES.lostLinks).orderBy('lost_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 50);
    if (options.since) query.where('lost_at', '>=', options.since);
    return query.select('article', 'article_locale', 'version', 'position', 'target', 'target_title', 'label', 'reason', 'lost_at');
  });
