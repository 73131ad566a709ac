import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import { TABLES } from '../../models';
import { bylinesTable } from '../../utils/bylines';
import { tableOf } from '../../utils/db';
import { articleColumn } from './cards';

export interface StoryFilters {
  locale: string | null;
  correspondentSlug?: string;
  /** Folded tag names (services/tags `filterKeys`): stories carrying any of them. */
  tagKeys?: string[];
}

/** Narrows a query over published article rows (`a`) to a locale, a correspondent's byline and a tag: the list route's and the feeds' filters. */
export const filterStories = (strapi: Core.Strapi, db: Knex, query: Knex.QueryBuilder, options: StoryFilters) => {
  const a = articleColumn(strapi);
  if (options.locale) query.andWhere(a('locale'), options.locale);
  if (options.correspondentSlug) {
    const people = tableOf(strapi, UIDS.correspondent);
    const join = bylinesTable(strapi);
    query.whereExists(
      db({ l: join.name })
        .join({ c: people.name }, `c.${people.column('id')}`, `l.${join.inverseJoinColumn.name}`)
        .whereRaw('?? = ??', [`l.${join.joinColumn.name}`, a('id')])
        .where(`c.${people.column('slug')}`, options.correspondentSlug)
        .select(db.raw('1'))
    );
  }
  if (options.tagKeys) {
    query.whereExists(
      db({ t: TABLES.tags })
        .whereRaw('?? = ??', ['t.document_id', a('documentId')])
        .whereRaw(`?? = coalesce(??, '')`, ['t.locale', a('locale')])
        .whereIn('t.tag_key', options.tagKeys)
        .select(db.raw('1'))
    );
  }
  return query;
};
