import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

import type { MovedStory } from '../../../shared/contracts/public-api';
import { getService } from '../utils/services';
import { siteAddresses } from '../utils/site';

/**
 * Answers a renamed story's old slug with a 301 to the same route under its current slug, and a body
 * naming that slug and its public URL (so a front end can redirect its reader). False when `slug` was never a published slug.
 */
export const answerMoved = async (strapi: Core.Strapi, ctx: Context, slug: string, locale: string | null): Promise<boolean> => {
  const moved = await getService(strapi, 'slug-redirects').resolve(slug, locale);
  if (!moved) return false;
  const path = ctx.path.replace(/(\/articles\/)[^/]+/, `$1${encodeURIComponent(moved.slug)}`);
  const location = ctx.querystring ? `${path}?${ctx.querystring}` : path;
  const body: MovedStory = { data: null, moved: { from: slug, slug: moved.slug, documentId: moved.documentId, url: siteAddresses(strapi).storyPath(moved.slug), location } };
  ctx.status = 301;
  ctx.set('Location', location);
  ctx.body = body;
  return true;
};
