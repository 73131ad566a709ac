import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { FeedFormat } from '../../../shared/contracts/syndication';
import { correspondentFeedParams, feedParams, feedQuery, tagFeedParams } from '../../../shared/schemas/syndication';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

const CONTENT_TYPES: Record<FeedFormat, string> = { 'rss.xml': 'application/rss+xml; charset=utf-8', 'atom.xml': 'application/atom+xml; charset=utf-8' };

/** RSS 2.0 and Atom feeds: the whole site, a correspondent, a tag. */
const feedController = ({ strapi }: { strapi: Core.Strapi }) => {
  const answer = (ctx: Context, format: FeedFormat, body: string) => {
    ctx.type = CONTENT_TYPES[format];
    ctx.body = body;
  };
  /** The feed's own path under /newsroom and its query (its self links). */
  const request = (ctx: Context, format: FeedFormat) => ({ format, ...validate(feedQuery, ctx.query), path: ctx.path.replace(/^.*?\/newsroom/, ''), search: ctx.querystring ? `?${ctx.querystring}` : '' });

  return {
    async site(ctx: Context) {
      const { format } = validate(feedParams, ctx.params);
      answer(ctx, format, await getService(strapi, 'feeds').site(request(ctx, format)));
    },

    async correspondent(ctx: Context) {
      const { format, slug } = validate(correspondentFeedParams, ctx.params);
      const body = await getService(strapi, 'feeds').correspondent(slug, request(ctx, format));
      if (body === null) throw notFound(`No correspondent "${slug}"`);
      answer(ctx, format, body);
    },

    async tag(ctx: Context) {
      const { format, tag } = validate(tagFeedParams, ctx.params);
      answer(ctx, format, await getService(strapi, 'feeds').tag(tag, request(ctx, format)));
    },
  };
};

export default feedController;
