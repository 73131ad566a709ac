import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { afterWrite } from '../documents/after-write';
import { getService } from '../utils/services';

interface DeleteManyState {
  affected?: Array<{ documentId: string; locale: string | null; title: string | null }>;
}

/**
 * `deleteMany` on articles bypasses the Document Service (bulk scripts, other plugins, Strapi's
 * own cleanup), so the related lists that cite those stories are fixed here. Document Service
 * deletes never fire `*Many` lifecycles, so nothing runs twice.
 */
export const registerDatabaseLifecycles = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [UIDS.article],
    async beforeDeleteMany(event) {
      const rows = await strapi.db.query(UIDS.article).findMany({
        where: event.params.where,
        select: ['documentId', 'locale', 'title'],
      });
      (event.state as DeleteManyState).affected = rows.map((row) => ({
        documentId: row.documentId as string,
        locale: (row.locale as string | null) ?? null,
        title: (row.title as string | null) ?? null,
      }));
    },
    async afterDeleteMany(event) {
      const affected = (event.state as DeleteManyState).affected ?? [];
      const byDocument = new Map<string, { locales: Set<string>; titles: Map<string, string> }>();
      for (const row of affected) {
        const entry = byDocument.get(row.documentId) ?? { locales: new Set(), titles: new Map() };
        entry.locales.add(row.locale ?? '');
        if (row.title) entry.titles.set(row.locale ?? '', row.title);
        byDocument.set(row.documentId, entry);
      }
      for (const [documentId, { locales, titles }] of byDocument) {
        await getService(strapi, 'footprint').forget(documentId, [...locales], titles);
        await afterWrite(strapi, { action: 'deleteMany', documentId, locale: [...locales].join(',') });
      }
    },
  });
};
