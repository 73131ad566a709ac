import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { GetDashboard, SearchStories } from '../../../shared/contracts/admin';
import type { GetClickOverview, GetStoryClicks } from '../../../shared/contracts/reader-stats';
import { UIDS } from '../../../shared/manifest';
import { dashboardQuery, searchQuery } from '../../../shared/schemas/admin';
import { clickStatsQuery } from '../../../shared/schemas/reader-stats';
import { storyParams } from '../../../shared/schemas/rules';
import { getConfig } from '../config';
import { notFound } from '../utils/errors';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Admin routes behind the panel's search box, the homepage widget and the related-click numbers. */
const newsroomAdminController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    const query = validate(searchQuery, ctx.query);
    const locale = await resolveLocale(strapi, query.locale);
    const body: SearchStories.Response = {
      data: await getService(strapi, 'search-index').search(query.q, locale, query.exclude, query.limit),
      meta: { timeZone: getConfig(strapi).timeZone },
    };
    ctx.body = body;
  },

  async dashboard(ctx: Context) {
    const { locale } = validate(dashboardQuery, ctx.query);
    const body: GetDashboard.Response = { data: await getService(strapi, 'dashboard').overview(await resolveLocale(strapi, locale)) };
    ctx.body = body;
  },

  async storyClicks(ctx: Context) {
    const { documentId } = validate(storyParams, ctx.params);
    const query = validate(clickStatsQuery, ctx.query);
    const locale = await resolveLocale(strapi, query.locale);
    if ((await strapi.db.query(UIDS.article).count({ where: { documentId, ...(locale ? { locale } : {}) } })) === 0) throw notFound(`No story "${documentId}"`);
    const body: GetStoryClicks.Response = { data: await getService(strapi, 'click-stats').story(documentId, locale, query.minViews) };
    ctx.body = body;
  },

  async clickOverview(ctx: Context) {
    const query = validate(clickStatsQuery, ctx.query);
    const body: GetClickOverview.Response = { data: await getService(strapi, 'click-stats').overview(await resolveLocale(strapi, query.locale), query.minViews) };
    ctx.body = body;
  },
});

export default newsroomAdminController;
