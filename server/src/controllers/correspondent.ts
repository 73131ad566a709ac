import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { GetCorrespondent } from '../../../shared/contracts/public-api';
import { getConfig } from '../config';
import { resolveLocale } from '../utils/locale';
import { parseCorrespondentQuery, parseSlugParam } from '../utils/public-query';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';

const correspondentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A correspondent's public profile (never their email) and their latest published stories. */
  async findOne(ctx: Context) {
    const slug = parseSlugParam(ctx.params.slug);
    const query = parseCorrespondentQuery(ctx.query, getConfig(strapi).defaultLocale);
    const stories = getService(strapi, 'stories');
    const person = await stories.findCorrespondent(slug);
    if (!person) throw notFound(`No correspondent "${slug}"`);
    const { data, pagination } = await stories.list({ ...query, locale: await resolveLocale(strapi, query.locale), correspondentSlug: slug, ascending: false });
    const { id: _id, ...profile } = person;
    const body: GetCorrespondent.Response = { data: { ...profile, articles: data }, meta: { pagination } };
    ctx.body = body;
  },
});

export default correspondentController;
