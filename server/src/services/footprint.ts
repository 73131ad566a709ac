import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { getService } from '../utils/services';
import { articleScope } from './slug';

/**
 * What the plugin keeps about a story beside Strapi's own rows: its lists, the entries citing it,
 * its slugs, counters, search rows and suggestions. Forgotten per locale once no row of it is left.
 */
const footprintService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `titles` are the story's titles per locale, read before its rows went (for the record of broken links). */
  async forget(documentId: string, locales: string[], titles: Map<string, string>) {
    const related = getService(strapi, 'related-stories');
    for (const locale of locales) {
      const remaining = await strapi.db.query(UIDS.article).count({ where: { documentId, ...(locale ? { locale } : {}) } });
      if (remaining > 0) continue;
      await related.deleteOwnLists(documentId, locale);
      await related.removeDeletedTarget(documentId, locale, titles);
      await getService(strapi, 'slug').releaseAll(documentId, articleScope(locale));
      await getService(strapi, 'views').forget(documentId, locale);
      await getService(strapi, 'related-clicks').forget(documentId, locale);
      await getService(strapi, 'search-index').remove(documentId, locale);
      await getService(strapi, 'suggestions').remove(documentId, [locale]);
      await getService(strapi, 'suggestions').forgetDismissals(documentId, locale);
      await getService(strapi, 'slug-redirects').forget(documentId, locale);
      await getService(strapi, 'modifications').forget(documentId, locale);
    }
  },
});

export type FootprintService = ReturnType<typeof footprintService>;
export default footprintService;
