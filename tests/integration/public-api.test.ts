import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, databaseIdle, LOCALE, publish, setRelated } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;

const get = (path: string) => http(strapi).get(path);

/** Every key anywhere in a response, to prove private fields never leave the server. */
const allKeys = (value: unknown, keys = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) value.forEach((item) => allKeys(item, keys));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      allKeys(inner, keys);
    }
  }
  return keys;
};
const FORBIDDEN = ['createdBy', 'updatedBy', 'created_by_id', 'email', 'password', 'resetPasswordToken', 'bylineRoles', 'publishedAt', 'id'];

let people: Array<{ documentId: string }>;
let main: { documentId: string };

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  const photo = await strapi.db.query('plugin::upload.file').create({
    data: { name: 'photo.jpg', hash: 'photo_hash', ext: '.jpg', mime: 'image/jpeg', size: 3.5, url: '/uploads/photo_hash.jpg', provider: 'local', width: 400, height: 400, alternativeText: 'Айгерим Сапарова' },
  });
  people = [
    await createCorrespondent(strapi, { name: 'Калмыков Ануар', role: 'корреспондент', email: 'secret@example.kz' }),
    await createCorrespondent(strapi, { name: 'Айгерим Сапарова', role: 'редактор', email: 'hidden@example.kz', photo: photo.id } as never),
  ];
  const cover = await strapi.db.query('plugin::upload.file').create({
    data: { name: 'cover.jpg', hash: 'cover_hash', ext: '.jpg', mime: 'image/jpeg', size: 10.5, url: '/uploads/cover_hash.jpg', provider: 'local', width: 1200, height: 800, formats: { thumbnail: { url: '/uploads/thumbnail_cover_hash.jpg', width: 234, height: 156, hash: 'x', path: null } } },
  });
  const dates = ['2025-09-12T03:57:00Z', '2025-09-11T09:39:00Z', '2025-09-11T10:00:00Z', '2025-08-22T12:19:00Z', '2025-08-19T19:00:00Z'];
  const targets = [];
  for (const [index, publicationDate] of dates.entries()) {
    targets.push(await createStory(strapi, { title: `Связанная история ${index + 1}`, publicationDate, tags: index % 2 ? ['ОИС'] : ['Экономика'], correspondents: [people[index % 2].documentId] }));
  }
  const draftOnly = await createStory(strapi, { title: 'Неопубликованный черновик', publicationDate: '2025-10-01T00:00:00Z' }, { publish: false });
  main = await createStory(
    strapi,
    {
      title: 'Партнерство ради развития',
      lead: 'Лид',
      tags: ['ОИС', 'МИД РК'],
      publicationDate: '2022-03-23T18:08:00Z',
      views: 247,
      correspondents: [people[0].documentId, people[1].documentId],
      cover: cover.id,
    } as never,
    { publish: false }
  );
  await setRelated(strapi, main.documentId, [
    { target: targets[0].documentId },
    { target: draftOnly.documentId },
    { target: targets[1].documentId },
    { url: 'https://www.gov.kz/memleket/entities/mfa', label: 'МИД РК' },
    { target: targets[2].documentId },
    { target: targets[3].documentId },
    { target: targets[4].documentId },
  ]);
  await publish(strapi, main.documentId);
  // A draft edit of the published story: readers must keep seeing the published version.
  await strapi.documents(UIDS.article).update({ documentId: main.documentId, locale: LOCALE, data: { title: 'СЕКРЕТНЫЙ ЧЕРНОВИК', lead: 'черновой лид' } });
});
afterAll(() => app?.stop());

describe('GET /api/newsroom/articles/:slug', () => {
  it('answers the published story with its correspondents and related stories in one response', async () => {
    const res = await get('/api/newsroom/articles/partnerstvo-radi-razvitiya');
    expect(res.status).toBe(200);
    const story = res.body.data;
    expect(Object.keys(story).sort()).toEqual(
      ['documentId', 'locale', 'slug', 'title', 'lead', 'body', 'source', 'tags', 'tagLinks', 'cover', 'views', 'publicationDate', 'displayDate', 'correspondents', 'corrections', 'related'].sort()
    );
    expect(story).toMatchObject({
      title: 'Партнерство ради развития',
      lead: 'Лид',
      tags: ['ОИС', 'МИД РК'],
      tagLinks: [{ name: 'ОИС', slug: 'ois' }, { name: 'МИД РК', slug: 'mid-rk' }],
      views: 247,
      displayDate: '24 марта 2022 г. 0:08',
      cover: { url: '/uploads/cover_hash.jpg', width: 1200, height: 800, formats: { thumbnail: { url: '/uploads/thumbnail_cover_hash.jpg', width: 234, height: 156 } } },
    });
    expect(story.correspondents).toEqual([
      { name: 'Калмыков Ануар', role: 'корреспондент', slug: 'kalmykov-anuar', photo: null },
      { name: 'Айгерим Сапарова', role: 'редактор', slug: 'aygerim-saparova', photo: { url: '/uploads/photo_hash.jpg', alternativeText: 'Айгерим Сапарова', width: 400, height: 400, formats: null } },
    ]);
    expect(story.related).toEqual([
      { title: 'Связанная история 1', slug: 'svyazannaya-istoriya-1', url: '/news/svyazannaya-istoriya-1', publicationDate: '2025-09-12T03:57:00.000Z', displayDate: '12 сентября 2025 г. 8:57', external: false, suggested: false },
      { title: 'Связанная история 2', slug: 'svyazannaya-istoriya-2', url: '/news/svyazannaya-istoriya-2', publicationDate: '2025-09-11T09:39:00.000Z', displayDate: '11 сентября 2025 г. 14:39', external: false, suggested: false },
      { title: 'МИД РК', slug: null, url: 'https://www.gov.kz/memleket/entities/mfa', publicationDate: null, displayDate: null, external: true, suggested: false },
      { title: 'Связанная история 3', slug: 'svyazannaya-istoriya-3', url: '/news/svyazannaya-istoriya-3', publicationDate: '2025-09-11T10:00:00.000Z', displayDate: '11 сентября 2025 г. 15:00', external: false, suggested: false },
      { title: 'Связанная история 4', slug: 'svyazannaya-istoriya-4', url: '/news/svyazannaya-istoriya-4', publicationDate: '2025-08-22T12:19:00.000Z', displayDate: '22 августа 2025 г. 17:19', external: false, suggested: false },
      { title: 'Связанная история 5', slug: 'svyazannaya-istoriya-5', url: '/news/svyazannaya-istoriya-5', publicationDate: '2025-08-19T19:00:00.000Z', displayDate: '20 августа 2025 г. 0:00', external: false, suggested: false },
    ]);
    const keys = allKeys(res.body);
    for (const key of FORBIDDEN) expect([key, keys.has(key)]).toEqual([key, false]);
    expect(JSON.stringify(res.body)).not.toMatch(/secret@example|hidden@example|СЕКРЕТНЫЙ|черновой лид|Неопубликованный/);
  });

  it('also answers by documentId, as @strapi/client findOne asks, and prints dates in kk and en', async () => {
    const byId = await get(`/api/newsroom/articles/${main.documentId}?lang=kk`);
    expect(byId.status).toBe(200);
    expect(byId.body.data.displayDate).toBe('24 наурыз 2022 ж. 0:08');
    expect(byId.body.data.related[0].displayDate).toBe('12 қыркүйек 2025 ж. 8:57');
    const english = await get('/api/newsroom/articles/partnerstvo-radi-razvitiya/related?lang=en');
    expect(english.body.data[0].displayDate).toBe('12 September 2025, 8:57');
  });

  it('refuses unknown languages, parameters and bad input with a 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/newsroom/articles/partnerstvo-radi-razvitiya?lang=de', 'lang must be one of ru, kk, en'],
      ['/api/newsroom/articles/partnerstvo-radi-razvitiya?populate=*', 'populate is not a query parameter of this route'],
      ['/api/newsroom/articles/partnerstvo-radi-razvitiya?status=draft', 'status must be "published"'],
      ['/api/newsroom/articles/partnerstvo-radi-razvitiya?locale=../../etc', 'locale must be a locale code'],
      ['/api/newsroom/articles?filters[createdBy][email][$contains]=a', 'filters.createdBy cannot be filtered on'],
      ['/api/newsroom/articles?pagination[pageSize]=101', 'pagination.pageSize must be an integer from 1 to 100'],
      ['/api/newsroom/articles?pagination[page]=0', 'pagination.page must be an integer from 1 to 100000'],
      ['/api/newsroom/articles?pagination[page]=abc', 'pagination.page must be an integer'],
      ['/api/newsroom/articles?pagination[start]=5', 'pagination.start is not a query parameter'],
      ['/api/newsroom/articles?sort=title:asc', 'sort must be publicationDate:desc'],
      ['/api/newsroom/correspondents/kalmykov-anuar?fields[0]=email', 'fields is not a query parameter'],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.name).toBe('ValidationError');
      expect(res.body.error.message).toContain(message);
    }
  });

  it('answers 404 with Strapi error JSON for unknown, draft-only and unpublished stories', async () => {
    const unknown = await get('/api/newsroom/articles/no-such-story');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: 'No published story "no-such-story"', details: {} } });
    expect((await get('/api/newsroom/articles/neopublikovannyy-chernovik')).status).toBe(404);
    const gone = await createStory(strapi, { title: 'Снятая с публикации' });
    await strapi.documents(UIDS.article).unpublish({ documentId: gone.documentId, locale: LOCALE });
    expect((await get('/api/newsroom/articles/snyataya-s-publikatsii')).status).toBe(404);
    expect((await get(`/api/newsroom/articles/${gone.documentId}/related`)).status).toBe(404);
  });

  it('costs the same few SQL queries whatever the number of related stories and correspondents', async () => {
    const lonely = await createStory(strapi, { title: 'Одинокая история' });
    const count = async (path: string, { cached = false } = {}) => {
      // Background work of earlier writes (content history, suggestions) must not be counted.
      await databaseIdle(strapi);
      if (!cached) strapi.plugin('newsroom').service('page-cache').clear();
      const queries: string[] = [];
      const listener = (query: { sql: string }) => queries.push(query.sql);
      strapi.db.connection.on('query', listener);
      const res = await get(path);
      strapi.db.connection.off('query', listener);
      expect(res.status).toBe(200);
      // Users & Permissions reads the caller's role once per request, for any route: not the plugin's.
      return queries.filter((sql) => !/up_permissions|up_roles/.test(sql)).length;
    };
    const big = await count('/api/newsroom/articles/partnerstvo-radi-razvitiya');
    const small = await count(`/api/newsroom/articles/${lonely.slug}`);
    expect(big).toBeLessThanOrEqual(6);
    expect(small).toBe(big);
    expect(await count('/api/newsroom/articles/partnerstvo-radi-razvitiya?locale=ru')).toBeLessThanOrEqual(5);
    // Answered from the page cache: no query beyond the caller's role.
    expect(await count('/api/newsroom/articles/partnerstvo-radi-razvitiya?locale=ru', { cached: true })).toBe(0);
    expect(await count('/api/newsroom/articles?pagination[pageSize]=3', { cached: false })).toBeGreaterThan(0);
    expect(await count('/api/newsroom/articles?pagination[pageSize]=3', { cached: true })).toBe(0);
  });
});

describe('GET /api/newsroom/articles', () => {
  it('lists published stories newest first, paginated, as cards without a body', async () => {
    const res = await get('/api/newsroom/articles?pagination[pageSize]=2&pagination[page]=1');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2 });
    const total = res.body.meta.pagination.total as number;
    expect(res.body.meta.pagination.pageCount).toBe(Math.ceil(total / 2));
    const all = await get(`/api/newsroom/articles?pagination[pageSize]=100`);
    const dates = (all.body.data as Array<{ publicationDate: string | null }>).map((s) => s.publicationDate ?? '');
    const dated = dates.filter(Boolean);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(all.body.data.some((s: { title: string }) => /черновик|СЕКРЕТНЫЙ/i.test(s.title))).toBe(false);
    expect(all.body.data.every((s: Record<string, unknown>) => !('body' in s) && !('related' in s))).toBe(true);
    const ascending = await get('/api/newsroom/articles?sort=publicationDate:asc&pagination[pageSize]=1');
    expect(ascending.body.data[0].title).toBe('Партнерство ради развития');
  });

  it('filters by correspondent slug and by tag', async () => {
    const byPerson = await get('/api/newsroom/articles?filters[correspondent][slug][$eq]=aygerim-saparova&pagination[pageSize]=100');
    expect((byPerson.body.data as Array<{ title: string }>).map((s) => s.title).sort()).toEqual(['Партнерство ради развития', 'Связанная история 2', 'Связанная история 4']);
    const byTag = await get(`/api/newsroom/articles?filters[tags][$contains]=${encodeURIComponent('оис')}`);
    expect((byTag.body.data as Array<{ title: string }>).map((s) => s.title).sort()).toEqual(['Партнерство ради развития', 'Связанная история 2', 'Связанная история 4']);
    const shorthand = await get(`/api/newsroom/articles?filters[tags]=${encodeURIComponent('Экономика')}`);
    expect(shorthand.body.meta.pagination.total).toBe(3);
  });
});

describe('GET /api/newsroom/correspondents/:slug', () => {
  it('answers the public profile (never the email) and their latest published stories', async () => {
    const res = await get('/api/newsroom/correspondents/kalmykov-anuar?pagination[pageSize]=2');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Калмыков Ануар', role: 'корреспондент', slug: 'kalmykov-anuar', bio: null, photo: null });
    expect(Object.keys(res.body.data).sort()).toEqual(['articles', 'bio', 'documentId', 'name', 'photo', 'role', 'slug']);
    expect(res.body.data.articles.map((s: { title: string }) => s.title)).toEqual(['Связанная история 1', 'Связанная история 3']);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 4 });
    expect(JSON.stringify(res.body)).not.toContain('secret@example.kz');
    expect((await get('/api/newsroom/correspondents/nobody')).status).toBe(404);
  });
});

describe('POST /api/newsroom/articles/:slug/view', () => {
  it('is open to the public role, like the reads', async () => {
    const res = await http(strapi).post('/api/newsroom/articles/partnerstvo-radi-razvitiya/view');
    expect(res.status).toBe(200);
    expect(res.body.data.views).toBe(248);
  });
});
