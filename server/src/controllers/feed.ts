import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { FeedFormat } from '../../../shared/contracts/syndication';
import { correspondentFeedParams, feedParams, feedQuery, tagFeedParams } from '../../../shared/schemas/syndication';
import type { KeySet } from '../services/pages/keys';
import { answerId } from '../services/page-cache';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

const CONTENT_TYPES: Record<FeedFormat, string> = { 'rss.xml': 'application/rss+xml; charset=utf-8', 'atom.xml': 'application/atom+xml; charset=utf-8' };

/** RSS 2.0 and Atom feeds: the whole site, a correspondent, a tag; cached and revalidated like every public read. */
const feedController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The feed's own path under /newsroom and its query (its self links). */
  const request = (ctx: Context, format: FeedFormat) => ({ format, ...validate(feedQuery, ctx.query), path: ctx.path.replace(/^.*?\/newsroom/, ''), search: ctx.querystring ? `?${ctx.querystring}` : '' });
  const serve = (ctx: Context, format: FeedFormat, parts: unknown[], read: (keys?: KeySet) => Promise<string | null>) =>
    getService(strapi, 'page-cache').serve(ctx, answerId('feed', format, ...parts), read, { type: CONTENT_TYPES[format] });

  return {
    async site(ctx: Context) {
      if (getService(strapi, 'page-cache').hit(ctx)) return;
      const { format } = validate(feedParams, ctx.params);
      const feed = request(ctx, format);
      await serve(ctx, format, ['site', feed], (keys) => getService(strapi, 'feeds').site(feed, keys));
    },

    async correspondent(ctx: Context) {
      if (getService(strapi, 'page-cache').hit(ctx)) return;
      const { format, slug } = validate(correspondentFeedParams, ctx.params);
      const feed = request(ctx, format);
      const found = await serve(ctx, format, ['correspondent', slug, feed], (keys) => getService(strapi, 'feeds').correspondent(slug, feed, keys));
      if (!found) throw notFound(`No correspondent "${slug}"`);
    },

    async tag(ctx: Context) {
      if (getService(strapi, 'page-cache').hit(ctx)) return;
      const { format, tag } = validate(tagFeedParams, ctx.params);
      const feed = request(ctx, format);
      await serve(ctx, format, ['tag', tag, feed], (keys) => getService(strapi, 'feeds').tag(tag, feed, keys));
    },
  };
};

export default feedController;
