import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../shared/manifest';
import { TABLES } from '../models';
import { bylinesTable } from '../utils/bylines';
import { readJson, toIso } from '../utils/columns';
import { compiledRead, inTransaction, localeKey, tableOf } from '../utils/db';
import { articleColumn, mediaTables } from './stories/cards';
import { correctionsQuery } from './stories/corrections';

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
  corrections?: Array<{ date: unknown; text: string | null }>;
}

/** A published row's fingerprinted columns, its cover's file id and one byline (in order) per row. */
const readContent = compiledRead((strapi, db, { localized }: { localized: boolean }, param: (name: 'documentId' | 'locale' | 'key') => string) => {
  const a = articleColumn(strapi);
  const bylines = bylinesTable(strapi);
  const people = tableOf(strapi, UIDS.correspondent);
  const m = mediaTables(strapi);
  const query = db({ a: tableOf(strapi, UIDS.article).name })
    .leftJoin({ cm: m.morph }, function joinCover() {
      this.on(`cm.${m.relatedId}`, '=', a('id')).andOnVal(`cm.${m.relatedType}`, '=', UIDS.article).andOnVal('cm.field', '=', 'cover');
    })
    .leftJoin({ cf: m.files }, 'cf.id', `cm.${m.fileId}`)
    // The stored fingerprint rides along: one statement fewer per publish.
    .leftJoin({ mf: TABLES.modifications }, function joinStored() {
      this.on('mf.document_id', '=', a('documentId')).andOnVal('mf.locale', '=', param('key'));
    })
    .leftJoin({ l: bylines.name }, `l.${bylines.joinColumn.name}`, a('id'))
    .leftJoin({ c: people.name }, `c.${people.column('id')}`, `l.${bylines.inverseJoinColumn.name}`)
    .where(a('documentId'), param('documentId'))
    .whereNotNull(a('publishedAt'))
    .orderBy([{ column: a('id') }, { column: `l.${bylines.orderColumnName}` }, { column: 'l.id' }])
    .select({ id: a('id'), title: a('title'), lead: a('lead'), body: a('body'), source: a('source'), tags: a('tags'), publication_date: a('publicationDate'), cover_id: 'cf.id', person: `c.${people.column('documentId')}`, stored: 'mf.fingerprint' });
  return localized ? query.andWhere(a('locale'), param('locale')) : query;
});

type ContentRow = { id: number; title: string | null; lead: string | null; body: unknown; source: string | null; tags: unknown; publication_date: unknown; cover_id: number | null; person: string | null; stored: string | null };

/**
 * The published version's content in the shape the Document Service returned it (what stored
 * fingerprints were taken of): two statements, where `findOne` with populate took four.
 */
const readPublished = async (strapi: Core.Strapi, db: Knex, documentId: string, locale: string): Promise<{ content: PublishedContent; stored: string | null } | null> => {
  const rows = await readContent<ContentRow>(strapi, db, { localized: Boolean(locale) }, { documentId, locale, key: localeKey(locale) });
  const [first] = rows;
  if (!first) return null;
  const own = rows.filter((row) => Number(row.id) === Number(first.id));
  const corrections = (await correctionsQuery(strapi, db, first.id)) as Array<{ ord: number; row_id: number; label: string | null; publication_date: unknown }>;
  corrections.sort((x, y) => Number(x.ord) - Number(y.ord) || Number(x.row_id) - Number(y.row_id));
  const content = {
    title: first.title,
    lead: first.lead,
    body: readJson(first.body),
    source: first.source,
    tags: readJson(first.tags),
    publicationDate: toIso(first.publication_date),
    cover: first.cover_id === null || first.cover_id === undefined ? null : { id: Number(first.cover_id) },
    correspondents: own.filter((row) => row.person).map((row) => ({ documentId: row.person as string })),
    corrections: corrections.map((row) => ({ date: row.publication_date, text: row.label })),
  };
  return { content, stored: first.stored ?? null };
};

const publishedContent = (strapi: Core.Strapi, documentId: string, locale: string) =>
  // Inside the publish's transaction when there is one: it has not committed yet.
  inTransaction(strapi, (trx) => readPublished(strapi, trx, documentId, locale));

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
      const read = await publishedContent(strapi, documentId, locale);
      if (!read) continue;
      const { content, stored } = read;
      const fingerprint = fingerprintOf(content);
      const key = { document_id: documentId, locale: localeKey(locale) };
      if (stored === fingerprint) continue;
      await inTransaction(strapi, async (trx) => {
        if (stored !== null) await trx(TABLES.modifications).where(key).update({ fingerprint, modified_at: new Date() });
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
