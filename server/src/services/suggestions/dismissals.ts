import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../shared/manifest';
import type { DismissedSuggestion } from '../../../../shared/contracts/suggestions';
import { TABLES } from '../../models';
import { inTransaction, localeKey, tableOf } from '../../utils/db';
import { fieldError } from '../../utils/errors';
import type { StoryRef } from '../related-stories';

interface DismissalRow {
  dismissed_document_id: string;
  reason: string | null;
  dismissed_at: number | string;
  title: string | null;
}

/**
 * Editors' "not related": one row per story, locale and dismissed story, with the reason. The rows
 * are never touched by publish, recompute or reindex (only deleting a story drops them); the suggestion reads leave them out (keepOut).
 */
export const createDismissals = (strapi: Core.Strapi) => {
  const db = () => strapi.db.connection;

  /** Dismissals of a story, newest first, with the dismissed stories' titles (any version). */
  const list = async (ref: StoryRef, only?: string): Promise<DismissedSuggestion[]> => {
    const { name, column } = tableOf(strapi, UIDS.article);
    const titles = db()(name).select({ document_id: column('documentId') }).max({ title: column('title') }).groupBy(column('documentId'));
    if (ref.locale) titles.where(column('locale'), ref.locale);
    const query = db()({ d: TABLES.suggestDismissals })
      .leftJoin(titles.as('a'), 'a.document_id', 'd.dismissed_document_id')
      .where({ 'd.document_id': ref.documentId, 'd.locale': localeKey(ref.locale) })
      .select('d.dismissed_document_id', 'd.reason', 'd.dismissed_at', 'a.title')
      .orderBy([{ column: 'd.dismissed_at', order: 'desc' }, { column: 'd.id', order: 'desc' }]);
    if (only) query.where('d.dismissed_document_id', only);
    return ((await query) as DismissalRow[]).map((row) => ({
      documentId: row.dismissed_document_id,
      title: row.title ?? null,
      reason: row.reason ?? null,
      dismissedAt: new Date(Number(row.dismissed_at)).toISOString(),
    }));
  };

  return {
    list,

    /** Marks `target` not related to the story (again: the reason and time are replaced). */
    async dismiss(ref: StoryRef, input: { target: string; reason?: string | null }, by: number | null): Promise<DismissedSuggestion> {
      if (input.target === ref.documentId) throw fieldError(['target'], 'must be another story than the one whose suggestions are dismissed');
      const { name, column } = tableOf(strapi, UIDS.article);
      const exists = db()(name).where(column('documentId'), input.target).first(column('id'));
      if (ref.locale) exists.where(column('locale'), ref.locale);
      if (!(await exists)) throw fieldError(['target'], `must be the documentId of a story${ref.locale ? ` in locale "${ref.locale}"` : ''}`);
      const row = { document_id: ref.documentId, locale: localeKey(ref.locale), dismissed_document_id: input.target, reason: input.reason || null, dismissed_by: by, dismissed_at: Date.now() };
      await db()(TABLES.suggestDismissals).insert(row).onConflict(['document_id', 'locale', 'dismissed_document_id']).merge(['reason', 'dismissed_by', 'dismissed_at']);
      return (await list(ref, input.target))[0];
    },

    /** A deleted story (in one locale) leaves no dismissals behind: neither its own nor those naming it. */
    async forget(documentId: string, locale: string) {
      // Inside the delete's own transaction (strapi.db.transaction joins it): a bare connection would wait for it on SQLite.
      await inTransaction(strapi, (trx) =>
        trx(TABLES.suggestDismissals)
          .where({ locale })
          .where((q) => q.where({ document_id: documentId }).orWhere({ dismissed_document_id: documentId }))
          .delete()
      );
    },

    /** Undoes a dismissal; false when there was none. */
    async undo(ref: StoryRef, target: string): Promise<boolean> {
      const removed = await db()(TABLES.suggestDismissals).where({ document_id: ref.documentId, locale: localeKey(ref.locale), dismissed_document_id: target }).delete();
      return Number(removed) > 0;
    },
  };
};
