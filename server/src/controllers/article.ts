import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { CountView, GetArticle, GetRelated, ListArticles } from '../../../shared/contracts/public-api';
import { listQuery, slugParams, storyQuery } from '../../../shared/schemas/public-api';
import type { ReadOptions } from '../services/stories';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Public story routes: validate the query, read published content, answer an explicit whitelist. */
const articleController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** One published story's answer by slug or documentId, or a 404. */
  const readStory = async <T>(ctx: Context, read: (slug: string, options: ReadOptions) => Promise<T | null>): Promise<T> => {
    const { slug } = validate(slugParams, ctx.params);
    const data = await read(slug, await getService(strapi, 'stories').readOptions(validate(storyQuery, ctx.query)));
    if (!data) throw notFound(`No published story "${slug}"`);
    return data;
  };

  return {
    async find(ctx: Context) {
      const query = validate(listQuery, ctx.query);
      const stories = getService(strapi, 'stories');
      const options = await stories.readOptions(query);
      // A tag is named by its name (any case, ё = е) or its slug.
      const tag = query.filters?.tags;
      const { data, pagination } = await stories.list({
        ...options,
        ...query.pagination,
        correspondentSlug: query.filters?.correspondent?.slug,
        tagKeys: tag === undefined ? undefined : await getService(strapi, 'tags').filterKeys(tag, options.locale),
        ascending: query.sort,
      });
      const body: ListArticles.Response = { data, meta: { pagination } };
      ctx.body = body;
    },

    async findOne(ctx: Context) {
      const body: GetArticle.Response = { data: await readStory(ctx, (slug, options) => getService(strapi, 'stories').findPage(slug, options)), meta: {} };
      ctx.body = body;
    },

    async related(ctx: Context) {
      const body: GetRelated.Response = { data: await readStory(ctx, (slug, options) => getService(strapi, 'stories').findRelated(slug, options)), meta: {} };
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
