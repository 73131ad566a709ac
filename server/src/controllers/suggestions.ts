import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { AcceptSuggestions, DismissSuggestion, GetSuggestions, ListBackfill, UndoDismissal } from '../../../shared/contracts/suggestions';
import { acceptBody, acceptQuery, backfillQuery, dismissalParams, dismissBody, suggestionsQuery } from '../../../shared/schemas/suggestions';
import { storyParams } from '../../../shared/schemas/rules';
import { getConfig } from '../config';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Admin routes of the suggestions: the editor's panel, its dismissals, the backfill view and its one-click accept. */
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

  async dismiss(ctx: Context) {
    const { locale } = validate(acceptQuery, ctx.query);
    const input = validate(dismissBody, ctx.request.body ?? {}, { root: 'body' });
    const story = await getService(strapi, 'related-stories').owner(validate(storyParams, ctx.params).documentId, locale);
    const by = (ctx.state.user as { id?: number } | undefined)?.id ?? null;
    const body: DismissSuggestion.Response = { data: await getService(strapi, 'suggestions').dismiss(story, input, by) };
    ctx.body = body;
  },

  async undoDismissal(ctx: Context) {
    const { locale } = validate(acceptQuery, ctx.query);
    const params = validate(dismissalParams, ctx.params);
    const story = await getService(strapi, 'related-stories').owner(params.documentId, locale);
    const body: UndoDismissal.Response = { data: { documentId: params.target, undone: await getService(strapi, 'suggestions').undoDismissal(story, params.target) } };
    ctx.body = body;
  },
});

export default suggestionsController;
