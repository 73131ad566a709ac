import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { SearchTags } from '../../../shared/contracts/admin';
import type { GetTag } from '../../../shared/contracts/public-api';
import { tagSearchQuery } from '../../../shared/schemas/admin';
import { tagParams, tagQuery } from '../../../shared/schemas/public-api';
import { answerId } from '../services/page-cache';
import { pageKeys, type KeySet } from '../services/pages/keys';
import { notFound } from '../utils/errors';
import { foldText } from '../utils/fold';
import { resolveLocale } from '../utils/locale';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

const tagController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A tag's page: its name and its latest published stories. A tag no published story carries is a 404 (drafts' tags stay unknown to readers). */
  async findOne(ctx: Context) {
    if (getService(strapi, 'page-cache').hit(ctx)) return;
    const { slug } = validate(tagParams, ctx.params);
    const query = validate(tagQuery, ctx.query);
    await getService(strapi, 'page-cache').serve(ctx, answerId('tag', slug, query), async (keys?: KeySet) => {
      const stories = getService(strapi, 'stories');
      const options = await stories.readOptions(query);
      const tag = await getService(strapi, 'tags').findBySlug(slug, options.locale);
      const page = tag && (await stories.list({ ...options, keys, ...query.pagination, tagKeys: [foldText(tag.name)], ascending: false }));
      if (!tag || !page || page.pagination.total === 0) throw notFound(`No tag "${slug}"`);
      keys?.add(pageKeys.tag(options.locale, tag.name));
      const body: GetTag.Response = { data: { ...tag, articles: page.data }, meta: { pagination: page.pagination } };
      return body;
    });
  },

  /** The edit view's tags input: catalogue tags of the story's locale matching what the editor typed. */
  async search(ctx: Context) {
    const query = validate(tagSearchQuery, ctx.query);
    const body: SearchTags.Response = { data: await getService(strapi, 'tags').search(query.q, await resolveLocale(strapi, query.locale), query.limit) };
    ctx.body = body;
  },
});

export default tagController;
