import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import { newsSitemapQuery, sitemapQuery } from '../../../shared/schemas/syndication';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Sitemaps of published stories, as XML. */
const sitemapController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async news(ctx: Context) {
    const { locale } = validate(newsSitemapQuery, ctx.query);
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = await getService(strapi, 'sitemaps').news(locale);
  },

  async full(ctx: Context) {
    const query = validate(sitemapQuery, ctx.query);
    const body = await getService(strapi, 'sitemaps').full(query);
    if (body === null) throw notFound(`No sitemap page ${query.page}`);
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = body;
  },
});

export default sitemapController;
