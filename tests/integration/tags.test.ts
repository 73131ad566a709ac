import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { restrictedAdmin } from '../helpers/restricted-admin';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, LOCALE } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;

const get = (path: string) => http(strapi).get(path);
const catalogue = (locale: string) => strapi.db.connection(TABLES.tagCatalog).where({ locale }).orderBy('id').select('name', 'slug');
const storedTags = async (documentId: string, locale = LOCALE, status: 'draft' | 'published' = 'published') =>
  ((await strapi.documents(UIDS.article).findOne({ documentId, locale, status, fields: ['tags'] })) as { tags: unknown } | null)?.tags;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
});
afterAll(() => app?.stop());

describe('the tag catalogue', () => {
  it('keeps one tag per name and locale (any case, ё = е), the first spelling, with a transliterated slug', async () => {
    const first = await createStory(strapi, { title: 'Ёлка на площади', tags: ['Ёлки', 'МИД РК', 'ОИС'] });
    const second = await createStory(strapi, { title: 'Ёлку украсили', tags: ['елки', 'оис', 'ОИС'] });
    expect(await storedTags(first.documentId)).toEqual([
      { name: 'Ёлки', slug: 'yolki' },
      { name: 'МИД РК', slug: 'mid-rk' },
      { name: 'ОИС', slug: 'ois' },
    ]);
    expect(await storedTags(second.documentId)).toEqual([
      { name: 'Ёлки', slug: 'yolki' },
      { name: 'ОИС', slug: 'ois' },
    ]);
    expect(await catalogue(LOCALE)).toEqual([
      { name: 'Ёлки', slug: 'yolki' },
      { name: 'МИД РК', slug: 'mid-rk' },
      { name: 'ОИС', slug: 'ois' },
    ]);
  });

  it('gives a different name with the same transliteration the next free slug, and accepts tag objects', async () => {
    const story = await createStory(strapi, { title: 'МИД и РК', tags: [{ name: 'МИД-РК', slug: 'ignored' }, { name: '  мид   рк ' }] as never });
    expect(await storedTags(story.documentId)).toEqual([
      { name: 'МИД-РК', slug: 'mid-rk-2' },
      { name: 'МИД РК', slug: 'mid-rk' },
    ]);
  });

  it('is per locale: Kazakh tags get Kazakh slugs, and the same name is its own tag in each locale', async () => {
    const kk = await createStory(strapi, { title: 'Білім туралы', tags: ['Білім', 'Қазақстан', 'ОИС', 'Ақмола'] }, { locale: 'kk' });
    expect(await storedTags(kk.documentId, 'kk')).toEqual([
      { name: 'Білім', slug: 'bilim' },
      { name: 'Қазақстан', slug: 'qazaqstan' },
      { name: 'ОИС', slug: 'ois' },
      { name: 'Ақмола', slug: 'aqmola' },
    ]);
    expect((await catalogue('kk')).map((tag) => tag.name)).toEqual(['Білім', 'Қазақстан', 'ОИС', 'Ақмола']);
    expect((await catalogue(LOCALE)).filter((tag) => tag.name === 'ОИС')).toHaveLength(1);
  });

  it('creates a new tag once when two stories bring it at the same time', async () => {
    await Promise.all([createStory(strapi, { title: 'Паводок один', tags: ['Паводки'] }), createStory(strapi, { title: 'Паводок два', tags: ['ПАВОДКИ'] })]);
    expect((await catalogue(LOCALE)).filter((tag) => tag.slug.startsWith('pavodki'))).toEqual([{ name: expect.stringMatching(/^(Паводки|ПАВОДКИ)$/), slug: 'pavodki' }]);
  });

  it('refuses tags that are not names, naming the field and the rule, and writes nothing', async () => {
    const before = await catalogue(LOCALE);
    await expect(createStory(strapi, { title: 'Плохие теги', tags: ['Хороший', { slug: 'x' }] as never })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['tags', '1'] })] },
    });
    await expect(createStory(strapi, { title: 'Плохие теги', tags: 'ОИС' as never })).rejects.toThrow(/tags must be a list of tag names/);
    expect(await catalogue(LOCALE)).toEqual(before);
  });
});

describe('GET /api/newsroom/tags/:slug', () => {
  let latest: { documentId: string };

  beforeAll(async () => {
    await createStory(strapi, { title: 'Энергетика: первая', publicationDate: '2025-01-01T06:00:00Z', tags: ['Энергетика'] });
    await createStory(strapi, { title: 'Энергетика: вторая', publicationDate: '2025-01-02T06:00:00Z', tags: ['энергетика'] });
    latest = await createStory(strapi, { title: 'Энергетика: третья', publicationDate: '2025-01-03T06:00:00Z', tags: ['Энергетика', 'Нефть'] });
    await createStory(strapi, { title: 'Энергетика: черновик', publicationDate: '2025-01-04T06:00:00Z', tags: ['Энергетика'] }, { publish: false });
    await createStory(strapi, { title: 'Секретный черновик', tags: ['Тайный тег'] }, { publish: false });
    // A draft edit of a published story: readers keep the published version.
    await strapi.documents(UIDS.article).update({ documentId: latest.documentId, locale: LOCALE, data: { title: 'ЧЕРНОВАЯ ПРАВКА' } });
  });

  it('answers the tag and its latest published stories, paginated, as the same cards as /articles (public role)', async () => {
    const first = await get('/api/newsroom/tags/energetika?pagination[pageSize]=2');
    expect(first.status).toBe(200);
    expect(first.body.data.name).toBe('Энергетика');
    expect(first.body.data.slug).toBe('energetika');
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect(first.body.data.articles.map((card: { title: string }) => card.title)).toEqual(['Энергетика: третья', 'Энергетика: вторая']);
    const second = await get('/api/newsroom/tags/energetika?pagination[pageSize]=2&pagination[page]=2');
    expect(second.body.data.articles.map((card: { title: string }) => card.title)).toEqual(['Энергетика: первая']);

    const list = await get(`/api/newsroom/articles?filters[tags]=energetika&pagination[pageSize]=1`);
    expect(first.body.data.articles[0]).toEqual(list.body.data[0]);
    expect(first.body.data.articles[0].tagLinks).toEqual([
      { name: 'Энергетика', slug: 'energetika' },
      { name: 'Нефть', slug: 'neft' },
    ]);
    expect(first.body.data.articles[0].tags).toEqual(['Энергетика', 'Нефть']);
  });

  it('never shows drafts: a draft-only tag is unknown, like a tag that does not exist (404)', async () => {
    const all = await get('/api/newsroom/tags/energetika?pagination[pageSize]=100');
    expect(JSON.stringify(all.body)).not.toMatch(/черновик|ЧЕРНОВАЯ/i);
    const secret = await get('/api/newsroom/tags/taynyy-teg');
    expect(secret.status).toBe(404);
    expect(JSON.stringify(secret.body)).not.toContain('Тайный');
    const unknown = await get('/api/newsroom/tags/no-such-tag');
    expect(unknown.body).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: 'No tag "no-such-tag"', details: {} } });
    // Another locale's tag is not this locale's.
    expect((await get('/api/newsroom/tags/bilim')).status).toBe(404);
    expect((await get('/api/newsroom/tags/bilim?locale=kk')).status).toBe(200);
  });

  it('refuses a bad slug or query with a 400 naming the parameter', async () => {
    const badSlug = await get(`/api/newsroom/tags/${encodeURIComponent('Энергетика')}`);
    expect(badSlug.status).toBe(400);
    expect(badSlug.body.error.message).toMatch(/^slug must be a tag slug/);
    const badQuery = await get('/api/newsroom/tags/energetika?filters[tags]=x');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/filters is not a query parameter of this route/);
  });
});

describe('filters[tags] on /api/newsroom/articles', () => {
  it('takes a tag name (any case, ё = е) or a tag slug', async () => {
    const titles = async (value: string) =>
      ((await get(`/api/newsroom/articles?filters[tags]=${encodeURIComponent(value)}&pagination[pageSize]=100`)).body.data as Array<{ title: string }>).map((card) => card.title).sort();
    const expected = ['Ёлка на площади', 'Ёлку украсили'];
    expect(await titles('ЕЛКИ')).toEqual(expected);
    expect(await titles('yolki')).toEqual(expected);
    expect(await titles('Ёлки')).toEqual(expected);
    expect(await titles('mid-rk-2')).toEqual(['МИД и РК']);
    expect(await titles('taynyy-teg')).toEqual([]);
  });

  it('lists a story once when the value names one of its tags and is the slug of another, and counts it once', async () => {
    // "Хабар" gets the slug "khabar"; a second tag is named "khabar" itself: the filter value stands for both.
    const both = await createStory(strapi, { title: 'Хабар в обоих тегах', publicationDate: '2025-02-02T06:00:00Z', tags: ['Хабар', 'khabar'] });
    await createStory(strapi, { title: 'Хабар в одном теге', publicationDate: '2025-02-01T06:00:00Z', tags: ['Хабар'] });
    const res = await get('/api/newsroom/articles?filters[tags]=khabar');
    expect(res.body.data.map((card: { title: string }) => card.title)).toEqual(['Хабар в обоих тегах', 'Хабар в одном теге']);
    expect(res.body.meta.pagination.total).toBe(2);
    expect(((await storedTags(both.documentId)) as Array<{ slug: string }>).map((tag) => tag.slug)).toEqual(['khabar', 'khabar-2']);
  });

  it('follows a republished story to its new date, and dates tag rows stored before they carried one (boot backfill)', async () => {
    const moved = await createStory(strapi, { title: 'Сели: раньше', publicationDate: '2025-03-01T06:00:00Z', tags: ['Сели'] });
    await createStory(strapi, { title: 'Сели: позже', publicationDate: '2025-03-02T06:00:00Z', tags: ['Сели'] });
    const order = async () => ((await get('/api/newsroom/articles?filters[tags]=seli')).body.data as Array<{ title: string }>).map((card) => card.title);
    expect(await order()).toEqual(['Сели: позже', 'Сели: раньше']);
    await strapi.documents(UIDS.article).update({ documentId: moved.documentId, locale: LOCALE, data: { publicationDate: '2025-03-03T06:00:00Z' } });
    await strapi.documents(UIDS.article).publish({ documentId: moved.documentId, locale: LOCALE });
    expect(await order()).toEqual(['Сели: раньше', 'Сели: позже']);

    await strapi.db.connection(TABLES.tags).update({ publication_date: null });
    await strapi.plugin('newsroom').service('search-index').backfill();
    const undated = await strapi.db.connection(TABLES.tags).whereNull('publication_date').count({ n: '*' }).first();
    expect(Number(undated?.n)).toBe(0);
    expect(await order()).toEqual(['Сели: раньше', 'Сели: позже']);
  });
});

describe('GET /newsroom/tags/search (admin)', () => {
  it('finds catalogue tags of the locale anywhere in the name, ё = е, names starting with the text first', async () => {
    const search = (q: string, locale = LOCALE) => http(strapi).get(`/newsroom/tags/search?q=${encodeURIComponent(q)}&locale=${locale}`).set(admin.auth);
    const found = await search('ёлк');
    expect(found.status).toBe(200);
    expect(found.body.data).toEqual([{ name: 'Ёлки', slug: 'yolki' }]);
    expect((await search('рк')).body.data.map((tag: { name: string }) => tag.name)).toEqual(['МИД РК', 'МИД-РК']);
    expect((await search('м')).body.data.map((tag: { name: string }) => tag.name).slice(0, 2)).toEqual(['МИД РК', 'МИД-РК']);
    expect((await search('біл', 'kk')).body.data).toEqual([{ name: 'Білім', slug: 'bilim' }]);
    expect((await search('біл')).body.data).toEqual([]);
    const empty = await search(' ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^q must be a search text/);
  });

  it('needs a logged-in admin with the plugin read permission', async () => {
    expect((await http(strapi).get('/newsroom/tags/search?q=ои')).status).toBe(401);
    const restricted = await restrictedAdmin(strapi, admin, 'No tags');
    expect((await http(strapi).get('/newsroom/tags/search?q=ои').set(restricted.auth)).status).toBe(403);
  });
});
