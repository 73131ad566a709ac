import type { Core } from '@strapi/strapi';
import { js2xml } from 'xml-js';

import { UIDS } from '../../../../shared/manifest';
import { getConfig } from '../../config';
import { tableOf } from '../../utils/db';
import { siteAddresses } from '../../utils/site';
import { articleColumn } from '../stories/cards';
import { pageKeys, type KeySet } from '../pages/keys';
import { publishedQuery, toSitemapRow, type SitemapRow } from './published';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** Google News: stories of the last two days, at most 1,000 per sitemap. */
const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;
const NEWS_MAX = 1000;

type XmlElement = Record<string, unknown>;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Character data as xml-js writes it (`&`, `<`, `>`). */
const escapeText = (value: string) => value.replace(/[&<>]/g, (char) => ENTITIES[char]);
const text = (value: string | number) => ({ _text: String(value) });
/** XML text through xml-js (the serializer `feed` uses), so every value is escaped the same way. */
const document = (root: string, attributes: Record<string, string>, children: Record<string, XmlElement[]>) =>
  js2xml({ _declaration: { _attributes: { version: '1.0', encoding: 'UTF-8' } }, [root]: { _attributes: attributes, ...children } }, { compact: true, spaces: 0 });

/**
 * Sitemaps of published stories: Google News (the last two days) and the full sitemap, split into
 * pages under a sitemap index beyond `sitemap.pageSize` URLs. A page is one query over the published
 * rows with their last modification; each method returns the XML body.
 */
const sitemapsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;
  const a = () => articleColumn(strapi);
  const inLocale = <T extends { andWhere: (column: string, value: string) => unknown }>(query: T, locale: string | undefined) => {
    if (locale) query.andWhere(a()('locale'), locale);
    return query;
  };
  const language = (locale: string | null) => {
    const { languages } = getConfig(strapi).publisher;
    return (locale && languages[locale]) || (locale ?? 'und').toLowerCase().split('-')[0];
  };
  /** Where this route answers, for the sitemap index (Strapi's public URL and REST prefix). */
  const selfUrl = () => `${String(strapi.config.get('server.absoluteUrl')).replace(/\/$/, '')}${String(strapi.config.get('api.rest.prefix', '/api'))}/newsroom/sitemap.xml`;

  /** What a sitemap shows: every published story of its locale, or of every locale; each key changes whenever a story joins, leaves or is republished (lastmod). */
  const listKey = (locale: string | undefined) => (locale ? pageKeys.latest(locale) : pageKeys.allStories());

  /** Up to 50,000 URLs: written as strings (xml-js took 0.85 s a page building its tree), each value escaped as xml-js escapes text. */
  const urlset = (rows: SitemapRow[]) => {
    const urls = siteAddresses(strapi);
    const url = (row: SitemapRow) => `<url><loc>${escapeText(urls.story(row.slug))}</loc>${row.dateModified ? `<lastmod>${escapeText(row.dateModified)}</lastmod>` : ''}</url>`;
    return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="${SITEMAP_NS}">${rows.map(url).join('')}</urlset>`;
  };

  return {
    /** Google News sitemap: published stories dated within the last two days (none from the future), newest first. */
    async news(locale?: string, keys?: KeySet): Promise<string> {
      keys?.add(listKey(locale));
      const now = Date.now();
      const rows = (await inLocale(publishedQuery(strapi, db()), locale)
        .where(a()('publicationDate'), '>', new Date(now - NEWS_WINDOW_MS))
        .andWhere(a()('publicationDate'), '<=', new Date(now))
        .orderBy([{ column: a()('publicationDate'), order: 'desc' }, { column: a()('id'), order: 'desc' }])
        .limit(NEWS_MAX)) as Array<Parameters<typeof toSitemapRow>[0]>;
      const urls = siteAddresses(strapi);
      const { name } = getConfig(strapi).publisher;
      return document('urlset', { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS }, {
        url: rows.map(toSitemapRow).map((row) => ({
          loc: text(urls.story(row.slug)),
          'news:news': {
            'news:publication': { 'news:name': text(name), 'news:language': text(language(row.locale)) },
            'news:publication_date': text(row.publicationDate ?? ''),
            'news:title': text(row.title),
          },
        })),
      });
    },

    /**
     * sitemap.xml: every published story (`page` 0) while they fit in one page (a count and the page),
     * else a sitemap index of `?page=` URLs (the count alone); `?page=` is one query; a page past the last is null (404).
     */
    async full(options: { locale?: string; page: number }, keys?: KeySet): Promise<string | null> {
      keys?.add(listKey(options.locale));
      const { pageSize } = getConfig(strapi).sitemap;
      // Stable pages whatever the dates and republications (a republish gives the row a new id): by documentId.
      const order = [{ column: a()('documentId') }, { column: a()('locale') }];
      // The page's ids come from Strapi's (document_id, locale, published_at) index alone, so only the page's own rows are read, not the drafts' or the offset's.
      const page = (number: number) => {
        const ids = inLocale(db()({ a: tableOf(strapi, UIDS.article).name }).whereNotNull(a()('publishedAt')), options.locale)
          .orderBy(order)
          .offset((number - 1) * pageSize)
          .limit(pageSize)
          .select({ id: a()('id') });
        return publishedQuery(strapi, db())
          .join(ids.as('k'), 'k.id', a()('id'))
          .orderBy(order) as unknown as Promise<Array<Parameters<typeof toSitemapRow>[0]>>;
      };
      if (options.page > 0) {
        const rows = await page(options.page);
        return rows.length === 0 && options.page > 1 ? null : urlset(rows.map(toSitemapRow));
      }
      // An indexed count decides between the one page and the index, so a large archive is never read just to find out.
      const countRow = (await inLocale(db()({ a: tableOf(strapi, UIDS.article).name }).whereNotNull(a()('publishedAt')), options.locale).count({ total: '*' }).first()) as { total: number | string };
      if (Number(countRow.total) <= pageSize) return urlset((await page(1)).map(toSitemapRow));
      const pages = Math.ceil(Number(countRow.total) / pageSize);
      const locale = options.locale ? `&locale=${encodeURIComponent(options.locale)}` : '';
      return document('sitemapindex', { xmlns: SITEMAP_NS }, {
        sitemap: Array.from({ length: pages }, (_, index) => ({ loc: text(`${selfUrl()}?page=${index + 1}${locale}`) })),
      });
    },
  };
};

export type SitemapsService = ReturnType<typeof sitemapsService>;
export default sitemapsService;
