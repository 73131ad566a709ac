import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../shared/manifest';
import { TABLES } from '../models';
import { bylinesTable } from '../utils/bylines';
import { readJson, toIso } from '../utils/columns';
import { inTransaction, localeKey, tableOf } from '../utils/db';
import { compiledRead } from '../utils/fixed-reads';
import { articleColumn, mediaTables } from './stories/cards';
import { correctionsQuery } from './stories/corrections';
import { toPublicStories, type PublicStory, type StoryRow } from './pages/snapshot';

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

/**
 * A published row's fingerprinted columns, its cover's file id, its address and one byline (in order) per
 * row; then, in the same statement, the corrections of the first published row (the lowest id).
 */
const readContent = compiledRead((strapi, db, { localized }: { localized: boolean }, param: (name: 'documentId' | 'locale' | 'key') => string) => {
  const a = articleColumn(strapi);
  const bylines = bylinesTable(strapi);
  const people = tableOf(strapi, UIDS.correspondent);
  const m = mediaTables(strapi);
  const published = <Q extends Knex.QueryBuilder>(query: Q) => {
    query.where(a('documentId'), param('documentId')).whereNotNull(a('publishedAt'));
    return localized ? query.andWhere(a('locale'), param('locale')) : query;
  };
  const none = db.raw('null');
  const content = published(
    db({ a: tableOf(strapi, UIDS.article).name })
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
  ).select({
    id: a('id'), title: a('title'), lead: a('lead'), body: a('body'), source: a('source'), tags: a('tags'), publication_date: a('publicationDate'), cover_id: 'cf.id',
    person: `c.${people.column('documentId')}`, stored: 'mf.fingerprint', document_id: a('documentId'), locale: a('locale'), slug: a('slug'), byline: `c.${people.column('slug')}`,
    byline_ord: `l.${bylines.orderColumnName}`, byline_row: 'l.id', correction_ord: none, correction_row: none, correction_text: none, correction_date: none,
  });
  const firstId = published(db({ a: tableOf(strapi, UIDS.article).name })).min(a('id'));
  const corrections = db
    .select({
      id: none, title: none, lead: none, body: none, source: none, tags: none, publication_date: none, cover_id: none, person: none, stored: none, document_id: none, locale: none, slug: none, byline: none,
      byline_ord: none, byline_row: none, correction_ord: 'k.ord', correction_row: 'k.row_id', correction_text: 'k.label', correction_date: 'k.publication_date',
    })
    .from(correctionsQuery(strapi, db, firstId).as('k'));
  return content.unionAll(corrections);
});

type ContentRow = StoryRow & {
  title: string | null; lead: string | null; body: unknown; source: string | null; publication_date: unknown; cover_id: number | null; person: string | null; stored: string | null;
  byline_ord: number | null; byline_row: number | null; correction_ord: number | null; correction_row: number | null; correction_text: string | null; correction_date: unknown;
};

const isCorrection = (row: ContentRow) => row.correction_row !== null && row.correction_row !== undefined;
/** Rows by id, bylines in the editors' order (what the read ordered by before it was a union). */
const byRowThenByline = (x: ContentRow, y: ContentRow) => Number(x.id) - Number(y.id) || Number(x.byline_ord) - Number(y.byline_ord) || Number(x.byline_row) - Number(y.byline_row);
const byCorrectionOrder = (x: ContentRow, y: ContentRow) => Number(x.correction_ord) - Number(y.correction_ord) || Number(x.correction_row) - Number(y.correction_row);

/** What `record` read of one locale: the fingerprinted content and the stored fingerprint of its first published row, and every published row as pages key it. */
interface PublishedRead {
  content: PublishedContent;
  stored: string | null;
  stories: PublicStory[];
}

/**
 * The published version's content in the shape the Document Service returned it (what stored
 * fingerprints were taken of): one statement, where `findOne` with populate took four.
 */
const readPublished = async (strapi: Core.Strapi, db: Knex, documentId: string, locale: string): Promise<PublishedRead | null> => {
  const rows = await readContent<ContentRow>(strapi, db, { localized: Boolean(locale) }, { documentId, locale, key: localeKey(locale) });
  const contentRows = rows.filter((row) => !isCorrection(row)).sort(byRowThenByline);
  const [first] = contentRows;
  if (!first) return null;
  const own = contentRows.filter((row) => Number(row.id) === Number(first.id));
  const corrections = rows.filter(isCorrection).sort(byCorrectionOrder);
  const content = {
    title: first.title,
    lead: first.lead,
    body: readJson(first.body),
    source: first.source,
    tags: readJson(first.tags),
    publicationDate: toIso(first.publication_date),
    cover: first.cover_id === null || first.cover_id === undefined ? null : { id: Number(first.cover_id) },
    correspondents: own.filter((row) => row.person).map((row) => ({ documentId: row.person as string })),
    corrections: corrections.map((row) => ({ date: row.correction_date, text: row.correction_text })),
  };
  return { content, stored: first.stored ?? null, stories: toPublicStories(contentRows) };
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
  /**
   * After a publish of `locales`: first publication dates it at `publicationDate`, a changed version at now.
   * Answers the published versions it read, as pages key them (what `publicStories` would read now).
   */
  async record(documentId: string, locales: string[]): Promise<PublicStory[]> {
    const published = new Map<string, PublicStory>();
    for (const locale of locales) {
      const read = await publishedContent(strapi, documentId, locale);
      if (!read) continue;
      const { content, stored } = read;
      for (const story of read.stories) published.set(localeKey(story.locale), story);
      const fingerprint = fingerprintOf(content);
      const key = { document_id: documentId, locale: localeKey(locale) };
      if (stored === fingerprint) continue;
      await inTransaction(strapi, async (trx) => {
        if (stored !== null) await trx(TABLES.modifications).where(key).update({ fingerprint, modified_at: new Date() });
        else await trx(TABLES.modifications).insert({ ...key, fingerprint, modified_at: new Date(content.publicationDate ?? Date.now()) });
      });
    }
    return [...published.values()];
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
