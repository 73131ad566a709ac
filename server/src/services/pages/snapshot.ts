import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { bylinesTable } from '../../utils/bylines';
import { readTags, toIso } from '../../utils/columns';
import { tableOf } from '../../utils/db';

/** What readers see of one story in one locale, as far as other pages depend on it. */
export interface PublicStory {
  documentId: string;
  locale: string | null;
  slug: string;
  tags: string[];
  /** Slugs of its correspondents (lists are filtered by them). */
  bylines: string[];
}

/** A published story whose page shows another one (its related list, or its suggestions with autoFill). */
export interface CitingStory {
  documentId: string;
  locale: string | null;
  slug: string;
}

const articleTable = (strapi: Core.Strapi) => {
  const { name, column } = tableOf(strapi, UIDS.article);
  return { name, a: (attribute: string) => `a.${column(attribute)}` };
};

/** The published versions of these stories (all locales when `locales` is empty), bylines joined in: one query. */
export const publicStories = async (strapi: Core.Strapi, db: Knex, documentIds: string[], locales: string[] = []): Promise<PublicStory[]> => {
  if (documentIds.length === 0) return [];
  const { name, a } = articleTable(strapi);
  const join = bylinesTable(strapi);
  const people = tableOf(strapi, UIDS.correspondent);
  const query = db({ a: name })
    .leftJoin({ l: join.name }, `l.${join.joinColumn.name}`, a('id'))
    .leftJoin({ c: people.name }, `c.${people.column('id')}`, `l.${join.inverseJoinColumn.name}`)
    .whereIn(a('documentId'), documentIds)
    .whereNotNull(a('publishedAt'));
  const named = locales.filter(Boolean);
  if (named.length > 0) query.whereIn(a('locale'), named);
  const rows = (await query.select({ id: a('id'), document_id: a('documentId'), locale: a('locale'), slug: a('slug'), tags: a('tags'), byline: `c.${people.column('slug')}` })) as StoryRow[];
  return toPublicStories(rows);
};

/** A published article row with one of its correspondents' slugs (null: none), as `publicStories` and the publish's own read select it. */
export interface StoryRow {
  id: number;
  document_id: string;
  locale: string | null;
  slug: string;
  tags: unknown;
  byline: string | null;
}

/** One story per article row: rows come one per byline (one with a null byline for a story without any); keys need the set, not the order. */
export const toPublicStories = (rows: StoryRow[]): PublicStory[] => {
  const stories = new Map<number, PublicStory>();
  for (const row of rows) {
    const id = Number(row.id);
    let story = stories.get(id);
    if (!story) {
      story = { documentId: row.document_id, locale: row.locale ?? null, slug: row.slug, tags: readTags(row.tags), bylines: [] };
      stories.set(id, story);
    }
    if (row.byline) story.bylines.push(row.byline);
  }
  return [...stories.values()];
};

/**
 * The reads of `citingStories`, one per kind of list citing the story (published related lists; stored
 * suggestions when autoFill shows them), each selecting `part: 'citing'`, the citing story and `padding` as nulls.
 */
const citingLists = (strapi: Core.Strapi, db: Knex, documentId: string, locales: string[], padding: string[] = []) => {
  const { name, a } = articleTable(strapi);
  const nulls = Object.fromEntries(padding.map((column) => [column, db.raw('null')]));
  const owners = (table: string, owner: string, cited: string, localeColumn: string, extra: Record<string, string>, citedIn?: Knex.QueryBuilder) => {
    const query = db({ l: table })
      .join({ a: name }, function joinOwner() {
        this.on(a('documentId'), '=', `l.${owner}`)
          .andOn(`l.${localeColumn}`, '=', db.raw(`coalesce(??, '')`, [a('locale')]))
          .andOnNotNull(a('publishedAt'));
      })
      .where(extra);
    if (citedIn) query.whereIn(`l.${cited}`, citedIn);
    else query.where(`l.${cited}`, documentId);
    if (locales.length > 0) query.whereIn(`l.${localeColumn}`, locales);
    // No `distinct`: PostgreSQL types a null of a distinct select as text, which no longer unions with the own rows' dates; `toCiting` drops repeats.
    return query.select({ part: db.raw(`'citing'`), document_id: a('documentId'), locale: a('locale'), slug: a('slug'), ...nulls });
  };
  const lists = [owners(TABLES.relatedLinks, 'article', 'target', 'article_locale', { 'l.version': 'published' })];
  const { autoFill, neighbourOrder } = getConfig(strapi).suggestions;
  if (autoFill) lists.push(owners(TABLES.suggestions, 'document_id', 'suggested_document_id', 'locale', {}));
  if (autoFill && neighbourOrder) {
    // Stories listing one that lists this one: when it leaves that list, that story's nearest may change, and their order with it (see neighbours.ts).
    const listing = db({ h: TABLES.suggestions }).where('h.suggested_document_id', documentId).select('h.document_id');
    if (locales.length > 0) listing.whereIn('h.locale', locales);
    lists.push(owners(TABLES.suggestions, 'document_id', 'suggested_document_id', 'locale', {}, listing));
  }
  return lists;
};

type CitingRow = { part: string; document_id: string; locale: string | null; slug: string };

const toCiting = (rows: CitingRow[]): CitingStory[] => {
  const seen = new Map<string, CitingStory>();
  for (const row of rows) {
    if (row.part === 'citing') seen.set(`${row.document_id}:${row.locale ?? ''}`, { documentId: row.document_id, locale: row.locale ?? null, slug: row.slug });
  }
  return [...seen.values()];
};

/** Published stories whose pages show this one: published related lists citing it, and stored suggestions when autoFill shows them. One statement. */
export const citingStories = async (strapi: Core.Strapi, db: Knex, documentId: string, locales: string[] = []): Promise<CitingStory[]> => {
  const [first, ...more] = citingLists(strapi, db, documentId, locales);
  return toCiting((await (more.length > 0 ? first.unionAll(more) : first)) as CitingRow[]);
};

/** A story's own row (draft or published) as a publish checks it; dates as ISO strings, as the query engine answers them. */
export interface OwnRow {
  documentId: string;
  locale: string | null;
  slug: string | null;
  title: string | null;
  publicationDate: string | null;
  publishedAt: string | null;
}

/** A story's own rows in `locales` (every locale when none is named) and, when `citing`, `citingStories` too: one statement either way. */
export const ownRowsAndCiting = async (strapi: Core.Strapi, db: Knex, documentId: string, locales: string[], citing: boolean): Promise<{ own: OwnRow[]; citing: CitingStory[] }> => {
  const { name, a } = articleTable(strapi);
  const own = db({ a: name })
    .where(a('documentId'), documentId)
    .select({ part: db.raw(`'own'`), document_id: a('documentId'), locale: a('locale'), slug: a('slug'), title: a('title'), publication_date: a('publicationDate'), published_at: a('publishedAt') });
  const named = locales.filter(Boolean);
  if (named.length > 0) own.whereIn(a('locale'), named);
  const rows = (await (citing ? own.unionAll(citingLists(strapi, db, documentId, locales, ['title', 'publication_date', 'published_at'])) : own)) as Array<CitingRow & { title: string | null; publication_date: unknown; published_at: unknown }>;
  return {
    own: rows
      .filter((row) => row.part === 'own')
      .map((row) => ({ documentId: row.document_id, locale: row.locale ?? null, slug: row.slug ?? null, title: row.title ?? null, publicationDate: toIso(row.publication_date), publishedAt: toIso(row.published_at) })),
    citing: toCiting(rows),
  };
};

/** Published stories a correspondent's byline appears on. */
export const bylinedStories = async (strapi: Core.Strapi, db: Knex, correspondentDocumentId: string): Promise<CitingStory[]> => {
  const { name, a } = articleTable(strapi);
  const join = bylinesTable(strapi);
  const people = tableOf(strapi, UIDS.correspondent);
  const rows = (await db({ a: name })
    .join({ l: join.name }, `l.${join.joinColumn.name}`, a('id'))
    .join({ c: people.name }, `c.${people.column('id')}`, `l.${join.inverseJoinColumn.name}`)
    .where(`c.${people.column('documentId')}`, correspondentDocumentId)
    .whereNotNull(a('publishedAt'))
    .distinct({ document_id: a('documentId'), locale: a('locale'), slug: a('slug') })) as Array<{ document_id: string; locale: string | null; slug: string }>;
  return rows.map((row) => ({ documentId: row.document_id, locale: row.locale ?? null, slug: row.slug }));
};

/** A correspondent's slugs (a delete or a slug edit changes the lists filtered by them). */
export const correspondentSlugs = async (strapi: Core.Strapi, db: Knex, documentId: string): Promise<string[]> => {
  const people = tableOf(strapi, UIDS.correspondent);
  const rows = (await db(people.name).where(people.column('documentId'), documentId).select({ slug: people.column('slug') })) as Array<{ slug: string | null }>;
  return rows.map((row) => row.slug).filter((slug): slug is string => Boolean(slug));
};
