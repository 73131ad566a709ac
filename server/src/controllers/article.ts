import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { CountView, GetArticle, GetRelated, ListArticles } from '../../../shared/contracts/public-api';
import { listQuery, slugParams, storyQuery } from '../../../shared/schemas/public-api';
import { answerId } from '../services/page-cache';
import type { KeySet } from '../services/pages/keys';
import type { ReadOptions } from '../services/stories';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Public story routes: validate the query, read published content, answer an explicit whitelist. */
const articleController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** One published story's answer by slug or documentId (cached per route, slug and query), or a 404. */
  const serveStory = async <T>(ctx: Context, route: string, read: (slug: string, options: ReadOptions) => Promise<T | null>) => {
    const { slug } = validate(slugParams, ctx.params);
    const query = validate(storyQuery, ctx.query);
    await getService(strapi, 'page-cache').serve(ctx, answerId(route, slug, query), async (keys?: KeySet) => {
      const data = await read(slug, { ...(await getService(strapi, 'stories').readOptions(query)), keys });
      if (!data) throw notFound(`No published story "${slug}"`);
      return { data, meta: {} };
    });
  };

  return {
    async find(ctx: Context) {
      const query = validate(listQuery, ctx.query);
      await getService(strapi, 'page-cache').serve(ctx, answerId('articles', query), async (keys?: KeySet) => {
        const stories = getService(strapi, 'stories');
        const options = await stories.readOptions(query);
        // A tag is named by its name (any case, ё = е) or its slug.
        const tag = query.filters?.tags;
        const { data, pagination } = await stories.list({
          ...options,
          keys,
          ...query.pagination,
          correspondentSlug: query.filters?.correspondent?.slug,
          tagKeys: tag === undefined ? undefined : await getService(strapi, 'tags').filterKeys(tag, options.locale),
          ascending: query.sort,
        });
        const body: ListArticles.Response = { data, meta: { pagination } };
        return body;
      });
    },

    async findOne(ctx: Context) {
      await serveStory<GetArticle.Response['data']>(ctx, 'article', (slug, options) => getService(strapi, 'stories').findPage(slug, options));
    },

    async related(ctx: Context) {
      await serveStory<GetRelated.Response['data']>(ctx, 'related', (slug, options) => getService(strapi, 'stories').findRelated(slug, options));
    },

    async view(ctx: Context) {
      const { slug } = validate(slugParams, ctx.params);
      const { locale } = await getService(strapi, 'stories').readOptions(validate(storyQuery, ctx.query));
      const views = getService(strapi, 'views');
      const target = await views.findPublished(slug, locale);
      if (!target) throw notFound(`No published story "${slug}"`);
      const result = await views.increment(target, views.clientId(ctx.request.ip, ctx.get('user-agent')));
      if (result.counted) getService(strapi, 'page-cache').viewed(target.documentId, target.locale);
      const body: CountView.Response = { data: { documentId: target.documentId, ...result } };
      ctx.body = body;
    },
  };
};

export default articleController;
