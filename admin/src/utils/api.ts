import { isFetchError } from '@strapi/strapi/admin';

import { editViewPath, PLUGIN_ID } from '../../../shared/manifest';
import { type ErrorBody, type RequestError, requestError } from './errors';

/** Query strings built here: the fetch client's own `params` serializer does not encode values (Cyrillic, "&"). */
const withQuery = (path: string, query: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export const relatedListPath = (documentId: string, locale: string | undefined) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/related`, { locale });

export const searchPath = (q: string, locale: string | undefined, exclude: string[], limit = 10) =>
  withQuery(`/${PLUGIN_ID}/articles/search`, { q, locale, exclude: exclude.join(','), limit });

export const suggestionsPath = (documentId: string, locale: string | null | undefined, limit?: number) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/suggestions`, { locale, limit });

export const acceptSuggestionsPath = (documentId: string, locale: string | null | undefined) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/suggestions/accept`, { locale });

export const dismissalsPath = (documentId: string, locale: string | null | undefined) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/suggestions/dismissals`, { locale });

export const dismissalPath = (documentId: string, target: string, locale: string | null | undefined) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/suggestions/dismissals/${encodeURIComponent(target)}`, { locale });

export const backfillPath = ({ locale, page, pageSize, limit }: { locale?: string; page?: number; pageSize?: number; limit?: number } = {}) =>
  withQuery(`/${PLUGIN_ID}/suggestions/backfill`, { locale, page, pageSize, limit });

export const tagSearchPath = (q: string, locale: string | undefined, limit = 10) => withQuery(`/${PLUGIN_ID}/tags/search`, { q, locale, limit });

export const dashboardPath = (locale?: string) => withQuery(`/${PLUGIN_ID}/dashboard`, { locale });

export const storyClicksPath = (documentId: string, locale: string | null | undefined) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/related-clicks`, { locale });

export const clickOverviewPath = (locale?: string) => withQuery(`/${PLUGIN_ID}/stats/related-clicks`, { locale });

/** Where an editor opens a story in the Content Manager, written once beside the uids. */
export { editViewPath };

export const citedByPath = (documentId: string, locale: string | null | undefined) =>
  withQuery(`/${PLUGIN_ID}/articles/${encodeURIComponent(documentId)}/cited-by`, { locale });

/**
 * The one reading of a failed request, typed by the route's contract: `readError<ReplaceRelatedList.Error>(error)`.
 * Unwraps the fetch client's FetchError (its status and Strapi's error body); anything else (no network, an answer that was not JSON) has no status.
 */
export const readError = <TBody extends ErrorBody = ErrorBody>(error: unknown): RequestError<TBody> =>
  isFetchError(error)
    ? requestError<TBody>(error.status ?? null, error.response?.data ?? null, error.message)
    : requestError<TBody>(null, null, error instanceof Error ? error.message : String(error));

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
