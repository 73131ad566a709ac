import type { Core, UID } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { articleScope, CORRESPONDENT_SCOPE } from '../services/slug';
import { getService } from '../utils/services';

const CONTENT_MANAGER_UID_SERVICE = 'plugin::content-manager.uid';

interface GenerateUidArgs {
  contentTypeUID: UID.ContentType;
  field: string;
  data: Record<string, unknown>;
  locale?: string | null;
}

interface ContentManagerUidService {
  generateUIDField(args: GenerateUidArgs): Promise<string>;
}

const SLUGGED: readonly string[] = [UIDS.article, UIDS.correspondent];

/**
 * The Content Manager previews a slug with `POST /content-manager/uid/generate?locale=`, whose service
 * slugifies with the field's one static `options`: wrapped here so the plugin's slugs are previewed
 * with the server's own `fromTitle` and the story's locale (Kazakh table for `kk`).
 */
export const previewSlugsPerLocale = (strapi: Core.Strapi) => {
  const services = strapi.get('services');
  // Feature-detect: without the Content Manager (or a uid service of another shape) the options alone apply.
  const current = services.get(CONTENT_MANAGER_UID_SERVICE) as Partial<ContentManagerUidService> | undefined;
  if (typeof current?.generateUIDField !== 'function') return;

  services.extend(CONTENT_MANAGER_UID_SERVICE, (service: ContentManagerUidService) => {
    const generate = service.generateUIDField;
    const wrapped: ContentManagerUidService = Object.assign(Object.create(service) as ContentManagerUidService, {
      async generateUIDField(this: ContentManagerUidService, args: GenerateUidArgs) {
        if (!SLUGGED.includes(args.contentTypeUID) || args.field !== 'slug') return generate.call(this, args);
        const attribute = strapi.contentType(args.contentTypeUID).attributes.slug as { targetField?: string };
        const source = attribute.targetField ? args.data?.[attribute.targetField] : undefined;
        const locale = args.contentTypeUID === UIDS.article ? args.locale : null;
        const slugs = getService(strapi, 'slug');
        const base = slugs.fromTitle(typeof source === 'string' ? source : '', locale);
        // The suffix too is the server's (`-2` where the Content Manager alone would say `-1`).
        return slugs.previewUnique(args.contentTypeUID === UIDS.article ? articleScope(locale) : CORRESPONDENT_SCOPE, base);
      },
    });
    return wrapped;
  });
};
