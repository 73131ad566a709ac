import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { GetCorrespondent } from '../../../shared/contracts/public-api';
import { correspondentQuery, slugParams } from '../../../shared/schemas/public-api';
import { answerId } from '../services/page-cache';
import { pageKeys, type KeySet } from '../services/pages/keys';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

const correspondentController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A correspondent's public profile (never their email) and their latest published stories. */
  async findOne(ctx: Context) {
    if (getService(strapi, 'page-cache').hit(ctx)) return;
    const { slug } = validate(slugParams, ctx.params);
    const query = validate(correspondentQuery, ctx.query);
    await getService(strapi, 'page-cache').serve(ctx, answerId('correspondent', slug, query), async (keys?: KeySet) => {
      const stories = getService(strapi, 'stories');
      const person = await stories.findCorrespondent(slug);
      if (!person) throw notFound(`No correspondent "${slug}"`);
      keys?.add(pageKeys.correspondent(person.documentId));
      const { data, pagination } = await stories.list({ ...(await stories.readOptions(query)), keys, ...query.pagination, correspondentSlug: slug, ascending: false });
      const { id: _id, ...profile } = person;
      const body: GetCorrespondent.Response = { data: { ...profile, articles: data }, meta: { pagination } };
      return body;
    });
  },
});

export default correspondentController;
