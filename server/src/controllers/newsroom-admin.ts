import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { GetDashboard, SearchStories } from '../../../shared/contracts/admin';
import { dashboardQuery, searchQuery } from '../../../shared/schemas/admin';
import { getConfig } from '../config';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** Admin routes behind the panel's search box and the homepage widget. */
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
});

export default newsroomAdminController;
