import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { CountRelatedClick, CountView, GetArticle, GetRelated, ListArticles } from '../../../shared/contracts/public-api';
import { listQuery, relatedClickBody, slugParams, storyQuery } from '../../../shared/schemas/public-api';
import type { ReadOptions } from '../services/stories';
import { notFound } from '../utils/errors';
import { isCrawler, readerId } from '../utils/readers';
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
      const body: GetArticle.Response = { data: await readStory(ctx, (slug, options) => getService(strapi, 'stories').findPage(slug, options)), meta: {} };
      ctx.body = body;
    },

    async related(ctx: Context) {
      const body: GetRelated.Response = { data: await readStory(ctx, (slug, options) => getService(strapi, 'stories').findRelated(slug, options)), meta: {} };
      ctx.body = body;
    },

    async view(ctx: Context) {
      const { slug } = validate(slugParams, ctx.params);
      // The default locale is resolved inside the lookup's one statement.
      const { locale } = validate(storyQuery, ctx.query);
      const views = getService(strapi, 'views');
      const target = await views.findPublished(slug, locale ?? null);
      if (!target) throw notFound(`No published story "${slug}"`);
      const userAgent = ctx.get('user-agent') || undefined;
      // Crawlers get the count but do not move it.
      const result = isCrawler(userAgent) ? { views: await views.current(target), counted: false } : await views.increment(target, readerId(strapi, ctx.request.ip, userAgent));
      const body: CountView.Response = { data: { documentId: target.documentId, ...result } };
      ctx.body = body;
    },

    async relatedClick(ctx: Context) {
      const { slug } = validate(slugParams, ctx.params);
      const query = validate(storyQuery, ctx.query);
      const input = validate(relatedClickBody, ctx.request.body ?? {}, { root: 'body' });
      const clicks = getService(strapi, 'related-clicks');
      const click = await clicks.resolve(slug, query, input);
      const userAgent = ctx.get('user-agent') || undefined;
      const counted = !isCrawler(userAgent) && (await clicks.record(click, readerId(strapi, ctx.request.ip, userAgent)));
      const body: CountRelatedClick.Response = { data: { documentId: click.story.documentId, counted } };
      ctx.body = body;
    },
  };
};

export default articleController;
