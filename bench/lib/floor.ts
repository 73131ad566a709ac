import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { DisplayLanguage, PublicArticle, PublicMedia, PublicRelatedStory } from '../../shared/contracts/public-api';
import { formatDisplayDate } from '../../shared/dates';
import { ARTICLE, CORRESPONDENT } from './seed';

export const FLOOR_PATH = '/bench/floor/:slug';

interface Relation {
  joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName: string };
}
interface MorphRelation {
  joinTable: { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } };
}

type Row = Record<string, unknown>;

const parseJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

const toIso = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

const toMedia = (row: Row, prefix: string): PublicMedia | null => {
  if (row[`${prefix}_url`] === null || row[`${prefix}_url`] === undefined) return null;
  const formats = parseJson(row[`${prefix}_formats`]) as Record<string, { url: string; width?: number; height?: number }> | null;
  return {
    url: row[`${prefix}_url`] as string,
    alternativeText: (row[`${prefix}_alt`] as string | null) ?? null,
    width: (row[`${prefix}_width`] as number | null) ?? null,
    height: (row[`${prefix}_height`] as number | null) ?? null,
    formats: formats ? Object.fromEntries(Object.entries(formats).map(([key, f]) => [key, { url: f.url, width: f.width ?? null, height: f.height ?? null }])) : null,
  };
};

/**
 * The floor: the same page JSON as GET /api/newsroom/articles/:slug from two hand-written SQL
 * statements sent together (article + bylines + media in one, the related list in the other, found
 * by a sub-select on the slug), on the same Koa server with the same global middlewares, but no
 * route auth (no Users & Permissions lookup), no query validation, and the default locale,
 * language, time zone and public path read once at boot instead of per request.
 */
export const registerFloor = async (strapi: Core.Strapi) => {
  const db = strapi.db.connection;
  const client = strapi.db.dialect.client as string;
  const quote = (name: string) => (client.startsWith('mysql') ? `\`${name}\`` : `"${name}"`);
  const meta = strapi.db.metadata;
  const article = meta.get(ARTICLE);
  const person = meta.get(CORRESPONDENT);
  const a = (attribute: string) => quote((article.attributes[attribute] as { columnName: string }).columnName);
  const p = (attribute: string) => quote((person.attributes[attribute] as { columnName: string }).columnName);
  const bylines = (article.attributes.correspondents as unknown as Relation).joinTable;
  const fileMorph = (meta.get('plugin::upload.file').attributes.related as unknown as MorphRelation).joinTable;
  const files = quote(meta.get('plugin::upload.file').tableName);
  const morph = quote(fileMorph.name);
  const morphFile = quote(fileMorph.joinColumn.name);
  const morphId = quote(fileMorph.morphColumn.idColumn.name);
  const morphType = quote(fileMorph.morphColumn.typeColumn.name);
  const articles = quote(article.tableName);

  const pageSql = `
    select a.${a('id')} as id, a.${a('documentId')} as document_id, a.${a('locale')} as locale, a.${a('slug')} as slug,
      a.${a('title')} as title, a.${a('lead')} as lead, a.${a('body')} as body, a.${a('source')} as source, a.${a('tags')} as tags,
      a.${a('publicationDate')} as publication_date, a.${a('views')} as views, a.${a('bylineRoles')} as byline_roles, vc.views as counted,
      cf.url as cover_url, cf.alternative_text as cover_alt, cf.width as cover_width, cf.height as cover_height, cf.formats as cover_formats,
      c.${p('name')} as c_name, c.${p('role')} as c_role, c.${p('slug')} as c_slug, c.${p('documentId')} as c_document_id,
      pf.url as photo_url, pf.alternative_text as photo_alt, pf.width as photo_width, pf.height as photo_height, pf.formats as photo_formats
    from ${articles} a
    left join newsroom_view_counts vc on vc.document_id = a.${a('documentId')} and vc.locale = coalesce(a.${a('locale')}, '')
    left join ${morph} cm on cm.${morphId} = a.${a('id')} and cm.${morphType} = '${ARTICLE}' and cm.field = 'cover'
    left join ${files} cf on cf.id = cm.${morphFile}
    left join ${quote(bylines.name)} l on l.${quote(bylines.joinColumn.name)} = a.${a('id')}
    left join ${quote(person.tableName)} c on c.${p('id')} = l.${quote(bylines.inverseJoinColumn.name)}
    left join ${morph} pm on pm.${morphId} = c.${p('id')} and pm.${morphType} = '${CORRESPONDENT}' and pm.field = 'photo'
    left join ${files} pf on pf.id = pm.${morphFile}
    where a.${a('slug')} = ? and a.${a('locale')} = ? and a.${a('publishedAt')} is not null
    order by l.${quote(bylines.orderColumnName)}, l.id`;

  const relatedSql = `
    select l.url, l.label, t.${a('slug')} as slug, t.${a('title')} as title, t.${a('publicationDate')} as publication_date
    from newsroom_related_links l
    left join ${articles} t on t.${a('documentId')} = l.target and t.${a('locale')} = ? and t.${a('publishedAt')} is not null
    where l.article = (select s.${a('documentId')} from ${articles} s where s.${a('slug')} = ? and s.${a('locale')} = ? and s.${a('publishedAt')} is not null limit 1)
      and l.article_locale = ? and l.version = 'published' and (l.url is not null or t.${a('id')} is not null)
    order by l.position, l.id
    limit ?`;

  const rowsOf = (result: unknown): Row[] => {
    if (Array.isArray(result)) return (client.startsWith('mysql') ? result[0] : result) as Row[];
    return (result as { rows: Row[] }).rows;
  };

  const config = strapi.config.get('plugin::newsroom') as { maxRelated: number; timeZone: string; publicPath: string; defaultLocale: DisplayLanguage };
  const locale = ((await strapi.plugin('i18n')?.service('locales').getDefaultLocale()) as string | undefined) ?? '';
  const lang = config.defaultLocale;

  // The tags column holds `{ name, slug }` entries since tags have a catalogue.
  const tagEntries = (value: unknown): Array<{ name: string; slug: string }> =>
    Array.isArray(value)
      ? value.flatMap((entry) => (entry && typeof entry === 'object' && typeof entry.name === 'string' && typeof entry.slug === 'string' ? [{ name: entry.name as string, slug: entry.slug as string }] : []))
      : [];

  const page = async (slug: string): Promise<PublicArticle | null> => {
    const [pageRows, relatedRows] = await Promise.all([
      db.raw(pageSql, [slug, locale]).then(rowsOf),
      db.raw(relatedSql, [locale, slug, locale, locale, config.maxRelated]).then(rowsOf),
    ]);
    const row = pageRows[0];
    if (!row) return null;
    const roles = (parseJson(row.byline_roles) ?? {}) as Record<string, string>;
    const tags = parseJson(row.tags);
    const publicationDate = toIso(row.publication_date);
    const related = relatedRows.map((link): PublicRelatedStory => {
      if (link.url) return { title: (link.label as string | null) ?? (link.url as string), slug: null, url: link.url as string, publicationDate: null, displayDate: null, external: true, suggested: false };
      const date = toIso(link.publication_date);
      return {
        title: (link.label as string) || (link.title as string) || '',
        slug: link.slug as string,
        url: config.publicPath.replace(':slug', encodeURIComponent((link.slug as string) ?? '')),
        publicationDate: date,
        displayDate: formatDisplayDate(date, lang, config.timeZone),
        external: false,
        suggested: false,
      };
    });
    return {
      documentId: row.document_id as string,
      locale: row.locale as string | null,
      slug: row.slug as string,
      title: row.title as string,
      lead: (row.lead as string | null) ?? null,
      source: (row.source as string | null) ?? null,
      tags: tagEntries(tags).map((tag) => tag.name),
      tagLinks: tagEntries(tags),
      cover: toMedia(row, 'cover'),
      views: Math.max(Number(row.counted ?? 0), Number(row.views ?? 0)),
      publicationDate,
      displayDate: formatDisplayDate(publicationDate, lang, config.timeZone),
      correspondents: pageRows
        .filter((r) => r.c_name !== null && r.c_name !== undefined)
        .map((r) => ({
          name: r.c_name as string,
          role: roles[r.c_document_id as string] || (r.c_role as string | null) || null,
          slug: (r.c_slug as string | null) ?? null,
          photo: toMedia(r, 'photo'),
        })),
      body: (parseJson(row.body) as unknown[] | null) ?? null,
      // The bench's stories carry no corrections; the floor does not read them (a cheaper floor than the route).
      corrections: [],
      related,
    };
  };

  strapi.server.routes([
    {
      method: 'GET',
      path: FLOOR_PATH,
      handler: async (ctx: Context) => {
        const data = await page(String(ctx.params.slug));
        if (!data) {
          ctx.status = 404;
          ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } };
          return;
        }
        ctx.body = { data, meta: {} };
      },
      config: { auth: false },
    },
  ] as never);
  return { pageSql, relatedSql, page };
};

export const NOOP_PATH = '/bench/noop/:slug';

/**
 * The Strapi stack alone: GET and POST /bench/noop/:slug answer `{ data: { slug } }` without touching
 * the database, through the same global middlewares and router as every route, with no auth. Nothing
 * served by this Strapi instance can be faster on this machine.
 */
export const registerNoop = (strapi: Core.Strapi) => {
  const handler = async (ctx: Context) => {
    ctx.body = { data: { slug: String(ctx.params.slug) } };
  };
  strapi.server.routes([
    { method: 'GET', path: NOOP_PATH, handler, config: { auth: false } },
    { method: 'POST', path: NOOP_PATH, handler, config: { auth: false } },
  ] as never);
  // The same no-op behind Strapi's content-API auth with the view route's own scope: what every public request pays before the plugin runs.
  strapi.server.routes({
    type: 'content-api',
    prefix: '/bench',
    routes: [
      { method: 'POST', path: '/auth-noop/:slug', handler, config: { auth: { scope: ['plugin::newsroom.article.view'] } } },
      // GET with the story route's scope: the ceiling of any public read (bench:read).
      { method: 'GET', path: '/auth-noop/:slug', handler, config: { auth: { scope: ['plugin::newsroom.article.findOne'] } } },
    ],
  } as never);
};

export const AUTH_NOOP_PATH = '/api/bench/auth-noop/:slug';
