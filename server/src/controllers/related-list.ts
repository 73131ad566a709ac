import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import type { GetRelatedList, ReplaceRelatedList } from '../../../shared/contracts/related-stories';
import { StaleListError } from '../services/related-stories';
import { fieldError, notFound } from '../utils/errors';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';

/** The owner of the list a request names, or a 404 when there is no such story in that locale. */
const ownerOf = async (strapi: Core.Strapi, ctx: Context) => {
  const { documentId } = ctx.params as { documentId?: string };
  if (typeof documentId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(documentId)) {
    throw fieldError(['documentId'], 'must be the documentId of a story');
  }
  const rawLocale = ctx.query.locale;
  if (rawLocale !== undefined && (typeof rawLocale !== 'string' || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(rawLocale))) {
    throw fieldError(['locale'], 'must be a locale code such as "ru" or "kk"');
  }
  const locale = await resolveLocale(strapi, rawLocale);
  const count = await strapi.db.query(UIDS.article).count({ where: { documentId, ...(locale ? { locale } : {}) } });
  if (count === 0) throw notFound(`No story "${documentId}"${locale ? ` in locale "${locale}"` : ''}`);
  return { documentId, locale };
};

/** Admin routes of the editor's panel: read and save a story's related list as a whole. */
const relatedListController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const owner = await ownerOf(strapi, ctx);
    const body: GetRelatedList.Response = { data: await getService(strapi, 'related-stories').describe(owner) };
    ctx.body = body;
  },

  async replace(ctx: Context) {
    const owner = await ownerOf(strapi, ctx);
    const input = ctx.request.body as Partial<ReplaceRelatedList.Request['body']> | undefined;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw fieldError(['body'], 'must be an object { revision, entries }');
    }
    for (const key of Object.keys(input)) {
      if (key !== 'revision' && key !== 'entries') throw fieldError([key], 'is not a field of a related list save (revision, entries)');
    }
    if (!Number.isInteger(input.revision) || (input.revision as number) < 0) {
      throw fieldError(['revision'], 'is required: the revision the list was loaded at (a non-negative integer)');
    }
    const related = getService(strapi, 'related-stories');
    try {
      await related.replaceDraft(owner, input.entries, input.revision);
    } catch (error) {
      if (error instanceof StaleListError) {
        ctx.status = 409;
        ctx.body = { data: null, error: { status: 409, name: error.name, message: error.message, details: error.details } };
        return;
      }
      throw error;
    }
    const body: ReplaceRelatedList.Response = { data: await related.describe(owner) };
    ctx.body = body;
  },
});

export default relatedListController;
