import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { formatDisplayDate, type DisplayLanguage } from '../../../../shared/dates';
import type { PublicRelatedStory } from '../../../../shared/contracts/public-api';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { toIso } from '../../utils/columns';
import { tableOf } from '../../utils/db';
import { compiledRead } from '../../utils/fixed-reads';
import { getService } from '../../utils/services';
import { pageKeys, type KeySet } from '../pages/keys';

/** A row of a published related list: an external link (`url`) or a published target story. */
export interface RelatedRow {
  url: string | null;
  label: string | null;
  target: string | null;
  slug: string | null;
  title: string | null;
  publication_date: unknown;
}

/**
 * The published list of the story `documentId` in `locale` ('' without i18n): only published targets
 * and external links, in the editor's order, at most `limit`. `kind` and `ord` let a caller union it
 * with other rows (the story page adds its corrections).
 */
export const relatedQuery = (strapi: Core.Strapi, db: Knex, documentId: string, locale: string, limit: number, localized: boolean) => {
  const articles = tableOf(strapi, UIDS.article);
  const t = (attribute: string) => `t.${articles.column(attribute)}`;
  return db({ l: TABLES.relatedLinks })
    .leftJoin({ t: articles.name }, function joinTargets() {
      // A plain comparison with a locale lets the documents index take both columns; coalesce() only without i18n.
      if (localized) this.on(t('documentId'), '=', 'l.target').andOn(t('locale'), '=', 'l.article_locale');
      else this.on(t('documentId'), '=', 'l.target').andOn('l.article_locale', '=', db.raw(`coalesce(??, '')`, [t('locale')]));
      this.andOnNotNull(t('publishedAt'));
    })
    .where({ 'l.article': documentId, 'l.article_locale': locale, 'l.version': 'published' })
    .andWhere((q) => q.whereNotNull('l.url').orWhereNotNull(t('id')))
    .orderBy([{ column: 'l.position' }, { column: 'l.id' }])
    .limit(limit)
    .select({ kind: db.raw(`'related'`), ord: 'l.position', row_id: 'l.id', url: 'l.url', label: 'l.label', target: 'l.target', slug: t('slug'), title: t('title'), publication_date: t('publicationDate') });
};

const readRelated = compiledRead((strapi, db, { limit, localized }: { limit: number; localized: boolean }, param: (name: 'documentId' | 'locale') => string) =>
  relatedQuery(strapi, db, param('documentId'), param('locale'), limit, localized)
);

/** Readers' entries of a story's published related rows; with autoFill, stored suggestions after the picks. */
export const toRelated = async (strapi: Core.Strapi, db: Knex, rows: RelatedRow[], documentId: string, locale: string | null, lang: DisplayLanguage, keys?: KeySet): Promise<PublicRelatedStory[]> => {
  const { maxRelated, timeZone, publicPath, suggestions } = getConfig(strapi);
  const picks = rows.map((row): PublicRelatedStory => {
    if (row.url) return { title: row.label ?? row.url, slug: null, url: row.url, publicationDate: null, displayDate: null, external: true, suggested: false };
    const publicationDate = toIso(row.publication_date);
    keys?.add(pageKeys.story(row.target ?? '', locale));
    return {
      title: row.label || row.title || '',
      slug: row.slug,
      url: publicPath.replace(':slug', encodeURIComponent(row.slug ?? '')),
      publicationDate,
      displayDate: formatDisplayDate(publicationDate, lang, timeZone),
      external: false,
      suggested: false,
    };
  });
  // Suggestions after the editor's picks, never repeating one; one more query.
  const room = Math.min(suggestions.autoFillTo, maxRelated) - picks.length;
  if (!suggestions.autoFill || room <= 0) return picks;
  const exclude = rows.map((row) => row.target).filter((target): target is string => Boolean(target));
  return [...picks, ...(await getService(strapi, 'suggestions').fillRelated(db, { documentId, locale }, exclude, room, lang, keys))];
};

/**
 * A story's published related list as readers get it: only published targets and external links,
 * in the editor's order, at most maxRelated; with autoFill, stored suggestions after the picks.
 */
export const loadRelated = async (strapi: Core.Strapi, db: Knex, documentId: string, locale: string | null, lang: DisplayLanguage, keys?: KeySet): Promise<PublicRelatedStory[]> => {
  const rows = await readRelated<RelatedRow>(strapi, db, { limit: getConfig(strapi).maxRelated, localized: locale !== null }, { documentId, locale: locale ?? '' });
  return toRelated(strapi, db, rows, documentId, locale, lang, keys);
};
