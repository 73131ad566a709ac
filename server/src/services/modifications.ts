import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { TABLES } from '../models';
import { toIso } from '../utils/columns';
import { inTransaction, localeKey } from '../utils/db';

/** The published content readers get, in a stable shape: what a fingerprint is taken of. */
interface PublishedContent {
  title?: string | null;
  lead?: string | null;
  body?: unknown;
  source?: string | null;
  tags?: unknown;
  publicationDate?: string | null;
  cover?: { id: number } | null;
  correspondents?: Array<{ documentId: string }>;
  corrections?: Array<{ date: string | null; text: string | null }>;
}

const fingerprintOf = (content: PublishedContent) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        content.title ?? null,
        content.lead ?? null,
        content.body ?? null,
        content.source ?? null,
        content.tags ?? null,
        content.cover?.id ?? null,
        (content.correspondents ?? []).map((person) => person.documentId),
        (content.corrections ?? []).map((correction) => [toIso(correction.date), correction.text]),
      ])
    )
    .digest('hex');

/**
 * When each story's own published content last changed (`dateModified`). A publish compares a
 * fingerprint of the published version with the stored one: only a real change moves the date, so a
 * republish without edits, a view or another story's edit leaves it where it was.
 */
const modificationsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** After a publish of `locales`: first publication dates it at `publicationDate`, a changed version at now. */
  async record(documentId: string, locales: string[]) {
    for (const locale of locales) {
      const content = (await strapi.documents(UIDS.article).findOne({
        documentId,
        locale: locale || undefined,
        status: 'published',
        fields: ['title', 'lead', 'body', 'source', 'tags', 'publicationDate'],
        populate: { cover: { fields: ['id'] }, correspondents: { fields: ['documentId'] }, corrections: true },
      } as never)) as PublishedContent | null;
      if (!content) continue;
      const fingerprint = fingerprintOf(content);
      const key = { document_id: documentId, locale: localeKey(locale) };
      await inTransaction(strapi, async (trx) => {
        const stored = (await trx(TABLES.modifications).where(key).first('fingerprint')) as { fingerprint: string } | undefined;
        if (stored?.fingerprint === fingerprint) return;
        if (stored) await trx(TABLES.modifications).where(key).update({ fingerprint, modified_at: new Date() });
        else await trx(TABLES.modifications).insert({ ...key, fingerprint, modified_at: new Date(content.publicationDate ?? Date.now()) });
      });
    }
  },

  /** A story's last published change (ISO), or null when it was never published. */
  async modifiedAt(documentId: string, locale: string | null): Promise<string | null> {
    const row = (await strapi.db.connection(TABLES.modifications).where({ document_id: documentId, locale: localeKey(locale) }).first('modified_at')) as { modified_at: unknown } | undefined;
    return toIso(row?.modified_at);
  },

  async forget(documentId: string, locale: string) {
    await inTransaction(strapi, (trx) => trx(TABLES.modifications).where({ document_id: documentId, locale: localeKey(locale) }).delete());
  },
});

export type ModificationsService = ReturnType<typeof modificationsService>;
export default modificationsService;
