import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import type { DisplayLanguage } from '../../../../shared/dates';
import type { Pagination, PublicArticle, PublicArticleCard, PublicCorrespondent, PublicRelatedStory } from '../../../../shared/contracts/public-api';
import { getConfig } from '../../config';
import { readJson } from '../../utils/columns';
import { tableOf } from '../../utils/db';
import { resolveLocale } from '../../utils/locale';
import { articleColumn, bySlugThenId, cardQuery, loadMedia, toCards, type ArticleRow } from './cards';
import { filterStories, orderStories, resolveStoryFilters } from './filters';
import { loadPageCard, loadPageExtras } from './page';
import { loadRelated } from './related';
import { pageKeys, type KeySet } from '../pages/keys';

export interface ReadOptions {
  locale: string | null;
  lang: DisplayLanguage;
  /** Collects the cache keys of everything the answer shows (services/pages/keys). */
  keys?: KeySet;
}

export interface ListOptions extends ReadOptions {
  page: number;
  pageSize: number;
  correspondentSlug?: string;
  /** Folded tag names (services/tags `filterKeys`): stories carrying any of them. */
  tagKeys?: string[];
  ascending?: boolean;
}

const pagination = (page: number, pageSize: number, total: number): Pagination => ({ page, pageSize, pageCount: Math.ceil(total / pageSize), total });

/**
 * The public read model. Every read is a handful of hand-written queries over published rows only
 * (never a draft row, never a private column), so a story page costs two statements whatever the
 * number of correspondents, related stories and corrections (three with autoFill), and the response
 * is built from an explicit whitelist of fields.
 */
const storiesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** The published row of a story by slug (or documentId, as @strapi/client's findOne sends). */
  const findRow = async (db: Knex, slugOrId: string, locale: string | null, withBody: boolean) => {
    const a = articleColumn(strapi);
    const [row] = await bySlugThenId(async (by) => {
      const query = cardQuery(strapi, db, withBody).andWhere(a(by), slugOrId).orderBy(a('id')).limit(1);
      if (locale) query.andWhere(a('locale'), locale);
      return (await query) as ArticleRow[];
    });
    return row;
  };

  return {
    /** A public request's language (the config's `defaultLocale` when absent) and content locale (the i18n default when absent). */
    async readOptions(query: { lang?: DisplayLanguage; locale?: string }): Promise<ReadOptions> {
      return { lang: query.lang ?? getConfig(strapi).defaultLocale, locale: await resolveLocale(strapi, query.locale) };
    },

    async findPage(slugOrId: string, options: ReadOptions): Promise<PublicArticle | null> {
      const db = knex();
      const page = await loadPageCard(strapi, db, slugOrId, options.locale, options.lang, options.keys);
      if (!page) return null;
      const { row, card } = page;
      const { related, corrections } = await loadPageExtras(strapi, db, row, options.lang, options.keys);
      return { ...card, body: (readJson(row.body) as unknown[] | null) ?? null, corrections, related };
    },

    async findRelated(slugOrId: string, options: ReadOptions): Promise<PublicRelatedStory[] | null> {
      const db = knex();
      const row = await findRow(db, slugOrId, options.locale, false);
      if (!row) return null;
      options.keys?.add(pageKeys.story(row.document_id, row.locale));
      return loadRelated(strapi, db, row.document_id, row.locale, options.lang, options.keys);
    },

    async list(options: ListOptions): Promise<{ data: PublicArticleCard[]; pagination: Pagination }> {
      const db = knex();
      const a = articleColumn(strapi);
      // The answer changes whenever a story joins or leaves what it lists.
      if (options.correspondentSlug) options.keys?.add(pageKeys.correspondentStories(options.correspondentSlug));
      for (const tagKey of options.tagKeys ?? []) options.keys?.add(pageKeys.tagStories(options.locale, tagKey));
      if (!options.correspondentSlug && !options.tagKeys) options.keys?.add(pageKeys.latest(options.locale));
      const filters = await resolveStoryFilters(strapi, db, options);
      const filtered = (query: Knex.QueryBuilder) => filterStories(strapi, db, query, filters);
      const countRow = (await filtered(db({ a: tableOf(strapi, UIDS.article).name }).whereNotNull(a('publishedAt'))).count({ total: '*' }).first()) as { total: number | string } | undefined;
      const total = Number(countRow?.total ?? 0);
      const direction = options.ascending ? 'asc' : 'desc';
      const rows = total === 0
        ? []
        : ((await orderStories(strapi, filtered(cardQuery(strapi, db, false)), options, direction)
            .offset((options.page - 1) * options.pageSize)
            .limit(options.pageSize)) as ArticleRow[]);
      return { data: await toCards(strapi, db, rows, options.lang, options.keys), pagination: pagination(options.page, options.pageSize, total) };
    },

    async findCorrespondent(slug: string): Promise<(PublicCorrespondent & { id: number }) | null> {
      const db = knex();
      const people = tableOf(strapi, UIDS.correspondent);
      const p = (attribute: string) => `c.${people.column(attribute)}`;
      const row = (await db({ c: people.name })
        .where(p('slug'), slug)
        .whereNotNull(p('publishedAt'))
        .first({ id: p('id'), document_id: p('documentId'), name: p('name'), role: p('role'), slug: p('slug'), bio: p('bio') })) as
        | { id: number; document_id: string; name: string; role: string | null; slug: string; bio: string | null }
        | undefined;
      if (!row) return null;
      const media = await loadMedia(strapi, db, [], [Number(row.id)]);
      return {
        id: Number(row.id),
        documentId: row.document_id,
        name: row.name,
        role: row.role ?? null,
        slug: row.slug,
        bio: row.bio ?? null,
        photo: media.get(`${UIDS.correspondent}:${row.id}`) ?? null,
      };
    },
  };
};

export type StoriesService = ReturnType<typeof storiesService>;
export default storiesService;
