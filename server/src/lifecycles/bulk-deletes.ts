import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { afterWrite } from '../documents/after-write';
import type { PagesBefore } from '../services/pages';
import { getService } from '../utils/services';

interface DeleteManyState {
  affected?: Array<{ documentId: string; locale: string | null; title: string | null }>;
  /** What readers saw of each document before the rows went. */
  pages?: Map<string, PagesBefore | undefined>;
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
      const state = event.state as DeleteManyState;
      state.affected = rows.map((row) => ({
        documentId: row.documentId as string,
        locale: (row.locale as string | null) ?? null,
        title: (row.title as string | null) ?? null,
      }));
      state.pages = new Map();
      for (const documentId of new Set(state.affected.map((row) => row.documentId))) {
        const locales = [...new Set(state.affected.filter((row) => row.documentId === documentId).map((row) => row.locale ?? ''))];
        state.pages.set(documentId, await getService(strapi, 'pages').beforeStories(documentId, locales));
      }
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
        await afterWrite(strapi, { action: 'deleteMany', documentId, locale: [...locales].join(','), pages: (event.state as DeleteManyState).pages?.get(documentId) });
      }
    },
  });
};
