import type { Core } from '@strapi/strapi';

import { PLUGIN_ID, UIDS } from '../../../../shared/manifest';
import { TAG_MAX } from '../../../../shared/schemas/article-fields';
import { readJson, readTags } from '../../utils/columns';
import { inTransaction, tableOf } from '../../utils/db';
import { getService } from '../../utils/services';

/** The last article row id already carried over: rows above it were written since (or by an older version). */
const CHECKPOINT = { type: 'plugin', name: PLUGIN_ID, key: 'tags-carried-over-to' } as const;
const BATCH = 500;

interface Row {
  id: number;
  documentId: string;
  locale: string | null;
  tags: unknown;
}

/** The names a stored `tags` value holds, in either shape; a lone string (never valid, but kept) is one name. */
const storedNames = (value: unknown): string[] => {
  const parsed = readJson(value);
  const names = typeof parsed === 'string' ? [parsed] : readTags(parsed);
  return names.map((name) => name.trim().replace(/\s+/g, ' ').slice(0, TAG_MAX)).filter(Boolean);
};

/**
 * Turns every story's tags stored as bare names (`["ОИС", "оис", "МИД РК"]`, as versions before the
 * catalogue wrote them) into catalogue tags (`[{ name: "ОИС", slug: "ois" }, { name: "МИД РК", … }]`),
 * draft and published rows alike, without going through the Document Service (no publish, no
 * history entry, no `updatedAt` change). A name spelled twice is one tag, the first spelling kept.
 * Runs on every boot from the last row it saw, so it is idempotent and costs nothing once done.
 */
export const carryOver = async (strapi: Core.Strapi): Promise<number> => {
  const articles = tableOf(strapi, UIDS.article);
  const a = articles.column;
  const tags = getService(strapi, 'tags');
  let after = Number((await strapi.store.get(CHECKPOINT)) ?? 0);
  const changed = new Set<string>();
  for (;;) {
    const rows = (await strapi.db
      .connection(articles.name)
      .where(a('id'), '>', after)
      .orderBy(a('id'), 'asc')
      .limit(BATCH)
      .select({ id: a('id'), documentId: a('documentId'), locale: a('locale'), tags: a('tags') })) as Row[];
    if (rows.length === 0) break;
    await inTransaction(strapi, async (trx) => {
      for (const row of rows) {
        const names = storedNames(row.tags);
        const stored = readJson(row.tags);
        if (names.length === 0 && (stored === null || (Array.isArray(stored) && stored.length === 0))) continue;
        const resolved = await tags.resolve(names, row.locale);
        if (JSON.stringify(resolved) === JSON.stringify(stored)) continue;
        await trx(articles.name).where(a('id'), row.id).update({ [a('tags')]: JSON.stringify(resolved) });
        changed.add(row.documentId);
      }
    });
    after = Number(rows[rows.length - 1].id);
    await strapi.store.set({ ...CHECKPOINT, value: after });
  }
  // The folded tag index of published stories follows the rewritten rows.
  for (const documentId of changed) await getService(strapi, 'search-index').refresh(documentId);
  if (changed.size > 0) strapi.log.info(`[${PLUGIN_ID}] tags of ${changed.size} stories carried over to the tag catalogue`);
  return changed.size;
};

