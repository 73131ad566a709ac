import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, databaseIdle, LOCALE, setRelated } from '../helpers/stories';
import { TABLES } from '../../server/src/models';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;
let owner: { documentId: string };
let target: { documentId: string };

/** The plugin's tables and the article table, to show a refused request changed nothing. */
const snapshot = async () => {
  await databaseIdle(strapi, 150);
  const tables = [TABLES.articles, TABLES.relatedLinks, TABLES.listRevisions, TABLES.slugs, TABLES.viewCounts, TABLES.correspondents];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) result[table] = await strapi.db.connection(table).select('*').orderBy('id');
  return JSON.stringify(result);
};

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
  target = await createStory(strapi, { title: 'Цель каталога' });
  owner = await createStory(strapi, { title: 'Каталог плохого ввода' });
  await setRelated(strapi, owner.documentId, [{ target: target.documentId }]);
});
afterAll(() => app?.stop());

type Case = {
  name: string;
  method: 'get' | 'post' | 'put';
  path: () => string;
  body?: unknown;
  raw?: string;
  asAdmin?: boolean;
  status?: number;
  field: RegExp;
};

const related = () => `/newsroom/articles/${owner.documentId}/related?locale=${LOCALE}`;
const save = (entries: unknown, extra: Record<string, unknown> = {}) => ({ revision: 1, entries, ...extra });
const long = (n: number) => 'я'.repeat(n);

const cases: Case[] = [
  // Public routes: query parameters.
  { name: 'unknown lang', method: 'get', path: () => '/api/newsroom/articles/kartalog?lang=fr', field: /^lang must be one of/ },
  { name: 'lang given twice', method: 'get', path: () => '/api/newsroom/articles?lang=ru&lang=kk', field: /^lang must be given once/ },
  { name: 'lang as an object', method: 'get', path: () => '/api/newsroom/articles?lang[x]=ru', field: /^lang must be given once/ },
  { name: 'locale with a path', method: 'get', path: () => '/api/newsroom/articles?locale=../ru', field: /^locale must be a locale code/ },
  { name: 'locale too long', method: 'get', path: () => `/api/newsroom/articles?locale=${'a'.repeat(40)}`, field: /^locale must be a locale code/ },
  { name: 'populate on a story', method: 'get', path: () => '/api/newsroom/articles/katalog-plokhogo-vvoda?populate=*', field: /^populate is not a query parameter/ },
  { name: 'fields on a story', method: 'get', path: () => '/api/newsroom/articles/katalog-plokhogo-vvoda?fields[0]=title', field: /^fields is not a query parameter/ },
  { name: 'status=draft', method: 'get', path: () => '/api/newsroom/articles?status=draft', field: /^status must be "published"/ },
  { name: 'filter on createdBy email', method: 'get', path: () => '/api/newsroom/articles?filters[createdBy][email][$contains]=a', field: /^filters\.createdBy cannot be filtered on/ },
  { name: 'filter on a private field', method: 'get', path: () => '/api/newsroom/articles?filters[correspondent][email]=x@y.kz', field: /^filters\.correspondent\.email is not a query parameter/ },
  { name: 'filter with $or', method: 'get', path: () => '/api/newsroom/articles?filters[$or][0][title]=x', field: /^filters\.\$or cannot be filtered on/ },
  { name: 'filter operator $ne on slug', method: 'get', path: () => '/api/newsroom/articles?filters[correspondent][slug][$ne]=x', field: /^filters\.correspondent\.slug\.\$ne is not a query parameter/ },
  { name: 'filters as a string', method: 'get', path: () => '/api/newsroom/articles?filters=x', field: /^filters must be given as/ },
  { name: 'tag too long', method: 'get', path: () => `/api/newsroom/articles?filters[tags]=${long(65)}`, field: /^filters\.tags must be a tag name/ },
  { name: 'negative page', method: 'get', path: () => '/api/newsroom/articles?pagination[page]=-1', field: /^pagination\.page must be an integer/ },
  { name: 'huge page', method: 'get', path: () => '/api/newsroom/articles?pagination[page]=99999999999', field: /^pagination\.page must be an integer/ },
  { name: 'zero page size', method: 'get', path: () => '/api/newsroom/articles?pagination[pageSize]=0', field: /^pagination\.pageSize must be an integer from 1 to 100/ },
  { name: 'page size over 100', method: 'get', path: () => '/api/newsroom/articles?pagination[pageSize]=1000', field: /^pagination\.pageSize must be an integer from 1 to 100/ },
  { name: 'fractional page', method: 'get', path: () => '/api/newsroom/articles?pagination[page]=1.5', field: /^pagination\.page must be an integer/ },
  { name: 'offset pagination', method: 'get', path: () => '/api/newsroom/articles?pagination[limit]=5', field: /^pagination\.limit is not a query parameter/ },
  { name: 'sort on another field', method: 'get', path: () => '/api/newsroom/articles?sort=createdBy:asc', field: /^sort must be publicationDate/ },
  { name: 'unknown parameter on a correspondent', method: 'get', path: () => '/api/newsroom/correspondents/x?populate[articles]=*', field: /^populate is not a query parameter/ },
  { name: 'slug with control characters', method: 'get', path: () => '/api/newsroom/articles/a%01b', field: /^slug must be a story slug or documentId/ },
  { name: 'slug too long', method: 'get', path: () => `/api/newsroom/articles/${'a'.repeat(300)}`, field: /^slug must be a story slug or documentId/ },
  { name: 'view with an unknown parameter', method: 'post', path: () => '/api/newsroom/articles/katalog-plokhogo-vvoda/view?count=100', field: /^count is not a query parameter/ },
  // Admin routes: the related list.
  { name: 'save without a body', method: 'put', path: related, asAdmin: true, raw: '', field: /^revision is required/ },
  { name: 'save with a string body', method: 'put', path: related, asAdmin: true, body: ['x'], field: /^body must be an object/ },
  { name: 'revision as a string', method: 'put', path: related, asAdmin: true, body: save([], { revision: '1' }), field: /^revision is required/ },
  { name: 'negative revision', method: 'put', path: related, asAdmin: true, body: save([], { revision: -1 }), field: /^revision is required/ },
  { name: 'an unknown field in the body', method: 'put', path: related, asAdmin: true, body: save([], { force: true }), field: /^force is not a field/ },
  { name: 'entries not a list', method: 'put', path: related, asAdmin: true, body: save('all'), field: /^related must be a list/ },
  { name: 'an entry that is a number', method: 'put', path: related, asAdmin: true, body: save([42]), field: /^related\[0\] must be an object/ },
  { name: 'target as a number', method: 'put', path: related, asAdmin: true, body: save([{ target: 42 }]), field: /^related\[0\]\.target must be a string/ },
  { name: 'a malformed documentId', method: 'put', path: related, asAdmin: true, body: save([{ target: "x' OR 1=1 --" }]), field: /^related\[0\]\.target must be the documentId of a story/ },
  { name: 'a javascript: URL', method: 'put', path: related, asAdmin: true, body: save([{ url: 'javascript:alert(document.cookie)', label: 'x' }]), field: /^related\[0\]\.url must be an absolute http\(s\) URL/ },
  { name: 'a data: URL', method: 'put', path: related, asAdmin: true, body: save([{ url: 'data:text/html;base64,PHNjcmlwdD4=', label: 'x' }]), field: /^related\[0\]\.url must be an absolute http\(s\) URL/ },
  { name: 'a URL with spaces', method: 'put', path: related, asAdmin: true, body: save([{ url: 'https://exa mple.kz', label: 'x' }]), field: /^related\[0\]\.url must be an absolute/ },
  { name: 'an oversized URL', method: 'put', path: related, asAdmin: true, body: save([{ url: `https://example.kz/${'a'.repeat(2100)}`, label: 'x' }]), field: /^related\[0\]\.url must be at most 2048 characters/ },
  { name: 'an oversized label', method: 'put', path: related, asAdmin: true, body: save([{ target: 'abc', label: long(256) }]), field: /^related\[0\]\.label must be at most 255 characters/ },
  { name: 'a label with control characters', method: 'put', path: related, asAdmin: true, body: save([{ url: 'https://example.kz', label: 'line\u0000break' }]), field: /^related\[0\]\.label must not contain control characters/ },
  { name: 'an oversized list', method: 'put', path: related, asAdmin: true, body: save(Array.from({ length: 500 }, (_, i) => ({ url: `https://example.kz/${i}`, label: 'x' }))), field: /^related must have at most 10 entries/ },
  { name: 'a malformed documentId in the path', method: 'get', path: () => '/newsroom/articles/bad%20id/related', asAdmin: true, field: /^documentId must be the documentId of a story/ },
  { name: 'a malformed locale', method: 'get', path: () => `/newsroom/articles/${owner.documentId}/related?locale=<script>`, asAdmin: true, field: /^locale must be a locale code/ },
  { name: 'search without text', method: 'get', path: () => '/newsroom/articles/search?q=', asAdmin: true, field: /^q must be a search text/ },
  { name: 'search text too long', method: 'get', path: () => `/newsroom/articles/search?q=${'a'.repeat(201)}`, asAdmin: true, field: /^q must be a search text/ },
  { name: 'search limit too big', method: 'get', path: () => '/newsroom/articles/search?q=a&limit=1000', asAdmin: true, field: /^limit must be an integer from 1 to 50/ },
  { name: 'search exclude with SQL', method: 'get', path: () => "/newsroom/articles/search?q=a&exclude=x');drop table x;--", asAdmin: true, field: /^exclude must be a comma-separated list/ },
  { name: 'dashboard with a bad locale', method: 'get', path: () => '/newsroom/dashboard?locale=1', asAdmin: true, field: /^locale must be a locale code/ },
];

describe('bad-input catalogue: 4xx naming the field, never a 500, nothing changed', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await snapshot();
    let request = http(strapi)[c.method](c.path());
    if (c.asAdmin) request = request.set(admin.auth);
    if (c.raw !== undefined) request = request.set('Content-Type', 'application/json').send(c.raw);
    else if (c.body !== undefined) request = request.send(c.body as object);
    const res = await request;
    expect([c.name, res.status]).toEqual([c.name, c.status ?? 400]);
    expect(res.body.error.message).toMatch(c.field);
    expect(await snapshot()).toBe(before);
  });

  it('answers invalid UTF-8 and malformed JSON with a 4xx, not a 500', async () => {
    const badPath = await http(strapi).get('/api/newsroom/articles/%E0%A4%A');
    expect(badPath.status).toBeGreaterThanOrEqual(400);
    expect(badPath.status).toBeLessThan(500);
    const badJson = await http(strapi).put(related()).set(admin.auth).set('Content-Type', 'application/json').send('{"revision": 1, "entries": [');
    expect(badJson.status).toBe(400);
    const badUtf8 = await http(strapi)
      .put(related())
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send(Buffer.concat([Buffer.from('{"revision":1,"entries":[{"url":"https://x.kz","label":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}]}')]));
    expect(badUtf8.status).toBeGreaterThanOrEqual(400);
    expect(badUtf8.status).toBeLessThan(500);
  });

  it('stores an external link label holding HTML as plain text and returns it as JSON text, never markup', async () => {
    const { body } = await http(strapi).get(related()).set(admin.auth);
    const res = await http(strapi)
      .put(related())
      .set(admin.auth)
      .send({ revision: body.data.revision, entries: [{ url: 'https://example.kz/x', label: '<img src=x onerror=alert(1)>' }] });
    expect(res.status).toBe(200);
    expect(res.body.data.entries[0].label).toBe('<img src=x onerror=alert(1)>');
    await strapi.documents(UIDS.article).publish({ documentId: owner.documentId, locale: LOCALE });
    const pub = await http(strapi).get('/api/newsroom/articles/katalog-plokhogo-vvoda/related');
    expect(pub.headers['content-type']).toMatch(/application\/json/);
    expect(pub.body.data[0].title).toBe('<img src=x onerror=alert(1)>');
  });
});

