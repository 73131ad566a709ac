import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { DisplayLanguage } from '../../../shared/dates';
import type { CountRelatedClick, CountView, GetArticle, GetRelated, ListArticles } from '../../../shared/contracts/public-api';
import { listQuery, pageQuery, relatedClickBody, slugParams, storyQuery } from '../../../shared/schemas/public-api';
import { answerId } from '../services/page-cache';
import type { KeySet } from '../services/pages/keys';
import { answerMoved } from './moved';
import type { ReadOptions } from '../services/stories';
import { notFound } from '../utils/errors';
import { isCrawler, readerId } from '../utils/readers';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Public story routes: validate the query, read published content, answer an explicit whitelist. */
type StoryQuery = { lang?: DisplayLanguage; locale?: string };

const articleController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** One published story's answer by slug or documentId, cached per route, slug and query; a renamed story's old slug answers 301, anything else a 404. */
  const serveStory = async <T>(ctx: Context, route: string, query: StoryQuery, read: (slug: string, options: ReadOptions) => Promise<T | null>, meta: (data: T) => Promise<Record<string, unknown>> = async () => ({})) => {
    const { slug } = validate(slugParams, ctx.params);
    const stories = getService(strapi, 'stories');
    const answered = await getService(strapi, 'page-cache').serve(ctx, answerId(route, slug, query), async (keys?: KeySet) => {
      const data = await read(slug, { ...(await stories.readOptions(query)), keys });
      return data ? { data, meta: await meta(data) } : null;
    });
    if (answered) return;
    if (await answerMoved(strapi, ctx, slug, (await stories.readOptions(query)).locale)) return;
    throw notFound(`No published story "${slug}"`);
  };

  return {
    async find(ctx: Context) {
      if (getService(strapi, 'page-cache').hit(ctx)) return;
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
      if (getService(strapi, 'page-cache').hit(ctx)) return;
      const query = validate(pageQuery, ctx.query);
      await serveStory<GetArticle.Response['data']>(ctx, 'article', query, (slug, options) => getService(strapi, 'stories').findPage(slug, options), async (data) =>
        query.jsonLd ? { jsonLd: await getService(strapi, 'structured-data').forStory(data) } : {}
      );
    },

    async related(ctx: Context) {
      if (getService(strapi, 'page-cache').hit(ctx)) return;
      await serveStory<GetRelated.Response['data']>(ctx, 'related', validate(storyQuery, ctx.query), (slug, options) => getService(strapi, 'stories').findRelated(slug, options));
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
      const result = isCrawler(userAgent) ? { views: await views.current(target), counted: false } : await views.increment(target, () => readerId(strapi, ctx.request.ip, userAgent));
      if (result.counted) getService(strapi, 'page-cache').viewed(target.documentId, target.locale);
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
      const counted = !isCrawler(userAgent) && (await clicks.record(click, () => readerId(strapi, ctx.request.ip, userAgent)));
      const body: CountRelatedClick.Response = { data: { documentId: click.story.documentId, counted } };
      ctx.body = body;
    },
  };
};

export default articleController;
