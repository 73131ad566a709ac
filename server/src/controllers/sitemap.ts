import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import { newsSitemapQuery, sitemapQuery } from '../../../shared/schemas/syndication';
import { answerId } from '../services/page-cache';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

const XML = 'application/xml; charset=utf-8';
/** The news sitemap also changes as stories age out of its two-day window, with no write: kept a minute at most. */
const NEWS_MAX_AGE_MS = 60_000;

/** Sitemaps of published stories, as XML; cached and revalidated like every public read. */
const sitemapController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async news(ctx: Context) {
    if (getService(strapi, 'page-cache').hit(ctx)) return;
    const { locale } = validate(newsSitemapQuery, ctx.query);
    await getService(strapi, 'page-cache').serve(ctx, answerId('sitemap-news', locale ?? null), (keys) => getService(strapi, 'sitemaps').news(locale, keys), { type: XML, maxAgeMs: NEWS_MAX_AGE_MS });
  },

  async full(ctx: Context) {
    if (getService(strapi, 'page-cache').hit(ctx)) return;
    const query = validate(sitemapQuery, ctx.query);
    const found = await getService(strapi, 'page-cache').serve(ctx, answerId('sitemap', query), (keys) => getService(strapi, 'sitemaps').full(query, keys), { type: XML });
    if (!found) throw notFound(`No sitemap page ${query.page}`);
  },
});

export default sitemapController;
