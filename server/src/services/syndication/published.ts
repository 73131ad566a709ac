import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { TABLES } from '../../models';
import { toIso } from '../../utils/columns';
import { tableOf } from '../../utils/db';
import { articleColumn } from '../stories/cards';

/** A published story as sitemaps list it. */
export interface SitemapRow {
  slug: string;
  title: string;
  locale: string | null;
  publicationDate: string | null;
  /** The last published change of its content, never before its publication date. */
  dateModified: string | null;
}

/** The later of two ISO dates (either may be missing). */
export const laterIso = (a: string | null, b: string | null) => (a && b ? (Date.parse(a) >= Date.parse(b) ? a : b) : (a ?? b));

/** Published article rows (`a`) with their last modification (`m`): one query, no private column. */
export const publishedQuery = (strapi: Core.Strapi, db: Knex) => {
  const a = articleColumn(strapi);
  return db({ a: tableOf(strapi, UIDS.article).name })
    .leftJoin({ m: TABLES.modifications }, function joinModifications() {
      this.on('m.document_id', '=', a('documentId')).andOn('m.locale', '=', db.raw(`coalesce(??, '')`, [a('locale')]));
    })
    .whereNotNull(a('publishedAt'))
    .select({ id: a('id'), slug: a('slug'), title: a('title'), locale: a('locale'), publication_date: a('publicationDate'), modified_at: 'm.modified_at' });
};

export const toSitemapRow = (row: { slug: string; title: string; locale: string | null; publication_date: unknown; modified_at: unknown }): SitemapRow => {
  const publicationDate = toIso(row.publication_date);
  return { slug: row.slug, title: row.title, locale: row.locale ?? null, publicationDate, dateModified: laterIso(toIso(row.modified_at), publicationDate) };
};
