import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { GetCitedBy, GetRelatedList, ReplaceRelatedList } from '../../../shared/contracts/related-stories';
import { replaceRelatedBody } from '../../../shared/schemas/related-stories';
import { localeQuery, storyParams } from '../../../shared/schemas/rules';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Admin routes of the editor's panel: read and save a story's related list as a whole. */
const relatedListController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const related = getService(strapi, 'related-stories');
    const owner = await related.owner(validate(storyParams, ctx.params).documentId, validate(localeQuery, ctx.query).locale);
    const body: GetRelatedList.Response = { data: await related.describe(owner) };
    ctx.body = body;
  },

  /** The stories whose lists hold this one: the panel's "Cited by" and the warning before unpublish or delete. */
  async citedBy(ctx: Context) {
    const related = getService(strapi, 'related-stories');
    const story = await related.owner(validate(storyParams, ctx.params).documentId, validate(localeQuery, ctx.query).locale);
    const body: GetCitedBy.Response = { data: await related.citedBy(story) };
    ctx.body = body;
  },

  async replace(ctx: Context) {
    const related = getService(strapi, 'related-stories');
    const owner = await related.owner(validate(storyParams, ctx.params).documentId, validate(localeQuery, ctx.query).locale);
    const input = validate(replaceRelatedBody, ctx.request.body ?? {}, { root: 'body' });
    await related.replaceDraft(owner, input.entries, input.revision);
    const body: ReplaceRelatedList.Response = { data: await related.describe(owner) };
    ctx.body = body;
  },
});

export default relatedListController;
