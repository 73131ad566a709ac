import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { AcceptSuggestions, GetSuggestions, ListBackfill } from '../../../shared/contracts/suggestions';
import { acceptBody, acceptQuery, backfillQuery, suggestionsQuery } from '../../../shared/schemas/suggestions';
import { storyParams } from '../../../shared/schemas/rules';
import { getConfig } from '../config';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Admin routes of the suggestions: the editor's panel, the backfill view and its one-click accept. */
const suggestionsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const query = validate(suggestionsQuery(getConfig(strapi).suggestions.stored), ctx.query);
    const story = await getService(strapi, 'related-stories').owner(validate(storyParams, ctx.params).documentId, query.locale);
    const body: GetSuggestions.Response = { data: await getService(strapi, 'suggestions').forStory(story, query.limit) };
    ctx.body = body;
  },

  async backfill(ctx: Context) {
    const { maxRelated, suggestions, timeZone } = getConfig(strapi);
    const query = validate(backfillQuery({ maxRelated, proposal: Math.min(suggestions.autoFillTo, maxRelated) }), ctx.query);
    const { data, pagination } = await getService(strapi, 'suggestions').backfill({ ...query, locale: await resolveLocale(strapi, query.locale) });
    const body: ListBackfill.Response = { data, meta: { pagination, timeZone } };
    ctx.body = body;
  },

  async accept(ctx: Context) {
    const { locale } = validate(acceptQuery, ctx.query);
    const input = validate(acceptBody(getConfig(strapi).maxRelated), ctx.request.body ?? {}, { root: 'body' });
    const story = await getService(strapi, 'related-stories').owner(validate(storyParams, ctx.params).documentId, locale);
    const body: AcceptSuggestions.Response = { data: await getService(strapi, 'suggestions').accept(story, input) };
    ctx.body = body;
  },
});

export default suggestionsController;
