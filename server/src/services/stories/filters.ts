import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { TABLES } from '../../models';
import { bylinesTable } from '../../utils/bylines';
import { isPostgres, localeKey, tableOf } from '../../utils/db';
import { articleColumn } from './cards';

export interface StoryFilters {
  locale: string | null;
  correspondentSlug?: string;
  /** Folded tag names (services/tags `filterKeys`): stories carrying any of them. */
  tagKeys?: string[];
}

/** `StoryFilters` with the correspondent's slug turned into row ids (`resolveStoryFilters`): the slug is refused, so no caller skips the step. */
export interface ResolvedStoryFilters extends Omit<StoryFilters, 'correspondentSlug'> {
  correspondentSlug?: never;
  correspondentIds?: number[];
}

/**
 * Looks up the rows of the filters' correspondent (one query on a small table; correspondents have no
 * drafts). As constants, PostgreSQL reads from its statistics how many stories they sign, so a rare byline
 * reads its own rows instead of walking the archive by date (0.9 s → 1 ms at 100,000 stories), and SQLite
 * reads the byline rows once instead of a join per story (a count 1.7 s → 0.23 s).
 */
export const resolveStoryFilters = async (strapi: Core.Strapi, db: Knex, options: StoryFilters): Promise<ResolvedStoryFilters> => {
  const { correspondentSlug, ...rest } = options;
  if (correspondentSlug === undefined) return rest;
  const people = tableOf(strapi, UIDS.correspondent);
  const rows = (await db(people.name).where(people.column('slug'), correspondentSlug).select({ id: people.column('id') })) as Array<{ id: number | string }>;
  return { ...rest, correspondentIds: rows.map((row) => Number(row.id)) };
};

/** Narrows a query over published article rows (`a`) to a locale, a correspondent's byline and a tag: the list route's and the feeds' filters. */
export const filterStories = (strapi: Core.Strapi, db: Knex, query: Knex.QueryBuilder, options: ResolvedStoryFilters) => {
  const a = articleColumn(strapi);
  // With a tag, the join to its rows pins the locale; a pin on the article table too let SQLite walk that table's date index instead of the tag's rows.
  if (options.tagKeys) joinTags(strapi, db, query, options.locale, options.tagKeys);
  else if (options.locale) query.andWhere(a('locale'), options.locale);
  if (options.correspondentIds) {
    const join = bylinesTable(strapi);
    if (options.correspondentIds.length === 0) query.whereRaw('1 = 0');
    else query.whereIn(a('id'), db(join.name).whereIn(join.inverseJoinColumn.name, options.correspondentIds).select(join.joinColumn.name));
  }
  return query;
};

/**
 * Joins the tag rows (`t`) of the published stories carrying any of `keys`, one row a story (a key
 * counts only when no earlier key matched). Sorted by `orderStories`, the `dated` index of the tag rows
 * drives the query, so a rare tag reads its own few rows instead of walking the archive by date.
 */
const joinTags = (strapi: Core.Strapi, db: Knex, query: Knex.QueryBuilder, locale: string | null, keys: string[]) => {
  const a = articleColumn(strapi);
  query.join({ t: TABLES.tags }, function onTags() {
    this.on('t.document_id', '=', a('documentId'));
    // A plain equality where it can be: PostgreSQL cannot estimate coalesce() and then hashes the whole archive.
    if (locale) this.andOn('t.locale', '=', a('locale'));
    else this.andOn('t.locale', '=', db.raw(`coalesce(??, '')`, [a('locale')]));
  });
  query.where('t.locale', localeKey(locale));
  if (keys.length === 0) return query.whereRaw('1 = 0');
  return query.where((any) => {
    keys.forEach((key, index) => {
      any.orWhere((one) => {
        one.where('t.tag_key', key);
        if (index > 0) {
          one.whereNotExists(
            db({ e: TABLES.tags }).whereRaw('?? = ??', ['e.document_id', 't.document_id']).whereRaw('?? = ??', ['e.locale', 't.locale']).whereIn('e.tag_key', keys.slice(0, index)).select(db.raw('1'))
          );
        }
      });
    });
  });
};

/** The columns a filtered story list is sorted on: the tag rows' date and id when a tag filters it, so the tag index gives the order. */
export const storyOrder = (strapi: Core.Strapi, options: Pick<StoryFilters, 'tagKeys'>) => {
  const a = articleColumn(strapi);
  return options.tagKeys ? { date: 't.publication_date', tieBreak: 't.id' } : { date: a('publicationDate'), tieBreak: a('id') };
};

/**
 * Orders a filtered story list by `storyOrder`, undated stories last. SQLite and MySQL put NULL last in a
 * descending order by themselves, so an index walk gives it; elsewhere a case expression says it (a sort).
 */
export const orderStories = (strapi: Core.Strapi, query: Knex.QueryBuilder, options: Pick<StoryFilters, 'tagKeys'>, direction: 'asc' | 'desc') => {
  const { date, tieBreak } = storyOrder(strapi, options);
  if (direction === 'asc' || isPostgres(strapi)) query.orderByRaw(`case when ?? is null then 1 else 0 end`, [date]);
  return query.orderBy([{ column: date, order: direction }, { column: tieBreak, order: direction }]);
};
