import type { Core, Modules } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { getService } from '../utils/services';
import { isReadAction } from './actions';
import { afterWrite } from './after-write';
import { articleScope } from '../services/slug';
import { defaultLocale } from '../utils/locale';
import { afterPublish, applySlug, checkFields, findRows, localesOf, movedSlugs, resolveTags, stampPublicationDate, type ArticleParams, type ArticleRow, type Data } from './article-steps';
import type { IndexRow } from '../services/search-index';
import type { PublicStory } from '../services/pages/snapshot';

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

/** Any write of a story may publish, unpublish or rename one: the lookups of published stories and lists (views, clicks) start afresh. */
export const forgetPublishedLookups =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    const result = await next();
    if (context.uid === UIDS.article && !isReadAction(context.action as string)) {
      getService(strapi, 'views').forgetLookups();
      getService(strapi, 'related-clicks').forgetLists();
    }
    return result;
  };

type Next = () => Promise<unknown>;
type Handler = (strapi: Core.Strapi, params: ArticleParams, next: Next) => Promise<unknown>;

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
