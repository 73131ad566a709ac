import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { CountView, GetArticle, GetRelated, ListArticles } from '../../../shared/contracts/public-api';
import { getConfig } from '../config';
import { parseListQuery, parseSlugParam, parseStoryQuery } from '../utils/public-query';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { resolveLocale } from '../utils/locale';

/** Public story routes: validate the query, read published content, answer an explicit whitelist. */
const articleController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const query = parseListQuery(ctx.query, getConfig(strapi).defaultLocale);
    const locale = await resolveLocale(strapi, query.locale);
    const { data, pagination } = await getService(strapi, 'stories').list({ ...query, locale });
    const body: ListArticles.Response = { data, meta: { pagination } };
    ctx.body = body;
  },

  async findOne(ctx: Context) {
    const slug = parseSlugParam(ctx.params.slug);
    const query = parseStoryQuery(ctx.query, getConfig(strapi).defaultLocale);
    const data = await getService(strapi, 'stories').findPage(slug, { lang: query.lang, locale: await resolveLocale(strapi, query.locale) });
    if (!data) throw notFound(`No published story "${slug}"`);
    const body: GetArticle.Response = { data, meta: {} };
    ctx.body = body;
  },

  async related(ctx: Context) {
    const slug = parseSlugParam(ctx.params.slug);
    const query = parseStoryQuery(ctx.query, getConfig(strapi).defaultLocale);
    const data = await getService(strapi, 'stories').findRelated(slug, { lang: query.lang, locale: await resolveLocale(strapi, query.locale) });
    if (!data) throw notFound(`No published story "${slug}"`);
    const body: GetRelated.Response = { data, meta: {} };
    ctx.body = body;
  },

  async view(ctx: Context) {
    const slug = parseSlugParam(ctx.params.slug);
    const query = parseStoryQuery(ctx.query, getConfig(strapi).defaultLocale);
    const views = getService(strapi, 'views');
    const target = await views.findPublished(slug, await resolveLocale(strapi, query.locale));
    if (!target) throw notFound(`No published story "${slug}"`);
    const result = await views.increment(target, views.clientId(ctx.request.ip, ctx.get('user-agent')));
    const body: CountView.Response = { data: { documentId: target.documentId, ...result } };
    ctx.body = body;
  },
});

export default articleController;
