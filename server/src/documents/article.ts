import type { Core, Modules } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { getService } from '../utils/services';
import { bylineRoles, tagList } from '../../../shared/schemas/article-fields';
import { validate } from '../utils/validate';
import { afterWrite } from './after-write';
import { articleScope } from '../services/slug';
import { defaultLocale } from '../utils/locale';
import type { IndexRow } from '../services/search-index';
import type { PublicStory } from '../services/pages/snapshot';

type Data = Record<string, unknown>;

/** The parameters the article actions carry; the Document Service's own types are per-action unions. */
interface ArticleParams {
  documentId?: string;
  locale?: string | string[];
  status?: 'draft' | 'published';
  data?: Data;
}

interface ArticleRow {
  documentId: string;
  locale: string | null;
  slug: string | null;
  title: string | null;
  publicationDate: string | Date | null;
  publishedAt: string | Date | null;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Document Service middleware for articles: slugs, publication dates, field rules and the
 * related lists that follow publish, unpublish, discard-draft, clone and delete. Each action runs
 * its work once, in the same transaction as the action itself, so a refusal writes nothing.
 */
export const articleMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UIDS.article) return next();
    const action = context.action as string;
    const params = context.params as ArticleParams;
    const handler = handlers[action];
    if (!handler) return next();
    const result = await strapi.db.transaction(() => handler(strapi, params, next));
    return result as Awaited<ReturnType<typeof next>>;
  };

const READS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/** Any write of a story may publish, unpublish or rename one: the lookups of published stories and lists (views, clicks) start afresh. */
export const forgetPublishedLookups =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const result = await next();
    if (context.uid === UIDS.article && !READS.has(context.action as string)) {
      getService(strapi, 'views').forgetLookups();
      getService(strapi, 'related-clicks').forgetLists();
    }
    return result;
  };

type Next = () => Promise<unknown>;
type Handler = (strapi: Core.Strapi, params: ArticleParams, next: Next) => Promise<unknown>;

/** The locales an action touches: its `locale` param, '*' for all the document has, or the default. */
const localesOf = async (strapi: Core.Strapi, documentId: string, locale: ArticleParams['locale']): Promise<string[]> => {
  if (locale === '*') {
    const rows = await strapi.db.query(UIDS.article).findMany({ where: { documentId }, select: ['locale'] });
    return [...new Set(rows.map((row) => row.locale as string))];
  }
  if (Array.isArray(locale)) return locale;
  return [locale ?? (await defaultLocale(strapi)) ?? ''];
};

const findRows = async (strapi: Core.Strapi, documentId: string, locale: string | null) =>
  (await strapi.db.query(UIDS.article).findMany({
    where: { documentId, ...(locale ? { locale } : {}) },
    select: ['documentId', 'locale', 'slug', 'title', 'publicationDate', 'publishedAt'],
  })) as ArticleRow[];

/** Field rules shared by create, update and clone. */
const checkFields = async (strapi: Core.Strapi, data: Data) => {
  if ('tags' in data) data.tags = validate(tagList, data.tags, { at: ['tags'] });
  if ('bylineRoles' in data) data.bylineRoles = await getService(strapi, 'bylines').normalize(validate(bylineRoles, data.bylineRoles, { at: ['bylineRoles'] }));
  if (typeof data.title === 'string') data.title = data.title.trim();
};

/** Tags of a write become the catalogue's `{ name, slug }` of the story's locale, new names added to it. */
const resolveTags = async (strapi: Core.Strapi, data: Data, locale: string | null) => {
  if (Array.isArray(data.tags)) data.tags = await getService(strapi, 'tags').resolve(data.tags as string[], locale);
};

/** The slug rules of a write (services/slug `forWrite`): a new story or locale has no `current`. */
const applySlug = async (strapi: Core.Strapi, data: Data, locale: string | null, owner: string, title: unknown, current: ArticleRow | null, settled: boolean) => {
  const slugs = getService(strapi, 'slug');
  // A draft slugged from its title follows it; a kk draft slugged before the Kazakh table (Russian table) too.
  const followsTitle = Boolean(current && !settled && typeof data.title === 'string' && [locale, null].some((table) => current.slug === slugs.fromTitle(current.title, table)));
  const slug = await slugs.forWrite({ scope: articleScope(locale), owner, data, current, title: typeof title === 'string' ? title : null, settled, followsTitle, locale });
  if (slug !== null) data.slug = slug;
};

/** Before a publish: a story with no publication date gets the one of its published version, or now. `own`: its rows, read before; answers them per locale. */
const stampPublicationDate = async (strapi: Core.Strapi, documentId: string, locales: string[], own: ArticleRow[]) => {
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
const movedSlugs = (rowsByLocale: Map<string, ArticleRow[]>) => {
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
const afterPublish = async (strapi: Core.Strapi, documentId: string, locales: string[], previousSlugs?: Map<string, string>, settled = false, first = false) => {
  if (previousSlugs) await getService(strapi, 'slug-redirects').record(documentId, previousSlugs);
  const published = await getService(strapi, 'modifications').record(documentId, locales);
  const related = getService(strapi, 'related-stories');
  for (const locale of locales) {
    await related.copyVersion({ documentId, locale }, 'draft', 'published', first);
    await related.markPublished({ documentId, locale });
    await getService(strapi, 'views').prepare({ documentId, locale: locale || null });
  }
  if (!settled) await getService(strapi, 'slug').releaseUnused(documentId);
  // Related-story suggestions: recomputed after the commit, off the editor's request; never throws.
  await getService(strapi, 'suggestions').schedule(documentId, locales);
  return published;
};

const handlers: Record<string, Handler> = {
  async create(strapi, params, next) {
    const data = (params.data ??= {});
    await checkFields(strapi, data);
    const locale = typeof params.locale === 'string' ? params.locale : await defaultLocale(strapi);
    await resolveTags(strapi, data, locale);
    const slugs = getService(strapi, 'slug');
    // A new draft's hand-written slug (the Content Manager always sends one) is claimed by the document itself once it
    // exists: no placeholder owner to hand over. A refusal then still writes nothing (one transaction).
    const exact = params.status === 'published' ? null : slugs.handWritten(data);
    const owner = slugs.pendingOwner();
    if (exact) {
      slugs.assertWellFormed(exact);
      data.slug = exact;
    } else await applySlug(strapi, data, locale, owner, data.title, null, false);
    if (params.status === 'published' && isBlank(data.publicationDate)) data.publicationDate = new Date();

    const result = (await next()) as ({ documentId: string } & IndexRow) | null;
    if (result) {
      if (exact) await slugs.claimExact(articleScope(locale), exact, result.documentId);
      else await slugs.adopt(owner, result.documentId);
      // create({ status: 'published' }) publishes inside the Document Service, past this middleware.
      const isPublished = params.status === 'published';
      const published = isPublished ? await afterPublish(strapi, result.documentId, [locale ?? '']) : undefined;
      const pages = isPublished ? getService(strapi, 'pages').nothingBefore(result.documentId, [locale ?? '']) : undefined;
      await afterWrite(strapi, { action: 'create', documentId: result.documentId, locale, pages, published, index: { kind: 'new', rows: isPublished ? undefined : [result] } });
    }
    return result;
  },

  async update(strapi, params, next) {
    const { documentId } = params;
    if (!documentId) return next();
    const data = (params.data ??= {});
    // The count moves only through the atomic counter; a form save must not write back a stale number.
    delete data.views;
    await checkFields(strapi, data);
    const [locale] = await localesOf(strapi, documentId, typeof params.locale === 'string' ? params.locale : undefined);
    await resolveTags(strapi, data, locale || null);
    const rows = await findRows(strapi, documentId, locale || null);
    const draft = rows.find((row) => row.publishedAt === null);
    const published = rows.find((row) => row.publishedAt !== null);
    const slugs = getService(strapi, 'slug');
    const current = draft ?? published ?? null;
    // A new locale of an existing document is claimed like a create; once readers may have the address (published, or dated), only an editor moves it.
    const owner = current ? documentId : slugs.pendingOwner();
    await applySlug(strapi, data, locale || null, owner, data.title ?? current?.title, current, Boolean(published || current?.publicationDate));

    if (current && params.status === 'published') {
      await stampPublicationDate(strapi, documentId, [locale], rows);
      if (isBlank(data.publicationDate) && 'publicationDate' in data) delete data.publicationDate;
    }
    // Only a write with status published changes what readers see; a draft save does not.
    const pages = params.status === 'published' ? await getService(strapi, 'pages').beforeStories(documentId, [locale]) : undefined;
    const result = await next();
    if (current) await slugs.releaseUnused(documentId);
    else await slugs.adopt(owner, documentId);
    let after: PublicStory[] | undefined;
    if (params.status === 'published') after = await afterPublish(strapi, documentId, [locale], new Map(published?.slug ? [[locale, published.slug]] : []));
    else if (published) await getService(strapi, 'suggestions').schedule(documentId, [locale]);
    await afterWrite(strapi, { action: 'update', documentId, locale, pages, published: after });
    return result;
  },

  async publish(strapi, params, next) {
    const { documentId } = params;
    if (!documentId) return next();
    const locales = await localesOf(strapi, documentId, params.locale);
    const { own, pages } = await getService(strapi, 'pages').beforePublish(documentId, locales);
    const rows = await stampPublicationDate(strapi, documentId, locales, own);
    const wasPublished = own.some((row) => row.publishedAt !== null);
    const previousSlugs = movedSlugs(rows);
    const result = await next();
    const published = await afterPublish(strapi, documentId, locales, previousSlugs, previousSlugs.size === 0, !wasPublished);
    // The published versions as the publish answered them: the tag index needs no read of its own.
    const entries = (result as { entries?: IndexRow[] } | null)?.entries;
    const answered = Array.isArray(entries) && entries.length === locales.length && entries.every((row) => row.publishedAt) ? entries : undefined;
    await afterWrite(strapi, { action: 'publish', documentId, locale: locales.join(','), pages, published, index: { kind: 'published', locales, first: !wasPublished, rows: answered } });
    return result;
  },

  async unpublish(strapi, params, next) {
    const { documentId } = params;
    if (!documentId) return next();
    const locales = await localesOf(strapi, documentId, params.locale);
    const pages = await getService(strapi, 'pages').beforeStories(documentId, locales);
    const result = await next();
    const related = getService(strapi, 'related-stories');
    // Readers lose the story; its editors keep the draft list, which the next publish copies again.
    for (const locale of locales) await related.deleteVersion({ documentId, locale }, 'published');
    // Out of every stored suggestion list, in this transaction.
    await getService(strapi, 'suggestions').remove(documentId, locales);
    await afterWrite(strapi, { action: 'unpublish', documentId, locale: locales.join(','), pages });
    return result;
  },

  async discardDraft(strapi, params, next) {
    const { documentId } = params;
    if (!documentId) return next();
    const locales = await localesOf(strapi, documentId, params.locale);
    const result = await next();
    const related = getService(strapi, 'related-stories');
    for (const locale of locales) await related.copyVersion({ documentId, locale }, 'published', 'draft');
    await getService(strapi, 'slug').releaseUnused(documentId);
    await afterWrite(strapi, { action: 'discardDraft', documentId, locale: locales.join(',') });
    return result;
  },

  async clone(strapi, params, next) {
    const { documentId } = params;
    if (!documentId) return next();
    const data = (params.data ??= {});
    await checkFields(strapi, data);
    delete data.views;
    const [locale] = await localesOf(strapi, documentId, typeof params.locale === 'string' ? params.locale : undefined);
    await resolveTags(strapi, data, locale || null);
    const source = (await findRows(strapi, documentId, locale || null)).find((row) => row.publishedAt === null);
    const slugs = getService(strapi, 'slug');
    const owner = slugs.pendingOwner();
    await applySlug(strapi, data, locale || null, owner, data.title ?? source?.title, null, false);
    // A copy is a new story: it gets its own publication date when it is first published.
    data.publicationDate ??= null;

    const result = (await next()) as { documentId?: string } | null;
    if (result?.documentId) {
      await slugs.adopt(owner, result.documentId);
      await getService(strapi, 'related-stories').copyToDocument({ documentId, locale }, { documentId: result.documentId, locale });
      await afterWrite(strapi, { action: 'clone', documentId: result.documentId, locale });
    }
    return result;
  },

  async delete(strapi, params, next) {
    const { documentId } = params;
    if (!documentId) return next();
    const locales = await localesOf(strapi, documentId, params.locale);
    // Titles are read before the rows go, for the record of links the deletion breaks.
    const titles = new Map<string, string>();
    for (const row of await findRows(strapi, documentId, null)) {
      if (locales.includes(row.locale ?? '') && row.title && (row.publishedAt === null || !titles.has(row.locale ?? ''))) {
        titles.set(row.locale ?? '', row.title);
      }
    }
    const pages = await getService(strapi, 'pages').beforeStories(documentId, locales);
    const result = await next();
    await getService(strapi, 'footprint').forget(documentId, locales, titles);
    await afterWrite(strapi, { action: 'delete', documentId, locale: locales.join(','), pages });
    return result;
  },
};
