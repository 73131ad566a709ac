import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../shared/manifest';
import type {
  DisplayLanguage,
  Pagination,
  PublicArticle,
  PublicArticleCard,
  PublicCorrespondent,
  PublicCorrespondentRef,
  PublicMedia,
  PublicRelatedStory,
} from '../../../shared/contracts/public-api';
import { getConfig } from '../config';
import { formatDisplayDate } from '../../../shared/dates';
import { foldText } from '../utils/fold';
import { getService } from '../utils/services';
import { TABLES } from '../models';

export interface ReadOptions {
  locale: string | null;
  lang: DisplayLanguage;
}

export interface ListOptions extends ReadOptions {
  page: number;
  pageSize: number;
  correspondentSlug?: string;
  tag?: string;
  ascending?: boolean;
}

interface ArticleRow {
  id: number;
  document_id: string;
  locale: string | null;
  slug: string;
  title: string;
  lead: string | null;
  body?: unknown;
  source: string | null;
  tags: unknown;
  publication_date: string | number | Date | null;
  views: number | null;
  counted: number | string | null;
  byline_roles: unknown;
}

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

const toIso = (value: string | number | Date | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/**
 * The public read model. Every read is a handful of hand-written queries over published rows only
 * (never a draft row, never a private column), so a story page costs at most five queries whatever
 * the number of correspondents and related stories, and the response is built from an explicit
 * whitelist of fields.
 */
const storiesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const schema = () => {
    const meta = strapi.db.metadata;
    const article = meta.get(UIDS.article);
    const person = meta.get(UIDS.correspondent);
    const column = (model: typeof article, attribute: string) => (model.attributes[attribute] as { columnName: string }).columnName;
    const bylines = (article.attributes.correspondents as { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName: string } }).joinTable;
    const fileRelated = (meta.get('plugin::upload.file').attributes.related as {
      joinTable: { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } };
    }).joinTable;
    return {
      articles: article.tableName,
      a: (attribute: string) => column(article, attribute),
      people: person.tableName,
      p: (attribute: string) => column(person, attribute),
      bylines,
      files: meta.get('plugin::upload.file').tableName,
      fileRelated,
    };
  };

  /** Selects the card columns of published article rows (`a.*` aliases), with the true view count. */
  const cardQuery = (db: Knex, withBody: boolean) => {
    const s = schema();
    const columns: Record<string, string> = {
      id: `a.${s.a('id')}`,
      document_id: `a.${s.a('documentId')}`,
      locale: `a.${s.a('locale')}`,
      slug: `a.${s.a('slug')}`,
      title: `a.${s.a('title')}`,
      lead: `a.${s.a('lead')}`,
      source: `a.${s.a('source')}`,
      tags: `a.${s.a('tags')}`,
      publication_date: `a.${s.a('publicationDate')}`,
      views: `a.${s.a('views')}`,
      counted: 'vc.views',
      byline_roles: `a.${s.a('bylineRoles')}`,
    };
    if (withBody) columns.body = `a.${s.a('body')}`;
    return db({ a: s.articles })
      .leftJoin({ vc: TABLES.viewCounts }, function joinCounts() {
        this.on('vc.document_id', '=', `a.${s.a('documentId')}`).andOn('vc.locale', '=', db.raw(`coalesce(??, '')`, [`a.${s.a('locale')}`]));
      })
      .whereNotNull(`a.${s.a('publishedAt')}`)
      .select(columns);
  };

  /** Correspondents of several article rows, in byline order: one query. */
  const loadBylines = async (db: Knex, articleIds: number[]) => {
    const s = schema();
    if (articleIds.length === 0) return new Map<number, Array<{ id: number; name: string; role: string | null; slug: string | null }>>();
    const rows = (await db({ l: s.bylines.name })
      .join({ c: s.people }, `c.${s.p('id')}`, `l.${s.bylines.inverseJoinColumn.name}`)
      .whereIn(`l.${s.bylines.joinColumn.name}`, articleIds)
      .orderBy([{ column: `l.${s.bylines.joinColumn.name}` }, { column: `l.${s.bylines.orderColumnName}` }, { column: `l.id` }])
      .select({
        article_id: `l.${s.bylines.joinColumn.name}`,
        id: `c.${s.p('id')}`,
        name: `c.${s.p('name')}`,
        role: `c.${s.p('role')}`,
        slug: `c.${s.p('slug')}`,
      })) as Array<{ article_id: number; id: number; name: string; role: string | null; slug: string | null }>;
    const byArticle = new Map<number, Array<{ id: number; name: string; role: string | null; slug: string | null }>>();
    for (const row of rows) {
      const list = byArticle.get(Number(row.article_id)) ?? [];
      list.push({ id: Number(row.id), name: row.name, role: row.role, slug: row.slug });
      byArticle.set(Number(row.article_id), list);
    }
    return byArticle;
  };

  /** Covers of article rows and photos of correspondents: one query over the upload plugin's morph table. */
  const loadMedia = async (db: Knex, articleIds: number[], correspondentIds: number[]) => {
    const s = schema();
    const media = new Map<string, PublicMedia>();
    if (articleIds.length === 0 && correspondentIds.length === 0) return media;
    const { name, joinColumn, morphColumn } = s.fileRelated;
    const rows = (await db({ m: name })
      .join({ f: s.files }, 'f.id', `m.${joinColumn.name}`)
      .where((q) => {
        if (articleIds.length) q.orWhere((w) => w.where(`m.${morphColumn.typeColumn.name}`, UIDS.article).whereIn(`m.${morphColumn.idColumn.name}`, articleIds).where('m.field', 'cover'));
        if (correspondentIds.length) q.orWhere((w) => w.where(`m.${morphColumn.typeColumn.name}`, UIDS.correspondent).whereIn(`m.${morphColumn.idColumn.name}`, correspondentIds).where('m.field', 'photo'));
      })
      .select({
        type: `m.${morphColumn.typeColumn.name}`,
        related_id: `m.${morphColumn.idColumn.name}`,
        url: 'f.url',
        alternative_text: 'f.alternative_text',
        width: 'f.width',
        height: 'f.height',
        formats: 'f.formats',
      })) as Array<{ type: string; related_id: number; url: string; alternative_text: string | null; width: number | null; height: number | null; formats: unknown }>;
    for (const row of rows) {
      const formats = parseJson(row.formats) as Record<string, { url: string; width?: number; height?: number }> | null;
      media.set(`${row.type}:${row.related_id}`, {
        url: row.url,
        alternativeText: row.alternative_text ?? null,
        width: row.width ?? null,
        height: row.height ?? null,
        formats: formats
          ? Object.fromEntries(Object.entries(formats).map(([key, f]) => [key, { url: f.url, width: f.width ?? null, height: f.height ?? null }]))
          : null,
      });
    }
    return media;
  };

  const toCard = (
    row: ArticleRow,
    lang: DisplayLanguage,
    bylines: Map<number, Array<{ id: number; name: string; role: string | null; slug: string | null }>>,
    media: Map<string, PublicMedia>
  ): PublicArticleCard => {
    const { timeZone } = getConfig(strapi);
    const roles = (parseJson(row.byline_roles) ?? {}) as Record<string, string>;
    const tags = parseJson(row.tags);
    const publicationDate = toIso(row.publication_date);
    return {
      documentId: row.document_id,
      locale: row.locale,
      slug: row.slug,
      title: row.title,
      lead: row.lead ?? null,
      source: row.source ?? null,
      tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
      cover: media.get(`${UIDS.article}:${row.id}`) ?? null,
      views: Math.max(Number(row.counted ?? 0), Number(row.views ?? 0)),
      publicationDate,
      displayDate: formatDisplayDate(publicationDate, lang, timeZone),
      correspondents: (bylines.get(Number(row.id)) ?? []).map(
        (person): PublicCorrespondentRef => ({
          name: person.name,
          role: (person.slug && roles[person.slug]) || person.role || null,
          slug: person.slug,
          photo: media.get(`${UIDS.correspondent}:${person.id}`) ?? null,
        })
      ),
    };
  };

  /** Cards for a page of article rows: two more queries (bylines, media). */
  const toCards = async (db: Knex, rows: ArticleRow[], lang: DisplayLanguage) => {
    const ids = rows.map((row) => Number(row.id));
    const bylines = await loadBylines(db, ids);
    const people = [...new Set([...bylines.values()].flat().map((person) => person.id))];
    const media = await loadMedia(db, ids, people);
    return rows.map((row) => toCard(row, lang, bylines, media));
  };

  const pagination = (page: number, pageSize: number, total: number): Pagination => ({
    page,
    pageSize,
    pageCount: Math.ceil(total / pageSize),
    total,
  });

  /** Only published, non-deleted targets and external links, in the editor's order, at most maxRelated. */
  const loadRelated = async (db: Knex, documentId: string, locale: string | null, lang: DisplayLanguage): Promise<PublicRelatedStory[]> => {
    const s = schema();
    const { maxRelated, timeZone, publicPath } = getConfig(strapi);
    const rows = (await db({ l: TABLES.relatedLinks })
      .leftJoin({ t: s.articles }, function joinTargets() {
        this.on(`t.${s.a('documentId')}`, '=', 'l.target')
          .andOn('l.article_locale', '=', db.raw(`coalesce(??, '')`, [`t.${s.a('locale')}`]))
          .andOnNotNull(`t.${s.a('publishedAt')}`);
      })
      .where({ 'l.article': documentId, 'l.article_locale': locale ?? '', 'l.version': 'published' })
      .andWhere((q) => q.whereNotNull('l.url').orWhereNotNull(`t.${s.a('id')}`))
      .orderBy([{ column: 'l.position' }, { column: 'l.id' }])
      .limit(maxRelated)
      .select({
        url: 'l.url',
        label: 'l.label',
        target: 'l.target',
        slug: `t.${s.a('slug')}`,
        title: `t.${s.a('title')}`,
        publication_date: `t.${s.a('publicationDate')}`,
      })) as Array<{ url: string | null; label: string | null; target: string | null; slug: string | null; title: string | null; publication_date: string | number | null }>;
    const picks = rows.map((row): PublicRelatedStory => {
      if (row.url) {
        return { title: row.label ?? row.url, slug: null, url: row.url, publicationDate: null, displayDate: null, external: true, suggested: false };
      }
      const publicationDate = toIso(row.publication_date);
      return {
        title: row.label || row.title || '',
        slug: row.slug,
        url: publicPath.replace(':slug', encodeURIComponent(row.slug ?? '')),
        publicationDate,
        displayDate: formatDisplayDate(publicationDate, lang, timeZone),
        external: false,
        suggested: false,
      };
    });
    // autoFill (issue #6): stored suggestions after the editor's picks, never repeating one; one more query.
    const { autoFill, autoFillTo } = getConfig(strapi).suggestions;
    const room = Math.min(autoFillTo, maxRelated) - picks.length;
    if (!autoFill || room <= 0) return picks;
    const exclude = rows.map((row) => row.target).filter((target): target is string => Boolean(target));
    return [...picks, ...(await getService(strapi, 'suggestions').fillRelated(db, { documentId, locale }, exclude, room, lang))];
  };

  /** The published row of a story by slug (or documentId, as @strapi/client's findOne sends). */
  const findRow = async (db: Knex, slugOrId: string, locale: string | null, withBody: boolean) => {
    const s = schema();
    const query = cardQuery(db, withBody)
      .andWhere((q) => q.where(`a.${s.a('slug')}`, slugOrId).orWhere(`a.${s.a('documentId')}`, slugOrId))
      // A slug that happens to equal another story's documentId: the slug wins.
      .orderByRaw(`case when ?? = ? then 0 else 1 end`, [`a.${s.a('slug')}`, slugOrId])
      .first();
    if (locale) query.andWhere(`a.${s.a('locale')}`, locale);
    return (await query) as ArticleRow | undefined;
  };

  return {
    async findPage(slugOrId: string, options: ReadOptions): Promise<PublicArticle | null> {
      const db = knex();
      const row = await findRow(db, slugOrId, options.locale, true);
      if (!row) return null;
      // Independent reads: on PostgreSQL and MySQL they run on two pooled connections at once.
      const [[card], related] = await Promise.all([toCards(db, [row], options.lang), loadRelated(db, row.document_id, row.locale, options.lang)]);
      return { ...card, body: (parseJson(row.body) as unknown[] | null) ?? null, related };
    },

    async findRelated(slugOrId: string, options: ReadOptions): Promise<PublicRelatedStory[] | null> {
      const db = knex();
      const row = await findRow(db, slugOrId, options.locale, false);
      if (!row) return null;
      return loadRelated(db, row.document_id, row.locale, options.lang);
    },

    async list(options: ListOptions): Promise<{ data: PublicArticleCard[]; pagination: Pagination }> {
      const db = knex();
      const s = schema();
      const filtered = (query: Knex.QueryBuilder) => {
        if (options.locale) query.andWhere(`a.${s.a('locale')}`, options.locale);
        if (options.correspondentSlug) {
          query.whereExists(
            db({ l: s.bylines.name })
              .join({ c: s.people }, `c.${s.p('id')}`, `l.${s.bylines.inverseJoinColumn.name}`)
              .whereRaw('?? = ??', [`l.${s.bylines.joinColumn.name}`, `a.${s.a('id')}`])
              .where(`c.${s.p('slug')}`, options.correspondentSlug)
              .select(db.raw('1'))
          );
        }
        if (options.tag) {
          query.whereExists(
            db({ t: TABLES.tags })
              .whereRaw('?? = ??', ['t.document_id', `a.${s.a('documentId')}`])
              .whereRaw(`?? = coalesce(??, '')`, ['t.locale', `a.${s.a('locale')}`])
              .where('t.tag_key', foldText(options.tag))
              .select(db.raw('1'))
          );
        }
        return query;
      };
      const countRow = (await filtered(db({ a: s.articles }).whereNotNull(`a.${s.a('publishedAt')}`)).count({ total: '*' }).first()) as { total: number | string } | undefined;
      const total = Number(countRow?.total ?? 0);
      const direction = options.ascending ? 'asc' : 'desc';
      const rows = total === 0
        ? []
        : ((await filtered(cardQuery(db, false))
            .orderByRaw(`case when ?? is null then 1 else 0 end`, [`a.${s.a('publicationDate')}`])
            .orderBy([{ column: `a.${s.a('publicationDate')}`, order: direction }, { column: `a.${s.a('id')}`, order: direction }])
            .offset((options.page - 1) * options.pageSize)
            .limit(options.pageSize)) as ArticleRow[]);
      return { data: await toCards(db, rows, options.lang), pagination: pagination(options.page, options.pageSize, total) };
    },

    async findCorrespondent(slug: string): Promise<(PublicCorrespondent & { id: number }) | null> {
      const db = knex();
      const s = schema();
      const row = (await db({ c: s.people })
        .where(`c.${s.p('slug')}`, slug)
        .whereNotNull(`c.${s.p('publishedAt')}`)
        .first({ id: `c.${s.p('id')}`, document_id: `c.${s.p('documentId')}`, name: `c.${s.p('name')}`, role: `c.${s.p('role')}`, slug: `c.${s.p('slug')}`, bio: `c.${s.p('bio')}` })) as
        | { id: number; document_id: string; name: string; role: string | null; slug: string; bio: string | null }
        | undefined;
      if (!row) return null;
      const media = await loadMedia(db, [], [Number(row.id)]);
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
