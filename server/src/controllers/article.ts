import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { DisplayLanguage } from '../../../shared/dates';
import type { CountView, GetArticle, GetRelated, ListArticles } from '../../../shared/contracts/public-api';
import { listQuery, pageQuery, slugParams, storyQuery } from '../../../shared/schemas/public-api';
import { answerMoved } from './moved';
import type { ReadOptions } from '../services/stories';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Public story routes: validate the query, read published content, answer an explicit whitelist. */
type StoryQuery = { lang?: DisplayLanguage; locale?: string };

const articleController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** One published story's answer by slug or documentId; a renamed story's old slug answers 301 (null), anything else a 404. */
  const readStory = async <T>(ctx: Context, query: StoryQuery, read: (slug: string, options: ReadOptions) => Promise<T | null>): Promise<T | null> => {
    const { slug } = validate(slugParams, ctx.params);
    const options = await getService(strapi, 'stories').readOptions(query);
    const data = await read(slug, options);
    if (data) return data;
    if (await answerMoved(strapi, ctx, slug, options.locale)) return null;
    throw notFound(`No published story "${slug}"`);
  };

  return {
    async find(ctx: Context) {
      const query = validate(listQuery, ctx.query);
      const stories = getService(strapi, 'stories');
      const { data, pagination } = await stories.list({
        ...(await stories.readOptions(query)),
        ...query.pagination,
        correspondentSlug: query.filters?.correspondent?.slug,
        tag: query.filters?.tags,
        ascending: query.sort,
      });
      const body: ListArticles.Response = { data, meta: { pagination } };
      ctx.body = body;
    },

    async findOne(ctx: Context) {
      const query = validate(pageQuery, ctx.query);
      const data = await readStory(ctx, query, (slug, options) => getService(strapi, 'stories').findPage(slug, options));
      if (!data) return;
      const body: GetArticle.Response = { data, meta: query.jsonLd ? { jsonLd: await getService(strapi, 'structured-data').forStory(data) } : {} };
      ctx.body = body;
    },

    async related(ctx: Context) {
      const data = await readStory(ctx, validate(storyQuery, ctx.query), (slug, options) => getService(strapi, 'stories').findRelated(slug, options));
      if (!data) return;
      const body: GetRelated.Response = { data, meta: {} };
      ctx.body = body;
    },

    async view(ctx: Context) {
      const { slug } = validate(slugParams, ctx.params);
      const { locale } = await getService(strapi, 'stories').readOptions(validate(storyQuery, ctx.query));
      const views = getService(strapi, 'views');
      const target = await views.findPublished(slug, locale);
      if (!target) throw notFound(`No published story "${slug}"`);
      const result = await views.increment(target, views.clientId(ctx.request.ip, ctx.get('user-agent')));
      const body: CountView.Response = { data: { documentId: target.documentId, ...result } };
      ctx.body = body;
    },
  };
};

export default articleController;
