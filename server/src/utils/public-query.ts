import type { DisplayLanguage } from '../../../shared/contracts/public-api';
import { DISPLAY_LANGUAGES } from '../config';
import { fieldError } from './errors';

type Query = Record<string, unknown>;

const LOCALE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const MAX_PAGE = 100000;
const MAX_PAGE_SIZE = 100;

/** Refuses query parameters a route does not know, naming the first one (never a silent pass-through). */
const onlyKeys = (query: Query, allowed: string[], path: string[] = []) => {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) {
      throw fieldError([...path, key], `is not a query parameter of this route (allowed: ${allowed.join(', ')})`);
    }
  }
};

const single = (value: unknown, path: string[]): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fieldError(path, 'must be given once, as a string');
  return value;
};

export interface StoryQuery {
  lang: DisplayLanguage;
  locale: string | undefined;
}

const readStoryQuery = (query: Query, defaultLanguage: DisplayLanguage): StoryQuery => {
  const lang = single(query.lang, ['lang']);
  if (lang !== undefined && !(DISPLAY_LANGUAGES as readonly string[]).includes(lang)) {
    throw fieldError(['lang'], `must be one of ${DISPLAY_LANGUAGES.join(', ')}`);
  }
  const locale = single(query.locale, ['locale']);
  if (locale !== undefined && !LOCALE_CODE.test(locale)) throw fieldError(['locale'], 'must be a locale code such as "ru" or "kk"');
  const status = single(query.status, ['status']);
  if (status !== undefined && status !== 'published') throw fieldError(['status'], 'must be "published": the public API serves published stories only');
  return { lang: (lang as DisplayLanguage | undefined) ?? defaultLanguage, locale };
};

/** `?lang=&locale=` of a single-story route. */
export const parseStoryQuery = (query: Query, defaultLanguage: DisplayLanguage): StoryQuery => {
  onlyKeys(query, ['lang', 'locale', 'status']);
  return readStoryQuery(query, defaultLanguage);
};

export interface PageQuery {
  page: number;
  pageSize: number;
}

const integer = (value: unknown, path: string[], min: number, max: number, fallback: number): number => {
  if (value === undefined) return fallback;
  const text = single(value, path);
  if (text === undefined || !/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw fieldError(path, `must be an integer from ${min} to ${max}`);
  }
  return Number(text);
};

const readPagination = (query: Query): PageQuery => {
  if (query.pagination === undefined) return { page: 1, pageSize: 25 };
  if (typeof query.pagination !== 'object' || query.pagination === null || Array.isArray(query.pagination)) {
    throw fieldError(['pagination'], 'must be given as pagination[page] and pagination[pageSize]');
  }
  const pagination = query.pagination as Query;
  onlyKeys(pagination, ['page', 'pageSize', 'withCount'], ['pagination']);
  if (pagination.withCount !== undefined && !['true', 'false'].includes(String(pagination.withCount))) {
    throw fieldError(['pagination', 'withCount'], 'must be true or false');
  }
  return {
    page: integer(pagination.page, ['pagination', 'page'], 1, MAX_PAGE, 1),
    pageSize: integer(pagination.pageSize, ['pagination', 'pageSize'], 1, MAX_PAGE_SIZE, 25),
  };
};

/** `filters[x]=v` and `filters[x][$eq]=v` both mean equality, as in Strapi's REST API. */
const equality = (value: unknown, path: string[], operator: '$eq' | '$contains'): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    onlyKeys(value as Query, [operator], path);
    const text = single((value as Query)[operator], [...path, operator]);
    if (text === undefined) throw fieldError(path, `must be a value or [${operator}]=value`);
    return text;
  }
  throw fieldError(path, `must be a value or [${operator}]=value`);
};

export interface ListQuery extends StoryQuery, PageQuery {
  correspondentSlug?: string;
  tag?: string;
  ascending: boolean;
}

/** The list route: pagination, the two filters it supports, and newest/oldest first. */
export const parseListQuery = (query: Query, defaultLanguage: DisplayLanguage): ListQuery => {
  onlyKeys(query, ['lang', 'locale', 'status', 'pagination', 'filters', 'sort']);
  const base = readStoryQuery(query, defaultLanguage);
  const pagination = readPagination(query);
  let correspondentSlug: string | undefined;
  let tag: string | undefined;
  if (query.filters !== undefined) {
    if (typeof query.filters !== 'object' || query.filters === null || Array.isArray(query.filters)) {
      throw fieldError(['filters'], 'must be given as filters[correspondent][slug] or filters[tags]');
    }
    const filters = query.filters as Query;
    for (const key of Object.keys(filters)) {
      if (key !== 'correspondent' && key !== 'tags') {
        throw fieldError(['filters', key], 'cannot be filtered on: the supported filters are filters[correspondent][slug] and filters[tags]');
      }
    }
    if (filters.correspondent !== undefined) {
      if (typeof filters.correspondent !== 'object' || filters.correspondent === null || Array.isArray(filters.correspondent)) {
        throw fieldError(['filters', 'correspondent'], 'must be filters[correspondent][slug]');
      }
      onlyKeys(filters.correspondent as Query, ['slug'], ['filters', 'correspondent']);
      correspondentSlug = equality((filters.correspondent as Query).slug, ['filters', 'correspondent', 'slug'], '$eq');
    }
    tag = equality(filters.tags, ['filters', 'tags'], '$contains');
    if (tag !== undefined && (tag.length === 0 || tag.length > 64)) throw fieldError(['filters', 'tags'], 'must be a tag name of 1 to 64 characters');
  }
  let ascending = false;
  if (query.sort !== undefined) {
    const sort = Array.isArray(query.sort) && query.sort.length === 1 ? query.sort[0] : query.sort;
    if (sort !== 'publicationDate:desc' && sort !== 'publicationDate:asc' && sort !== 'publicationDate') {
      throw fieldError(['sort'], 'must be publicationDate:desc (the default) or publicationDate:asc');
    }
    ascending = sort === 'publicationDate:asc' || sort === 'publicationDate';
  }
  return { ...base, ...pagination, correspondentSlug, tag, ascending };
};

/** The correspondent route: language, locale and pagination of their stories. */
export const parseCorrespondentQuery = (query: Query, defaultLanguage: DisplayLanguage): StoryQuery & PageQuery => {
  onlyKeys(query, ['lang', 'locale', 'status', 'pagination']);
  return { ...readStoryQuery(query, defaultLanguage), ...readPagination(query) };
};

/** A slug or documentId from the path: short, printable, no surprises for the database. */
export const parseSlugParam = (value: unknown): string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255 || /[\u0000-\u001f\u007f\s]/.test(value)) {
    throw fieldError(['slug'], 'must be a story slug or documentId (1 to 255 printable characters)');
  }
  return value;
};
