import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { GetDashboard, SearchStories } from '../../../shared/contracts/admin';
import { getConfig } from '../config';
import { fieldError } from '../utils/errors';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';

const LOCALE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const localeParam = async (strapi: Core.Strapi, value: unknown) => {
  if (value !== undefined && (typeof value !== 'string' || !LOCALE_CODE.test(value))) {
    throw fieldError(['locale'], 'must be a locale code such as "ru" or "kk"');
  }
  return resolveLocale(strapi, value as string | undefined);
};

/** Admin routes behind the panel's search box and the homepage widget. */
const newsroomAdminController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    const { q, exclude, limit } = ctx.query as Record<string, unknown>;
    if (typeof q !== 'string' || q.trim().length === 0 || q.length > 200) throw fieldError(['q'], 'must be a search text of 1 to 200 characters');
    if (exclude !== undefined && (typeof exclude !== 'string' || !/^[A-Za-z0-9_,-]{0,2000}$/.test(exclude))) {
      throw fieldError(['exclude'], 'must be a comma-separated list of documentIds');
    }
    const size = limit === undefined ? 10 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 50) throw fieldError(['limit'], 'must be an integer from 1 to 50');
    const locale = await localeParam(strapi, ctx.query.locale);
    const excluded = typeof exclude === 'string' && exclude ? exclude.split(',') : [];
    const body: SearchStories.Response = {
      data: await getService(strapi, 'search-index').search(q, locale, excluded, size),
      meta: { timeZone: getConfig(strapi).timeZone },
    };
    ctx.body = body;
  },

  async dashboard(ctx: Context) {
    const locale = await localeParam(strapi, ctx.query.locale);
    const body: GetDashboard.Response = { data: await getService(strapi, 'dashboard').overview(locale) };
    ctx.body = body;
  },
});

export default newsroomAdminController;
