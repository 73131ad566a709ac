import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import type { AcceptSuggestions, GetSuggestions, ListBackfill } from '../../../shared/contracts/suggestions';
import { getConfig } from '../config';
import { StaleListError } from '../services/related-stories';
import { SuggestionConflictError } from '../services/suggestions/index';
import { fieldError, notFound } from '../utils/errors';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const LOCALE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Refuses query parameters the route does not know, naming the first. */
const onlyKeys = (input: Record<string, unknown>, allowed: string[], what: string) => {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) throw fieldError([key], `is not a ${what} of this route (allowed: ${allowed.join(', ')})`);
  }
};

/** An integer query parameter in [min, max], or its default. */
const intParam = (value: unknown, name: string, min: number, max: number, fallback: number) => {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw fieldError([name], `must be an integer from ${min} to ${max}`);
  return number;
};

const localeParam = async (strapi: Core.Strapi, value: unknown) => {
  if (value !== undefined && (typeof value !== 'string' || !LOCALE_CODE.test(value))) {
    throw fieldError(['locale'], 'must be a locale code such as "ru" or "kk"');
  }
  return resolveLocale(strapi, value as string | undefined);
};

/** The story a request names, or 404 when there is no such story in that locale. */
const storyOf = async (strapi: Core.Strapi, ctx: Context) => {
  const { documentId } = ctx.params as { documentId?: string };
  if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId)) throw fieldError(['documentId'], 'must be the documentId of a story');
  const locale = await localeParam(strapi, ctx.query.locale);
  const count = await strapi.db.query(UIDS.article).count({ where: { documentId, ...(locale ? { locale } : {}) } });
  if (count === 0) throw notFound(`No story "${documentId}"${locale ? ` in locale "${locale}"` : ''}`);
  return { documentId, locale };
};

const conflict = (ctx: Context, error: StaleListError | SuggestionConflictError) => {
  ctx.status = 409;
  ctx.body = { data: null, error: { status: 409, name: error.name, message: error.message, details: error.details } };
};

/** Admin routes of the suggestions: the editor's panel, the backfill view and its one-click accept. */
const suggestionsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    onlyKeys(ctx.query, ['locale', 'limit'], 'query parameter');
    const limit = intParam(ctx.query.limit, 'limit', 1, getConfig(strapi).suggestions.stored, 10);
    const story = await storyOf(strapi, ctx);
    const body: GetSuggestions.Response = { data: await getService(strapi, 'suggestions').forStory(story, limit) };
    ctx.body = body;
  },

  async backfill(ctx: Context) {
    onlyKeys(ctx.query, ['locale', 'page', 'pageSize', 'limit'], 'query parameter');
    const { maxRelated, suggestions } = getConfig(strapi);
    const page = intParam(ctx.query.page, 'page', 1, 100000, 1);
    const pageSize = intParam(ctx.query.pageSize, 'pageSize', 1, 50, 10);
    const limit = intParam(ctx.query.limit, 'limit', 1, maxRelated, Math.min(suggestions.autoFillTo, maxRelated));
    const locale = await localeParam(strapi, ctx.query.locale);
    const { data, pagination } = await getService(strapi, 'suggestions').backfill({ locale, page, pageSize, limit });
    const body: ListBackfill.Response = { data, meta: { pagination, timeZone: getConfig(strapi).timeZone } };
    ctx.body = body;
  },

  async accept(ctx: Context) {
    onlyKeys(ctx.query, ['locale'], 'query parameter');
    const input = ctx.request.body as Partial<AcceptSuggestions.Request['body']> | undefined;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw fieldError(['body'], 'must be an object { revision, targets?, publish? }');
    onlyKeys(input, ['revision', 'targets', 'publish'], 'field');
    if (!Number.isInteger(input.revision) || (input.revision as number) < 0) {
      throw fieldError(['revision'], 'is required: the revision of the related list the editor saw (a non-negative integer)');
    }
    if (input.publish !== undefined && typeof input.publish !== 'boolean') throw fieldError(['publish'], 'must be true or false');
    let targets: string[] | undefined;
    if (input.targets !== undefined) {
      const { maxRelated } = getConfig(strapi);
      if (!Array.isArray(input.targets) || input.targets.length === 0) throw fieldError(['targets'], 'must be a non-empty list of story documentIds');
      if (input.targets.length > maxRelated) throw fieldError(['targets'], `must have at most ${maxRelated} entries (maxRelated)`);
      const seen = new Set<string>();
      input.targets.forEach((target: unknown, index) => {
        if (typeof target !== 'string' || !DOCUMENT_ID.test(target)) throw fieldError(['targets', index], 'must be the documentId of a story');
        if (seen.has(target)) throw fieldError(['targets', index], 'must not repeat a story');
        seen.add(target);
      });
      targets = [...seen];
    }
    const story = await storyOf(strapi, ctx);
    try {
      const data = await getService(strapi, 'suggestions').accept(story, { revision: input.revision as number, targets, publish: input.publish });
      const body: AcceptSuggestions.Response = { data };
      ctx.body = body;
    } catch (error) {
      if (error instanceof StaleListError || error instanceof SuggestionConflictError) return conflict(ctx, error);
      throw error;
    }
  },
});

export default suggestionsController;
