import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import type { StoryHit } from '../../../shared/contracts/admin';
import { loadBylineNames } from '../utils/bylines';
import { readTags, toIso, toMs } from '../utils/columns';
import { inTransaction, localeKey, tableOf } from '../utils/db';
import { containsPattern, foldText } from '../utils/fold';
import { TABLES } from '../models';


const toDate = (value: unknown) => {
  const ms = toMs(value);
  return ms === null ? null : new Date(ms);
};

/** What a refresh rewrites: everything, a new document's rows, or the tags of published locales (`rows`: the publish's own answer, when it has them). */
export type IndexScope = { kind: 'all' } | { kind: 'new'; rows?: IndexRow[] } | { kind: 'published'; locales: string[]; first?: boolean; rows?: IndexRow[] };

/** A story row as the index reads it (a created draft as the Document Service answered it). */
export interface IndexRow {
  locale: string | null;
  title: string | null;
  tags: unknown;
  publishedAt: unknown;
  publicationDate: unknown;
}

/**
 * Folded copies of what the editors search and readers filter on, kept by the document hooks:
 * the draft title of every story (search) and the tags of every published story (filters).
 */
const searchIndexService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Rewrites the index rows of a story's locales from its current rows. `scope` narrows it to what the
   * write could change: `new` (a created document has no index rows yet: nothing to delete) or
   * `published` (a publish of these locales leaves the drafts' titles as they were: only their tags).
   */
  async refresh(documentId: string, scope: IndexScope = { kind: 'all' }) {
    await inTransaction(strapi, async (trx) => {
      const published = scope.kind === 'published';
      const locales = published ? scope.locales.filter(Boolean) : [];
      const given = scope.kind === 'all' ? undefined : scope.rows;
      const rows = given ?? ((await strapi.db.query(UIDS.article).findMany({
        where: { documentId, ...(published ? { publishedAt: { $notNull: true } } : {}), ...(locales.length > 0 ? { locale: { $in: locales } } : {}) },
        select: ['locale', 'title', 'tags', 'publishedAt', 'publicationDate'],
      })) as IndexRow[]);
      if (scope.kind === 'all') await trx(TABLES.search).where({ document_id: documentId }).delete();
      // Tag rows follow published versions: a first publish has none to delete.
      if (scope.kind === 'all' || (published && !scope.first)) {
        const stale = trx(TABLES.tags).where({ document_id: documentId });
        if (published) stale.whereIn('locale', scope.locales.map(localeKey));
        await stale.delete();
      }
      const drafts = published ? [] : rows.filter((row) => row.publishedAt === null || row.publishedAt === undefined);
      if (drafts.length > 0) {
        await trx(TABLES.search).insert(drafts.map((row) => ({ document_id: documentId, locale: localeKey(row.locale), folded: foldText(row.title ?? '') })));
      }
      const tags = rows
        .filter((row) => row.publishedAt)
        .flatMap((row) => readTags(row.tags).map((tag) => ({ document_id: documentId, locale: localeKey(row.locale), tag, tag_key: foldText(tag), publication_date: toDate(row.publicationDate) })));
      if (tags.length > 0) await trx(TABLES.tags).insert(tags);
    });
  },

  async remove(documentId: string, locale: string | '*') {
    await inTransaction(strapi, async (trx) => {
      for (const table of [TABLES.search, TABLES.tags]) {
        const query = trx(table).where({ document_id: documentId });
        if (locale !== '*') query.andWhere({ locale: localeKey(locale) });
        await query.delete();
      }
    });
  },

  /** Indexes stories that have no index row yet (installs over existing data, imports), and dates tag rows written before they carried the date. */
  async backfill() {
    const articles = tableOf(strapi, UIDS.article);
    const undated = (await strapi.db
      .connection({ t: TABLES.tags })
      .join({ a: articles.name }, `a.${articles.column('documentId')}`, 't.document_id')
      .whereNull('t.publication_date')
      .whereNotNull(`a.${articles.column('publishedAt')}`)
      .whereNotNull(`a.${articles.column('publicationDate')}`)
      .distinct('t.document_id')
      .pluck('t.document_id')) as string[];
    for (const documentId of undated) await this.refresh(documentId);
    const missing = (await strapi.db
      .connection(articles.name)
      .distinct(articles.column('documentId'))
      .whereNotExists(strapi.db.connection(TABLES.search).whereRaw('?? = ??', [`${TABLES.search}.document_id`, `${articles.name}.${articles.column('documentId')}`]).select(strapi.db.connection.raw('1')))
      .pluck(articles.column('documentId'))) as string[];
    for (const documentId of missing) await this.refresh(documentId);
    return missing.length;
  },

  /**
   * Stories whose title contains `query` anywhere (case-insensitive, ё = е), newest first, leaving
   * out `exclude` (the story itself and what its list already holds). Three queries.
   */
  async search(query: string, locale: string | null, exclude: string[], limit: number): Promise<StoryHit[]> {
    const db = strapi.db.connection;
    const articles = tableOf(strapi, UIDS.article);
    const a = (attribute: string) => `a.${articles.column(attribute)}`;
    const found = db({ s: TABLES.search })
      .join({ a: articles.name }, function joinDrafts() {
        this.on(a('documentId'), '=', 's.document_id')
          .andOn('s.locale', '=', db.raw(`coalesce(??, '')`, [a('locale')]))
          .andOnNull(a('publishedAt'));
      })
      .where('s.locale', localeKey(locale))
      .whereRaw(`s.folded like ? escape '!'`, [containsPattern(query)])
      .orderByRaw(`case when ?? is null then 1 else 0 end`, [a('publicationDate')])
      .orderBy([{ column: a('publicationDate'), order: 'desc' }, { column: a('id'), order: 'desc' }])
      .limit(limit)
      .select({ id: a('id'), documentId: a('documentId'), locale: a('locale'), title: a('title'), slug: a('slug'), publicationDate: a('publicationDate'), updatedAt: a('updatedAt') });
    if (exclude.length > 0) found.whereNotIn('s.document_id', exclude);
    const rows = (await found) as Array<{ id: number; documentId: string; locale: string | null; title: string; slug: string | null; publicationDate: unknown; updatedAt: unknown }>;
    if (rows.length === 0) return [];

    const published = (await db(articles.name)
      .whereIn(articles.column('documentId'), rows.map((row) => row.documentId))
      .whereNotNull(articles.column('publishedAt'))
      .select({ documentId: articles.column('documentId'), locale: articles.column('locale'), updatedAt: articles.column('updatedAt') })) as Array<{ documentId: string; locale: string | null; updatedAt: unknown }>;
    const publishedAt = new Map(published.map((row) => [`${row.documentId}\u0000${row.locale ?? ''}`, toMs(row.updatedAt) ?? 0]));

    const bylines = await loadBylineNames(strapi, rows.map((row) => row.id));
    return rows.map((row) => {
      const publishedUpdate = publishedAt.get(`${row.documentId}\u0000${row.locale ?? ''}`);
      const draftUpdate = toMs(row.updatedAt) ?? 0;
      const status: StoryHit['status'] = publishedUpdate === undefined ? 'draft' : draftUpdate > publishedUpdate + 1000 ? 'modified' : 'published';
      return {
        documentId: row.documentId,
        locale: row.locale,
        title: row.title,
        slug: row.slug,
        publicationDate: toIso(row.publicationDate),
        status,
        correspondents: bylines.get(Number(row.id)) ?? [],
      };
    });
  },
});

export type SearchIndexService = ReturnType<typeof searchIndexService>;
export default searchIndexService;
