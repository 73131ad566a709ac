import type { Core, Modules } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { CORRESPONDENT_SCOPE } from '../services/slug/index';
import { getService } from '../utils/services';
import { emitHook } from './hook-events';

interface CorrespondentParams {
  documentId?: string;
  data?: Record<string, unknown>;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Correspondent slugs follow the article rules: the plugin's table, unique, stable once set. */
export const correspondentMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UIDS.correspondent || !['create', 'update', 'delete'].includes(context.action)) return next();
    const params = context.params as CorrespondentParams;
    const slugs = getService(strapi, 'slug');
    const outcome = await strapi.db.transaction(async () => {
      if (context.action === 'delete') {
        const result = await next();
        if (params.documentId) await slugs.releaseAll(params.documentId, CORRESPONDENT_SCOPE);
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
      if (!isBlank(data.slug)) {
        data.slug = String(data.slug).trim();
        if (data.slug !== current?.slug) await slugs.claimExact(CORRESPONDENT_SCOPE, data.slug as string, owner);
      } else if (current?.slug && 'slug' in data) {
        data.slug = current.slug;
      } else if (!current?.slug) {
        const name = typeof data.name === 'string' ? data.name : (current?.name ?? '');
        data.slug = await slugs.claimUnique(CORRESPONDENT_SCOPE, slugs.fromTitle(name), owner);
      }
      const result = (await next()) as { documentId?: string } | null;
      const documentId = result?.documentId ?? params.documentId;
      if (documentId) {
        if (owner !== documentId) await slugs.adopt(owner, documentId);
        await slugs.keepOnly(CORRESPONDENT_SCOPE, documentId, (data.slug as string | undefined) ?? current?.slug ?? null);
        emitHook(strapi, { uid: UIDS.correspondent, action: context.action, documentId, locale: null });
      }
      return result;
    });
    return outcome as Awaited<ReturnType<typeof next>>;
  };
