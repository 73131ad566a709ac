import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../../shared/manifest';
import { loadBylines } from '../../../utils/bylines';
import { readTags, toMs } from '../../../utils/columns';
import { localeKey, tableOf } from '../../../utils/db';
import { foldText } from '../../../utils/fold';
import { blocksToText, languageOf, textVector, type WeightedTerm } from '../text/analysis';
import type { StoryFeatures } from './scoring';

/** What suggestions read of a story version: its text, tags, byline and date. */
export interface StoryContent {
  id: number;
  documentId: string;
  /** Locale key ('' without i18n). */
  locale: string;
  title: string;
  lead: string | null;
  body: unknown;
  tags: unknown;
  dateMs: number;
  people: Array<{ documentId: string; name: string }>;
}

export interface IndexedStory extends StoryFeatures {
  /** Changes when anything the index holds for the story changes. */
  hash: string;
}

/** Title words count three times, lead words twice, body words once. */
const BOOST = { title: 3, lead: 2, body: 1 };
/** Body words past this count weigh proportionally less (see TextField.lengthCap). */
export const BODY_LENGTH_CAP = 40;

/** The features a story is indexed and compared by: text stems, `#tag` and `@correspondent`. */
export const featuresOf = (content: StoryContent): IndexedStory => {
  const text = textVector(
    [
      { text: content.title ?? '', boost: BOOST.title },
      { text: content.lead ?? '', boost: BOOST.lead },
      { text: blocksToText(content.body), boost: BOOST.body, lengthCap: BODY_LENGTH_CAP },
    ],
    languageOf(content.locale)
  );
  const features = new Map<string, WeightedTerm>(text.map((term) => [term.term, term]));
  for (const tag of readTags(content.tags)) {
    const term = `#${foldText(tag)}`.slice(0, 160);
    if (!features.has(term)) features.set(term, { term, weight: 1, word: tag.trim().slice(0, 160) });
  }
  for (const person of content.people) {
    const term = `@${person.documentId}`;
    if (!features.has(term)) features.set(term, { term, weight: 1, word: (person.name ?? '').slice(0, 160) });
  }
  const sorted = [...features.values()].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const hash = createHash('sha1').update(JSON.stringify([content.dateMs, sorted])).digest('hex');
  return { documentId: content.documentId, locale: content.locale, dateMs: content.dateMs, features: sorted, hash };
};

type Db = Knex | Knex.Transaction;

export interface ContentQuery {
  version: 'published' | 'draft';
  documentIds?: string[];
  /** Locale key; '' matches stories without a locale. */
  locale?: string;
  /** Keyset paging over the article table's id. */
  afterId?: number;
  limit?: number;
}

/** Story versions with their bylines: two queries whatever the number of stories. */
export const loadContents = async (strapi: Core.Strapi, db: Db, query: ContentQuery): Promise<StoryContent[]> => {
  const articles = tableOf(strapi, UIDS.article);
  const a = articles.column;
  const rows = db(articles.name).select({
    id: a('id'),
    documentId: a('documentId'),
    locale: a('locale'),
    title: a('title'),
    lead: a('lead'),
    body: a('body'),
    tags: a('tags'),
    publicationDate: a('publicationDate'),
    publishedAt: a('publishedAt'),
    createdAt: a('createdAt'),
  });
  if (query.version === 'published') rows.whereNotNull(a('publishedAt'));
  else rows.whereNull(a('publishedAt'));
  if (query.documentIds) rows.whereIn(a('documentId'), query.documentIds);
  if (query.locale !== undefined) {
    if (query.locale) rows.where(a('locale'), query.locale);
    else rows.where((q) => q.whereNull(a('locale')).orWhere(a('locale'), ''));
  }
  if (query.afterId !== undefined) rows.where(a('id'), '>', query.afterId).orderBy(a('id'), 'asc');
  if (query.limit !== undefined) rows.limit(query.limit);
  const found = (await rows) as Array<{
    id: number;
    documentId: string;
    locale: string | null;
    title: string | null;
    lead: string | null;
    body: unknown;
    tags: unknown;
    publicationDate: unknown;
    publishedAt: unknown;
    createdAt: unknown;
  }>;
  if (found.length === 0) return [];

  const ids = found.map((row) => Number(row.id));
  const bylines = await loadBylines(strapi, ids, db);
  // A correspondent listed twice on one story counts once.
  const peopleOf = (id: number) => [...new Map((bylines.get(id) ?? []).map((person) => [person.documentId, { documentId: person.documentId, name: person.name ?? '' }])).values()];

  return found.map((row) => ({
    id: Number(row.id),
    documentId: row.documentId,
    locale: localeKey(row.locale),
    title: row.title ?? '',
    lead: row.lead,
    body: row.body,
    tags: row.tags,
    dateMs: toMs(row.publicationDate) ?? toMs(row.publishedAt) ?? toMs(row.createdAt) ?? 0,
    people: peopleOf(Number(row.id)),
  }));
};
