import type { Core, Modules } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { CORRESPONDENT_SCOPE } from '../services/slug';
import { getService } from '../utils/services';
import { afterWrite } from './after-write';

interface CorrespondentParams {
  documentId?: string;
  data?: Record<string, unknown>;
}

/** Correspondent slugs follow the article rules: the plugin's table, unique, stable once set. */
export const correspondentMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UIDS.correspondent || !['create', 'update', 'delete'].includes(context.action)) return next();
    const params = context.params as CorrespondentParams;
    const slugs = getService(strapi, 'slug');
    const outcome = await strapi.db.transaction(async () => {
      const pages = await getService(strapi, 'pages').beforeCorrespondent(params.documentId);
      if (context.action === 'delete') {
        const result = await next();
        if (params.documentId) {
          await slugs.releaseAll(params.documentId, CORRESPONDENT_SCOPE);
          await afterWrite(strapi, { uid: UIDS.correspondent, action: 'delete', documentId: params.documentId, locale: null, pages });
        }
        return result;
      }
      const data = (params.data ??= {});
      const current = params.documentId
        ? ((await strapi.db.query(UIDS.correspondent).findOne({ where: { documentId: params.documentId }, select: ['slug', 'name'] })) as {
            slug: string | null;
            name: string | null;
          } | null)
        : null;
      if (context.action === 'update' && !current) return next();
      const owner = params.documentId ?? slugs.pendingOwner();
      // A byline's slug is settled as soon as it exists: it never follows a corrected name.
      const slug = await slugs.forWrite({
        scope: CORRESPONDENT_SCOPE,
        owner,
        data,
        current: current ? { slug: current.slug, title: current.name } : null,
        title: typeof data.name === 'string' ? data.name : (current?.name ?? ''),
        settled: true,
        followsTitle: false,
      });
      if (slug !== null) data.slug = slug;
      const result = (await next()) as { documentId?: string } | null;
      const documentId = result?.documentId ?? params.documentId;
      if (documentId) {
        if (owner !== documentId) await slugs.adopt(owner, documentId);
        await slugs.keepOnly(CORRESPONDENT_SCOPE, documentId, (data.slug as string | undefined) ?? current?.slug ?? null);
        await afterWrite(strapi, { uid: UIDS.correspondent, action: context.action, documentId, locale: null, pages });
      }
      return result;
    });
    return outcome as Awaited<ReturnType<typeof next>>;
  };
