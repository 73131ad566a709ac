import type { Core, UID } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
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
  findUniqueUID(args: Omit<GenerateUidArgs, 'data'> & { value: string }): Promise<string>;
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
  if (typeof current?.generateUIDField !== 'function' || typeof current.findUniqueUID !== 'function') return;

  services.extend(CONTENT_MANAGER_UID_SERVICE, (service: ContentManagerUidService) => {
    const generate = service.generateUIDField;
    const wrapped: ContentManagerUidService = Object.assign(Object.create(service) as ContentManagerUidService, {
      async generateUIDField(this: ContentManagerUidService, args: GenerateUidArgs) {
        if (!SLUGGED.includes(args.contentTypeUID) || args.field !== 'slug') return generate.call(this, args);
        const attribute = strapi.contentType(args.contentTypeUID).attributes.slug as { targetField?: string };
        const source = attribute.targetField ? args.data?.[attribute.targetField] : undefined;
        const locale = args.contentTypeUID === UIDS.article ? args.locale : null;
        const value = getService(strapi, 'slug').fromTitle(typeof source === 'string' ? source : '', locale);
        return this.findUniqueUID({ contentTypeUID: args.contentTypeUID, field: args.field, locale: args.locale, value });
      },
    });
    return wrapped;
  });
};
