import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { formatDisplayDate, type DisplayLanguage } from '../../../../shared/dates';
import type { PublicRelatedStory } from '../../../../shared/contracts/public-api';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { toIso } from '../../utils/columns';
import { tableOf } from '../../utils/db';
import { getService } from '../../utils/services';
import { pageKeys, type KeySet } from '../pages/keys';

/**
 * A story's published related list as readers get it: only published targets and external links,
 * in the editor's order, at most maxRelated; with autoFill, stored suggestions after the picks.
 */
export const loadRelated = async (strapi: Core.Strapi, db: Knex, documentId: string, locale: string | null, lang: DisplayLanguage, keys?: KeySet): Promise<PublicRelatedStory[]> => {
  const articles = tableOf(strapi, UIDS.article);
  const t = (attribute: string) => `t.${articles.column(attribute)}`;
  const { maxRelated, timeZone, publicPath, suggestions } = getConfig(strapi);
  const rows = (await db({ l: TABLES.relatedLinks })
    .leftJoin({ t: articles.name }, function joinTargets() {
      this.on(t('documentId'), '=', 'l.target')
        .andOn('l.article_locale', '=', db.raw(`coalesce(??, '')`, [t('locale')]))
        .andOnNotNull(t('publishedAt'));
    })
    .where({ 'l.article': documentId, 'l.article_locale': locale ?? '', 'l.version': 'published' })
    .andWhere((q) => q.whereNotNull('l.url').orWhereNotNull(t('id')))
    .orderBy([{ column: 'l.position' }, { column: 'l.id' }])
    .limit(maxRelated)
    .select({ url: 'l.url', label: 'l.label', target: 'l.target', slug: t('slug'), title: t('title'), publication_date: t('publicationDate') })) as Array<{
    url: string | null;
    label: string | null;
    target: string | null;
    slug: string | null;
    title: string | null;
    publication_date: unknown;
  }>;
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
