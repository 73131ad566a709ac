import type { Core } from '@strapi/strapi';
import { XMLParser } from 'fast-xml-parser';

import { UIDS } from '../../shared/manifest';
import type { NewsroomConfig } from '../../server/src/config';
import { pageKeys } from '../../server/src/services/pages/keys';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, databaseIdle, LOCALE, publish } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;

const SITE = 'https://news.example.kz';
const HOUR = 3600 * 1000;
const TRICKY = 'Итоги & <b>выборов</b> «Қазақстан»';

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap'].includes(name) });
/** Changes the plugin's config at run time, and drops the pages read under the old one (a restart would). */
const configure = (change: Partial<NewsroomConfig>) => {
  strapi.config.set('plugin::newsroom', { ...(strapi.config.get('plugin::newsroom') as NewsroomConfig), ...change });
  return strapi.plugin('newsroom').service('page-cache').clear();
};

interface UrlEntry {
  loc: string;
  lastmod?: string;
  'news:news'?: { 'news:publication': { 'news:name': string; 'news:language': string }; 'news:publication_date': string; 'news:title': string };
}

/** GETs an XML route and parses it with a real XML parser (after checking it is well-formed). */
const getXml = async (path: string) => {
  const res = await http(strapi).get(path);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
  return parser.parse(res.text);
};
const urlsOf = async (path: string): Promise<UrlEntry[]> => (await getXml(path)).urlset.url ?? [];
const storyUrl = (slug: string) => `${SITE}/news/${slug}`;

/** SQL statements a request runs, without Users & Permissions' own role lookup. */
const queriesOf = async (path: string) => {
  // The statements of a computed answer, not of a cache hit.
  await strapi.plugin('newsroom').service('page-cache').clear();
  await databaseIdle(strapi);
  const queries: string[] = [];
  const listener = (query: { sql: string }) => queries.push(query.sql);
  strapi.db.connection.on('query', listener);
  try {
    expect((await http(strapi).get(path)).status).toBe(200);
  } finally {
    strapi.db.connection.off('query', listener);
  }
  return queries.filter((sql) => !/up_permissions|up_roles/.test(sql));
};

const slugs: Record<string, string> = {};

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  await configure({ siteUrl: SITE, publisher: { name: 'Казинформ & Co', logo: null, languages: { kk: 'kk' } } });
  const now = Date.now();
  const story = async (key: string, title: string, publicationDate: number, options: { publish?: boolean; locale?: string } = {}) => {
    const created = await createStory(strapi, { title, publicationDate: new Date(publicationDate).toISOString() }, options);
    slugs[key] = created.slug as string;
    return created;
  };
  await story('recent', TRICKY, now - 3 * HOUR);
  await story('kazakh', 'Астанада жаңа мектеп ашылды', now - 30 * HOUR, { locale: 'kk' });
  await story('old', 'Старая история', Date.parse('2022-03-23T18:08:00Z'));
  await story('future', 'Запланированная история', now + 24 * HOUR);
  await story('draft', 'Черновик новостей', now - HOUR, { publish: false });
  const hidden = await story('unpublished', 'Снятая история', now - 2 * HOUR);
  await strapi.documents(UIDS.article).unpublish({ documentId: hidden.documentId, locale: LOCALE });
  const deleted = await story('deleted', 'Удалённая история', now - 2 * HOUR);
  await strapi.documents(UIDS.article).delete({ documentId: deleted.documentId, locale: LOCALE });
});
afterAll(() => app?.stop());

describe('GET /api/newsroom/sitemap-news.xml', () => {
  it('lists the published stories of the last two days with Google News publication, date and title', async () => {
    const urls = await urlsOf('/api/newsroom/sitemap-news.xml');
    expect(urls.map((url) => url.loc)).toEqual([storyUrl(slugs.recent), storyUrl(slugs.kazakh)]);
    const [recent, kazakh] = urls;
    expect(recent['news:news']).toEqual({
      'news:publication': { 'news:name': 'Казинформ & Co', 'news:language': 'ru' },
      'news:publication_date': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      'news:title': TRICKY,
    });
    expect(kazakh['news:news']?.['news:publication']['news:language']).toBe('kk');
    expect(kazakh['news:news']?.['news:title']).toBe('Астанада жаңа мектеп ашылды');
  });

  it('escapes & and < in titles and names, and keeps Cyrillic as it is', async () => {
    const res = await http(strapi).get('/api/newsroom/sitemap-news.xml?locale=ru');
    expect(res.text).toContain('<news:title>Итоги &amp; &lt;b&gt;выборов&lt;/b&gt; «Қазақстан»</news:title>');
    expect(res.text).toContain('<news:name>Казинформ &amp; Co</news:name>');
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('answers one locale with ?locale= and refuses a bad one with a 400 naming it', async () => {
    expect((await urlsOf('/api/newsroom/sitemap-news.xml?locale=kk')).map((url) => url.loc)).toEqual([storyUrl(slugs.kazakh)]);
    const bad = await http(strapi).get('/api/newsroom/sitemap-news.xml?locale=../x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['locale']);
  });

  it('is one query', async () => {
    expect(await queriesOf('/api/newsroom/sitemap-news.xml?locale=ru')).toHaveLength(1);
  });
});

describe('GET /api/newsroom/sitemap.xml', () => {
  const published = () => [slugs.recent, slugs.kazakh, slugs.old, slugs.future].map(storyUrl).sort();

  it('lists every published story, never a draft, an unpublished or a deleted one, with lastmod the last published change', async () => {
    const urls = await urlsOf('/api/newsroom/sitemap.xml');
    expect(urls.map((url) => url.loc).sort()).toEqual(published());
    const old = urls.find((url) => url.loc === storyUrl(slugs.old));
    expect(old?.lastmod).toBe('2022-03-23T18:08:00.000Z');

    const documentId = ((await strapi.documents(UIDS.article).findFirst({ locale: LOCALE, filters: { slug: slugs.old } })) as { documentId: string }).documentId;
    const before = Date.now();
    await strapi.documents(UIDS.article).update({ documentId, locale: LOCALE, data: { lead: 'Уточнённый лид' } });
    await publish(strapi, documentId);
    const after = await urlsOf('/api/newsroom/sitemap.xml');
    expect(Date.parse(after.find((url) => url.loc === storyUrl(slugs.old))?.lastmod as string)).toBeGreaterThanOrEqual(before - 1000);
    const untouched = (entries: UrlEntry[]) => entries.filter((url) => url.loc !== storyUrl(slugs.old));
    expect(untouched(after)).toEqual(untouched(urls));
  });

  it('is a count and one page query while the stories fit in one page', async () => {
    expect(await queriesOf('/api/newsroom/sitemap.xml')).toHaveLength(2);
  });

  it('becomes a sitemap index of pages beyond sitemap.pageSize, each page one query', async () => {
    await configure({ sitemap: { pageSize: 3 } });
    try {
      const index = (await getXml('/api/newsroom/sitemap.xml')).sitemapindex.sitemap as Array<{ loc: string }>;
      expect(index.map((entry) => entry.loc.replace(/^https?:\/\/[^/]+/, ''))).toEqual(['/api/newsroom/sitemap.xml?page=1', '/api/newsroom/sitemap.xml?page=2']);
      const pages = await Promise.all(index.map((entry) => urlsOf(entry.loc.replace(/^https?:\/\/[^/]+/, ''))));
      expect(pages.map((page) => page.length)).toEqual([3, 1]);
      expect(pages.flat().map((url) => url.loc).sort()).toEqual(published());
      expect(await queriesOf('/api/newsroom/sitemap.xml?page=2')).toHaveLength(1);
      // The index itself is the count alone.
      expect(await queriesOf('/api/newsroom/sitemap.xml')).toHaveLength(1);
      expect((await http(strapi).get('/api/newsroom/sitemap.xml?page=3')).status).toBe(404);
      const kazakh = (await getXml('/api/newsroom/sitemap.xml?locale=kk')).urlset.url as UrlEntry[];
      expect(kazakh.map((url) => url.loc)).toEqual([storyUrl(slugs.kazakh)]);
      const bad = await http(strapi).get('/api/newsroom/sitemap.xml?page=0');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors[0]).toMatchObject({ path: ['page'], message: 'page must be an integer from 1 to 100000' });
    } finally {
      await configure({ sitemap: { pageSize: 50000 } });
    }
  });
});

describe('Sitemaps are cached and revalidated like every public read', () => {
  it('carry ETag and their keys (every locale without ?locale=), answer 304, and list a story published since', async () => {
    const all = await http(strapi).get('/api/newsroom/sitemap.xml');
    expect(String(all.headers['cache-tag']).split(',')).toEqual([pageKeys.allStories()]);
    const news = await http(strapi).get('/api/newsroom/sitemap-news.xml?locale=ru');
    expect(String(news.headers['cache-tag']).split(',')).toEqual([pageKeys.latest(LOCALE)]);
    expect((await http(strapi).get('/api/newsroom/sitemap.xml').set('If-None-Match', String(all.headers.etag))).status).toBe(304);

    const fresh = await createStory(strapi, { title: 'Новость после карты сайта', publicationDate: new Date(Date.now() - HOUR).toISOString() });
    expect((await urlsOf('/api/newsroom/sitemap.xml')).map((url) => url.loc)).toContain(storyUrl(fresh.slug as string));
    expect((await urlsOf('/api/newsroom/sitemap-news.xml?locale=ru')).map((url) => url.loc)).toContain(storyUrl(fresh.slug as string));
  });
});
