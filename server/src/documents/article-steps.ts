import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { bylineRoles, tagList } from '../../../shared/schemas/article-fields';
import { articleScope } from '../services/slug';
import { defaultLocale } from '../utils/locale';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** The steps the article middleware (article.ts) runs around an action: field rules, slugs, dates, and what follows a publish. */

export type Data = Record<string, unknown>;

/** The parameters the article actions carry; the Document Service's own types are per-action unions. */
export interface ArticleParams {
  documentId?: string;
  locale?: string | string[];
  status?: 'draft' | 'published';
  data?: Data;
}

export interface ArticleRow {
  documentId: string;
  locale: string | null;
  slug: string | null;
  title: string | null;
  publicationDate: string | Date | null;
  publishedAt: string | Date | null;
}

/** The locales an action touches: its `locale` param, '*' for all the document has, or the default. */
export const localesOf = async (strapi: Core.Strapi, documentId: string, locale: ArticleParams['locale']): Promise<string[]> => {
  if (locale === '*') {
    const rows = await strapi.db.query(UIDS.article).findMany({ where: { documentId }, select: ['locale'] });
    return [...new Set(rows.map((row) => row.locale as string))];
  }
  if (Array.isArray(locale)) return locale;
  return [locale ?? (await defaultLocale(strapi)) ?? ''];
};

export const findRows = async (strapi: Core.Strapi, documentId: string, locale: string | null) =>
  (await strapi.db.query(UIDS.article).findMany({
    where: { documentId, ...(locale ? { locale } : {}) },
    select: ['documentId', 'locale', 'slug', 'title', 'publicationDate', 'publishedAt'],
  })) as ArticleRow[];

/** Field rules shared by create, update and clone. */
export const checkFields = async (strapi: Core.Strapi, data: Data) => {
  if ('tags' in data) data.tags = validate(tagList, data.tags, { at: ['tags'] });
  if ('bylineRoles' in data) data.bylineRoles = await getService(strapi, 'bylines').normalize(validate(bylineRoles, data.bylineRoles, { at: ['bylineRoles'] }));
  if (typeof data.title === 'string') data.title = data.title.trim();
};

/** Tags of a write become the catalogue's `{ name, slug }` of the story's locale, new names added to it. */
export const resolveTags = async (strapi: Core.Strapi, data: Data, locale: string | null) => {
  if (Array.isArray(data.tags)) data.tags = await getService(strapi, 'tags').resolve(data.tags as string[], locale);
};

/** The slug rules of a write (services/slug `forWrite`): a new story or locale has no `current`. */
export const applySlug = async (strapi: Core.Strapi, data: Data, locale: string | null, owner: string, title: unknown, current: ArticleRow | null, settled: boolean) => {
  const slugs = getService(strapi, 'slug');
  // A draft slugged from its title follows it; a kk draft slugged before the Kazakh table (Russian table) too.
  const followsTitle = Boolean(current && !settled && typeof data.title === 'string' && [locale, null].some((table) => current.slug === slugs.fromTitle(current.title, table)));
  const slug = await slugs.forWrite({ scope: articleScope(locale), owner, data, current, title: typeof title === 'string' ? title : null, settled, followsTitle, locale });
  if (slug !== null) data.slug = slug;
};

/** Before a publish: a story with no publication date gets the one of its published version, or now. `own`: its rows, read before; answers them per locale. */
export const stampPublicationDate = async (strapi: Core.Strapi, documentId: string, locales: string[], own: ArticleRow[]) => {
  const read = new Map<string, ArticleRow[]>();
  for (const locale of locales) {
    const rows = own.filter((row) => !locale || row.locale === locale);
    read.set(locale, rows);
    const draft = rows.find((row) => row.publishedAt === null);
    if (!draft || draft.publicationDate) continue;
    const published = rows.find((row) => row.publishedAt !== null);
    await strapi.db.query(UIDS.article).updateMany({
      where: { documentId, publishedAt: null, ...(locale ? { locale } : {}) },
      data: { publicationDate: published?.publicationDate ?? new Date() },
    });
  }
  return read;
};

/** The published slug of each locale a publish moves (its draft carries another one): the only claims a publish can leave unused. */
export const movedSlugs = (rowsByLocale: Map<string, ArticleRow[]>) => {
  const moved = new Map<string, string>();
  for (const [locale, rows] of rowsByLocale) {
    const draft = rows.find((row) => row.publishedAt === null);
    const published = rows.find((row) => row.publishedAt !== null);
    if (draft && published?.slug && draft.slug !== published.slug) moved.set(locale, published.slug);
  }
  return moved;
};

/**
 * `previousSlugs`: the published slug of each locale before the publish (a rename keeps the old one as a redirect);
 * `settled`: no slug moved, so no claim can have become unused; `first`: no locale had a published version, so no published list.
 * Answers the published versions it read (for the pages the write changed).
 */
export const afterPublish = async (strapi: Core.Strapi, documentId: string, locales: string[], previousSlugs?: Map<string, string>, settled = false, first = false) => {
  if (previousSlugs) await getService(strapi, 'slug-redirects').record(documentId, previousSlugs);
  const published = await getService(strapi, 'modifications').record(documentId, locales);
  const related = getService(strapi, 'related-stories');
  for (const locale of locales) {
    await related.copyVersion({ documentId, locale }, 'draft', 'published', first);
    await getService(strapi, 'views').prepare({ documentId, locale: locale || null });
  }
  if (!settled) await getService(strapi, 'slug').releaseUnused(documentId);
  // Related-story suggestions: recomputed after the commit, off the editor's request; never throws.
  await getService(strapi, 'suggestions').schedule(documentId, locales);
  return published;
};
