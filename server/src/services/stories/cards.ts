import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { formatDisplayDate, type DisplayLanguage } from '../../../../shared/dates';
import type { PublicArticleCard, PublicCorrespondentRef, PublicMedia } from '../../../../shared/contracts/public-api';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { loadBylines, type Byline } from '../../utils/bylines';
import { readJson, readTagLinks, readTags, toIso } from '../../utils/columns';
import { tableOf } from '../../utils/db';
import { pageKeys, type KeySet } from '../pages/keys';
import { getService } from '../../utils/services';

/** A published article row as the read model selects it (`cardQuery`). */
export interface ArticleRow {
  id: number;
  document_id: string;
  locale: string | null;
  slug: string;
  title: string;
  lead: string | null;
  body?: unknown;
  source: string | null;
  tags: unknown;
  publication_date: unknown;
  views: number | null;
  counted: number | string | null;
  byline_roles: unknown;
}

/** `a.<column>` of the article table, for queries that alias it `a`. */
export const articleColumn = (strapi: Core.Strapi) => {
  const { column } = tableOf(strapi, UIDS.article);
  return (attribute: string) => `a.${column(attribute)}`;
};

/** How a public request names a story: its slug, or its documentId (as @strapi/client's findOne sends). */
export type StoryKey = 'slug' | 'documentId';

/**
 * Runs a lookup by slug, then by documentId when no slug matched: each uses its own index (one
 * `slug = ? or document_id = ?` scanned a locale's rows), and a slug equal to another story's documentId wins.
 */
export const bySlugThenId = async <Row>(lookup: (by: StoryKey) => Promise<Row[]>): Promise<Row[]> => {
  const bySlug = await lookup('slug');
  return bySlug.length > 0 ? bySlug : lookup('documentId');
};

/** Published article rows (`a`) with the card columns and the true view count. */
export const cardQuery = (strapi: Core.Strapi, db: Knex, withBody: boolean) => {
  const a = articleColumn(strapi);
  const columns: Record<string, string> = {
    id: a('id'),
    document_id: a('documentId'),
    locale: a('locale'),
    slug: a('slug'),
    title: a('title'),
    lead: a('lead'),
    source: a('source'),
    tags: a('tags'),
    publication_date: a('publicationDate'),
    views: a('views'),
    counted: 'vc.views',
    byline_roles: a('bylineRoles'),
  };
  if (withBody) columns.body = a('body');
  return db({ a: tableOf(strapi, UIDS.article).name })
    .leftJoin({ vc: TABLES.viewCounts }, function joinCounts() {
      this.on('vc.document_id', '=', a('documentId')).andOn('vc.locale', '=', db.raw(`coalesce(??, '')`, [a('locale')]));
    })
    .whereNotNull(a('publishedAt'))
    .select(columns);
};

interface MorphTable {
  name: string;
  joinColumn: { name: string };
  morphColumn: { idColumn: { name: string }; typeColumn: { name: string } };
}

/** The upload plugin's files table and its morph table (which file is whose cover or photo), from Strapi's metadata. */
export const mediaTables = (strapi: Core.Strapi) => {
  const files = strapi.db.metadata.get('plugin::upload.file');
  const { name, joinColumn, morphColumn } = (files.attributes.related as { joinTable: MorphTable }).joinTable;
  return { files: files.tableName, morph: name, fileId: joinColumn.name, relatedId: morphColumn.idColumn.name, relatedType: morphColumn.typeColumn.name };
};

/** A file's columns as the read queries select them. */
export interface MediaRow {
  url: string | null;
  alternative_text: string | null;
  width: number | null;
  height: number | null;
  formats: unknown;
}

/** A file as readers get it (null when the row has none). */
export const toMedia = (row: MediaRow): PublicMedia | null => {
  if (row.url === null || row.url === undefined) return null;
  const formats = readJson(row.formats) as Record<string, { url: string; width?: number; height?: number }> | null;
  return {
    url: row.url,
    alternativeText: row.alternative_text ?? null,
    width: row.width ?? null,
    height: row.height ?? null,
    formats: formats ? Object.fromEntries(Object.entries(formats).map(([key, f]) => [key, { url: f.url, width: f.width ?? null, height: f.height ?? null }])) : null,
  };
};

/** Covers of article rows and photos of correspondents: one query over the upload plugin's morph table. */
export const loadMedia = async (strapi: Core.Strapi, db: Knex, articleIds: number[], correspondentIds: number[]) => {
  const media = new Map<string, PublicMedia>();
  if (articleIds.length === 0 && correspondentIds.length === 0) return media;
  const m = mediaTables(strapi);
  const type = `m.${m.relatedType}`;
  const relatedId = `m.${m.relatedId}`;
  const rows = (await db({ m: m.morph })
    .join({ f: m.files }, 'f.id', `m.${m.fileId}`)
    .where((q) => {
      if (articleIds.length) q.orWhere((w) => w.where(type, UIDS.article).whereIn(relatedId, articleIds).where('m.field', 'cover'));
      if (correspondentIds.length) q.orWhere((w) => w.where(type, UIDS.correspondent).whereIn(relatedId, correspondentIds).where('m.field', 'photo'));
    })
    .select({ type, related_id: relatedId, url: 'f.url', alternative_text: 'f.alternative_text', width: 'f.width', height: 'f.height', formats: 'f.formats' })) as Array<MediaRow & { type: string; related_id: number }>;
  for (const row of rows) {
    const file = toMedia(row);
    if (file) media.set(`${row.type}:${row.related_id}`, file);
  }
  return media;
};

/** A correspondent on a card: who, and their photo. */
export type CardByline = Byline & { photo: PublicMedia | null };

/** One card from its article row, its bylines in order and its cover; adds what it shows to `keys`. */
export const toCard = (strapi: Core.Strapi, row: ArticleRow, people: CardByline[], cover: PublicMedia | null, lang: DisplayLanguage, keys?: KeySet): PublicArticleCard => {
  const roles = (readJson(row.byline_roles) ?? {}) as Record<string, string>;
  const publicationDate = toIso(row.publication_date);
  const tags = readTags(row.tags);
  if (keys) {
    keys.add(pageKeys.story(row.document_id, row.locale));
    for (const person of people) keys.add(pageKeys.correspondent(person.documentId));
    for (const tag of tags) keys.add(pageKeys.tag(row.locale, tag));
  }
  return {
    documentId: row.document_id,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    lead: row.lead ?? null,
    source: row.source ?? null,
    tags,
    tagLinks: readTagLinks(row.tags),
    cover,
    views: getService(strapi, 'views').withUnflushed({ documentId: row.document_id, locale: row.locale }, Math.max(Number(row.counted ?? 0), Number(row.views ?? 0))),
    publicationDate,
    displayDate: formatDisplayDate(publicationDate, lang, getConfig(strapi).timeZone),
    correspondents: people.map(
      (person): PublicCorrespondentRef => ({
        name: person.name,
        role: roles[person.documentId] || person.role || null,
        slug: person.slug,
        photo: person.photo,
      })
    ),
  };
};

/** Cards for a page of article rows: two more queries (bylines, media). `keys` collects what the cards show. */
export const toCards = async (strapi: Core.Strapi, db: Knex, rows: ArticleRow[], lang: DisplayLanguage, keys?: KeySet): Promise<PublicArticleCard[]> => {
  const ids = rows.map((row) => Number(row.id));
  const bylines = await loadBylines(strapi, ids, db);
  const people = [...new Set([...bylines.values()].flat().map((person) => person.id))];
  const media = await loadMedia(strapi, db, ids, people);
  return rows.map((row) =>
    toCard(
      strapi,
      row,
      (bylines.get(Number(row.id)) ?? []).map((person) => ({ ...person, photo: media.get(`${UIDS.correspondent}:${person.id}`) ?? null })),
      media.get(`${UIDS.article}:${row.id}`) ?? null,
      lang,
      keys
    )
  );
};
