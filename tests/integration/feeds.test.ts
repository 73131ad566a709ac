import type { Core } from '@strapi/strapi';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { UIDS } from '../../shared/manifest';
import type { NewsroomConfig } from '../../server/src/config';
import { pageKeys } from '../../server/src/services/pages/keys';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, LOCALE } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;

const SITE = 'https://news.example.kz';
const TRICKY = 'Итоги & <b>выборов</b> «Қазақстан»';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'category', 'author'].includes(name) });

interface RssItem {
  title: string;
  link: string;
  guid: string | { '#text': string };
  pubDate: string;
  description?: string;
  category?: string[];
}
interface AtomEntry {
  title: { '#text': string } | string;
  id: string;
  updated: string;
  published: string;
  summary?: { '#text': string } | string;
  author?: Array<{ name: string; uri?: string }>;
}

const text = (value: { '#text': string } | string | undefined) => (typeof value === 'object' ? value['#text'] : value);

const getFeed = async (path: string, type: string) => {
  const res = await http(strapi).get(path);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(`${type}; charset=utf-8`);
  return { xml: res.text, parsed: parser.parse(res.text) };
};
const rss = async (path: string): Promise<{ channel: { title: string; link: string; item?: RssItem[] }; xml: string }> => {
  const { xml, parsed } = await getFeed(path, 'application/rss+xml');
  expect(parsed.rss['@version']).toBe('2.0');
  return { channel: parsed.rss.channel, xml };
};
const atom = async (path: string): Promise<{ title: string; entry?: AtomEntry[] }> => {
  const { parsed } = await getFeed(path, 'application/atom+xml');
  expect(parsed.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  return parsed.feed;
};

const slugs: Record<string, string> = {};
// Almaty wall-clock times as the desk enters them (UTC+6 before 2024-03-01, UTC+5 since).
const DATES = { oic: '2022-03-23T18:08:00.000Z', tricky: '2025-09-12T03:57:00.000Z', second: '2025-09-11T09:39:00.000Z' };

const story = async (key: string, title: string, publicationDate: string, extra: { tags?: string[]; correspondents?: string[]; lead?: string } = {}, options: { publish?: boolean } = {}) => {
  const created = await createStory(strapi, { title, publicationDate, ...extra }, options);
  slugs[key] = created.slug as string;
  return created;
};

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
  strapi.config.set('plugin::newsroom', { ...config, siteUrl: SITE, feeds: { size: 3 }, publisher: { name: 'Казинформ', logo: null, languages: {} } });
  const anuar = await createCorrespondent(strapi, { name: 'Калмыков Ануар' });
  const aigerim = await createCorrespondent(strapi, { name: 'Айгерим Сапарова' });
  await story('oic', 'Партнерство ради развития', DATES.oic, { tags: ['ОИС'], correspondents: [anuar.documentId], lead: 'Казахстан готов вносить вклад' });
  await story('tricky', TRICKY, DATES.tricky, { tags: ['Выборы', 'ОИС'], correspondents: [aigerim.documentId, anuar.documentId], lead: 'Лид с <тегом> & амперсандом ]]> конец' });
  await story('second', 'Токаев: цель – трансформация', DATES.second, { correspondents: [aigerim.documentId] });
  await story('oldest', 'Самая старая история', '2020-01-01T00:00:00.000Z');
  await story('draft', 'Черновик ОИС', '2025-10-01T00:00:00.000Z', { tags: ['ОИС'], correspondents: [anuar.documentId] }, { publish: false });
  const hidden = await story('unpublished', 'Снятая история ОИС', '2025-10-02T00:00:00.000Z', { tags: ['ОИС'], correspondents: [anuar.documentId] });
  await strapi.documents(UIDS.article).unpublish({ documentId: hidden.documentId, locale: LOCALE });
  const deleted = await story('deleted', 'Удалённая история ОИС', '2025-10-03T00:00:00.000Z', { tags: ['ОИС'], correspondents: [anuar.documentId] });
  await strapi.documents(UIDS.article).delete({ documentId: deleted.documentId, locale: LOCALE });
});
afterAll(() => app?.stop());

const links = (keys: string[]) => keys.map((key) => `${SITE}/news/${slugs[key]}`);

describe('RSS 2.0 feeds', () => {
  it('give the whole site latest first, at most feeds.size, with the lead as the description and dates as the desk entered them', async () => {
    const { channel } = await rss('/api/newsroom/feeds/rss.xml');
    expect(channel).toMatchObject({ title: 'Казинформ', description: 'Казинформ', link: SITE, language: 'ru' });
    const items = channel.item ?? [];
    expect(items.map((item) => item.link)).toEqual(links(['tricky', 'second', 'oic']));
    const [tricky, second, oic] = items;
    expect(tricky.title).toBe(TRICKY);
    expect(tricky.description).toBe('Лид с <тегом> & амперсандом ]]> конец');
    expect(tricky.category).toEqual(['Выборы', 'ОИС']);
    // 12 сентября 2025 г. 8:57 in Almaty (UTC+5) and 24 марта 2022 г. 0:08 (UTC+6).
    expect(tricky.pubDate).toBe('Fri, 12 Sep 2025 03:57:00 GMT');
    expect(oic.pubDate).toBe('Wed, 23 Mar 2022 18:08:00 GMT');
    expect(second.description).toBeUndefined();
  });

  it('keep & and < in titles and leads as text (well-formed XML, read back exactly), and Cyrillic as it is', async () => {
    const { xml, channel } = await rss('/api/newsroom/feeds/rss.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    // Text that looks like markup travels as character data, never as elements.
    expect(xml).toContain('<title><![CDATA[Итоги & <b>выборов</b> «Қазақстан»]]></title>');
    expect(JSON.stringify(channel.item?.[0])).not.toContain('"b":');
    expect(channel.item?.[0].description).toBe('Лид с <тегом> & амперсандом ]]> конец');
  });

  it('give one correspondent their byline, and a tag its stories, never a draft, unpublished or deleted one', async () => {
    const anuar = (await rss('/api/newsroom/correspondents/kalmykov-anuar/feeds/rss.xml')).channel;
    expect(anuar.title).toBe('Казинформ: Калмыков Ануар');
    expect((anuar.item ?? []).map((item) => item.link)).toEqual(links(['tricky', 'oic']));
    const tag = (await rss(`/api/newsroom/tags/${encodeURIComponent('ОИС')}/feeds/rss.xml`)).channel;
    expect(tag.title).toBe('Казинформ: ОИС');
    expect((tag.item ?? []).map((item) => item.link)).toEqual(links(['tricky', 'oic']));
    const everything = (await rss('/api/newsroom/feeds/rss.xml')).channel.item ?? [];
    for (const key of ['draft', 'unpublished', 'deleted']) expect(everything.map((item) => item.link)).not.toContain(`${SITE}/news/${slugs[key]}`);
  });

  it('answer an empty feed for an unused tag, a 404 for an unknown correspondent, a 400 for an unknown format', async () => {
    expect((await rss('/api/newsroom/tags/nothing/feeds/rss.xml')).channel.item).toBeUndefined();
    const unknown = await http(strapi).get('/api/newsroom/correspondents/nobody/feeds/rss.xml');
    expect(unknown.status).toBe(404);
    const format = await http(strapi).get('/api/newsroom/feeds/feed.json');
    expect(format.status).toBe(400);
    expect(format.body.error.details.errors[0]).toMatchObject({ path: ['format'], message: 'format must be one of rss.xml, atom.xml' });
    const locale = await http(strapi).get('/api/newsroom/feeds/rss.xml?locale=../x');
    expect(locale.status).toBe(400);
  });
});

describe('Atom feeds', () => {
  it('give the same stories with authors in byline order, the lead as the summary, published and updated dates', async () => {
    const feed = await atom('/api/newsroom/feeds/atom.xml');
    const entries = feed.entry ?? [];
    expect(entries.map((entry) => entry.id)).toEqual(links(['tricky', 'second', 'oic']));
    const [tricky] = entries;
    expect(text(tricky.title)).toBe(TRICKY);
    expect(text(tricky.summary)).toBe('Лид с <тегом> & амперсандом ]]> конец');
    expect(tricky.author?.map((person) => person.name)).toEqual(['Айгерим Сапарова', 'Калмыков Ануар']);
    expect(tricky.author?.[0].uri).toBe(`${SITE}/authors/aygerim-saparova`);
    expect(tricky.published).toBe(DATES.tricky);
    expect(Date.parse(tricky.updated)).toBeGreaterThanOrEqual(Date.parse(DATES.tricky));
    const byTag = await atom(`/api/newsroom/tags/${encodeURIComponent('ОИС')}/feeds/atom.xml`);
    expect((byTag.entry ?? []).map((entry) => entry.id)).toEqual(links(['tricky', 'oic']));
  });
});

describe('Feeds are cached and revalidated like every public read', () => {
  it('carry ETag, Cache-Control and their keys, answer 304 to If-None-Match, and show a publish or a renamed byline on the next read', async () => {
    const first = await http(strapi).get('/api/newsroom/feeds/rss.xml');
    expect(first.headers['cache-control']).toMatch(/^public, /);
    const keys = String(first.headers['cache-tag']).split(',');
    expect(keys).toContain(pageKeys.latest(LOCALE));
    const tricky = (await strapi.documents(UIDS.article).findFirst({ locale: LOCALE, filters: { slug: slugs.tricky } })) as { documentId: string };
    expect(keys).toContain(pageKeys.story(tricky.documentId, LOCALE));
    const again = await http(strapi).get('/api/newsroom/feeds/rss.xml').set('If-None-Match', String(first.headers.etag));
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');

    await story('fresh', 'Свежая новость для ленты', new Date().toISOString());
    const after = await rss('/api/newsroom/feeds/rss.xml');
    expect((after.channel.item ?? [])[0].link).toBe(links(['fresh'])[0]);

    const byline = '/api/newsroom/correspondents/kalmykov-anuar/feeds/rss.xml';
    expect((await rss(byline)).channel.title).toBe('Казинформ: Калмыков Ануар');
    const person = (await strapi.documents(UIDS.correspondent).findFirst({ filters: { slug: 'kalmykov-anuar' } })) as { documentId: string };
    await strapi.documents(UIDS.correspondent).update({ documentId: person.documentId, data: { name: 'Калмыков Ануар Серикович' } });
    expect((await rss(byline)).channel.title).toBe('Казинформ: Калмыков Ануар Серикович');
  });
});
