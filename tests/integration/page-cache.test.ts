import type { Core } from '@strapi/strapi';

import { PAGES_CHANGED_EVENT, UIDS } from '../../shared/manifest';
import { pageKeys } from '../../server/src/services/pages/keys';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, LOCALE, publish, setRelated } from '../helpers/stories';
import { pollUntil, webhookReceiver, type PagesChangedPayload } from '../helpers/webhooks';

/**
 * The page cache end to end: what each public answer says it shows (ETag, Cache-Control, tag
 * headers), what each write changes (the cache drops it, a real webhook receiver hears of it), and
 * that a burst of publishes reaches the receiver as a few events.
 */
let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;
let hook: Awaited<ReturnType<typeof webhookReceiver>>;

const get = (path: string) => http(strapi).get(path);
const tagsOf = (res: { headers: Record<string, string> }) => (res.headers['cache-tag'] ?? '').split(',').filter(Boolean);

/** Everything the receiver heard, merged. */
const heard = () => ({
  keys: new Set(hook.received.flatMap((event) => event.keys)),
  paths: new Set(hook.received.flatMap((event) => event.paths)),
  moved: hook.received.flatMap((event) => event.moved),
});
/** Waits until the receiver has heard of `path`, then for the coalescing window to close. */
const waitForPath = (path: string) => pollUntil(() => heard().paths.has(path) || undefined);

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
  hook = await webhookReceiver(strapi, admin, [PAGES_CHANGED_EVENT]);
});
afterAll(async () => {
  await hook?.close();
  await app?.stop();
});

describe('public reads say what they show', () => {
  it('answers with an ETag, Cache-Control and the keys of every story, byline and tag on the page; 304 when unchanged', async () => {
    const person = await createCorrespondent(strapi, { name: 'Ерлан Жумабаев', role: 'корреспондент' });
    const target = await createStory(strapi, { title: 'Цель заголовка', tags: ['Экономика'] });
    const page = await createStory(strapi, { title: 'Страница с тегами', tags: ['ОИС'], correspondents: [person.documentId] }, { publish: false });
    await setRelated(strapi, page.documentId, [{ target: target.documentId }, { url: 'https://example.kz/a', label: 'Внешняя' }]);
    await publish(strapi, page.documentId);

    const res = await get('/api/newsroom/articles/stranitsa-s-tegami');
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=60');
    expect(tagsOf(res).sort()).toEqual(
      [pageKeys.story(page.documentId, LOCALE), pageKeys.story(target.documentId, LOCALE), pageKeys.correspondent(person.documentId), pageKeys.tag(LOCALE, 'ОИС')].sort()
    );
    expect(res.headers['surrogate-key']).toBe(tagsOf(res).join(' '));
    expect(res.body.data.related.map((entry: { title: string }) => entry.title)).toEqual(['Цель заголовка', 'Внешняя']);

    const again = await get('/api/newsroom/articles/stranitsa-s-tegami').set('If-None-Match', res.headers['etag']);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers['etag']).toBe(res.headers['etag']);

    const list = await get('/api/newsroom/articles?filters[tags]=оис');
    expect(tagsOf(list)).toEqual(expect.arrayContaining([pageKeys.tagStories(LOCALE, 'ОИС'), pageKeys.story(page.documentId, LOCALE), pageKeys.correspondent(person.documentId)]));
    const latest = await get('/api/newsroom/articles');
    expect(tagsOf(latest)).toContain(pageKeys.latest(LOCALE));
    const profile = await get(`/api/newsroom/correspondents/${person.slug}`);
    expect(tagsOf(profile)).toEqual(expect.arrayContaining([pageKeys.correspondent(person.documentId), pageKeys.correspondentStories(person.slug as string), pageKeys.story(page.documentId, LOCALE)]));
  });

  it('never caches a refusal, a 404 or an admin answer', async () => {
    const missing = await get('/api/newsroom/articles/ещё-нет');
    expect(missing.status).toBe(404);
    expect(missing.headers['etag']).toBeUndefined();
    expect((await get('/api/newsroom/articles?sort=title')).headers['cache-control'] ?? '').not.toMatch(/public/);
    const adminAnswer = await http(strapi).get('/newsroom/dashboard').set(admin.auth);
    expect(adminAnswer.status).toBe(200);
    expect(adminAnswer.headers['cache-control']).toBe('no-store');
    // A story created as a draft is not there; once published, the next read shows it.
    const later = await createStory(strapi, { title: 'Ещё нет' }, { publish: false });
    expect((await get(`/api/newsroom/articles/${later.documentId}`)).status).toBe(404);
    await publish(strapi, later.documentId);
    expect((await get(`/api/newsroom/articles/${later.documentId}`)).status).toBe(200);
  });
});

describe('writes drop what they change and announce it', () => {
  it('a story leaving the site: the next read of every page citing it no longer shows it, and the webhook lists them all', async () => {
    const leaving = await createStory(strapi, { title: 'Уходящая история' });
    const citers = [];
    for (const title of ['Первая ссылающаяся', 'Вторая ссылающаяся']) {
      const citer = await createStory(strapi, { title }, { publish: false });
      await setRelated(strapi, citer.documentId, [{ target: leaving.documentId }]);
      await publish(strapi, citer.documentId);
      citers.push(citer);
    }
    const bystander = await createStory(strapi, { title: 'Посторонняя история' });
    for (const citer of citers) expect((await get(`/api/newsroom/articles/${citer.documentId}`)).body.data.related).toHaveLength(1);
    const bystanderTag = (await get(`/api/newsroom/articles/${bystander.documentId}`)).headers['etag'];
    await waitForPath(`/news/${bystander.slug}`);
    hook.reset();

    await strapi.documents(UIDS.article).unpublish({ documentId: leaving.documentId, locale: LOCALE });
    for (const citer of citers) expect((await get(`/api/newsroom/articles/${citer.documentId}`)).body.data.related).toEqual([]);
    expect((await get(`/api/newsroom/articles/${leaving.documentId}`)).status).toBe(404);

    await waitForPath(`/news/${leaving.slug}`);
    const { keys, paths } = heard();
    expect([...paths].sort()).toEqual([`/news/${leaving.slug}`, ...citers.map((citer) => `/news/${citer.slug}`)].sort());
    expect(keys).toEqual(new Set([pageKeys.story(leaving.documentId, LOCALE), pageKeys.latest(LOCALE), pageKeys.allStories(), ...citers.map((citer) => pageKeys.story(citer.documentId, LOCALE))]));
    // A page that never showed the story keeps its cached answer.
    expect((await get(`/api/newsroom/articles/${bystander.documentId}`).set('If-None-Match', bystanderTag)).status).toBe(304);
    const payload = hook.received[0] as PagesChangedPayload;
    expect(payload.event).toBe(PAGES_CHANGED_EVENT);
    expect(Number.isNaN(Date.parse(payload.createdAt))).toBe(false);
  });

  it('a story published for the first time appears at once in a cached related list that was waiting for it', async () => {
    const waiting = await createStory(strapi, { title: 'Ждущая цель' }, { publish: false });
    const citer = await createStory(strapi, { title: 'Ссылается заранее' }, { publish: false });
    await setRelated(strapi, citer.documentId, [{ target: waiting.documentId }]);
    await publish(strapi, citer.documentId);
    expect((await get(`/api/newsroom/articles/${citer.documentId}`)).body.data.related).toEqual([]);
    await publish(strapi, waiting.documentId);
    expect((await get(`/api/newsroom/articles/${citer.documentId}`)).body.data.related.map((entry: { title: string }) => entry.title)).toEqual(['Ждущая цель']);
    await waitForPath(`/news/${waiting.slug}`);
    expect(heard().paths.has(`/news/${citer.slug}`)).toBe(true);
  });

  it('a slug edit lists the old and the new address; a draft save and a view send nothing', async () => {
    const story = await createStory(strapi, { title: 'Старый адрес' });
    await waitForPath(`/news/${story.slug}`);
    const pages = strapi.plugin('newsroom').service('pages');
    pages.flush();
    hook.reset();
    // Draft-only writes and views: readers see no change, nothing is queued for the front ends.
    await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: LOCALE, data: { slug: 'novyy-adres' } as never });
    expect((await http(strapi).post(`/api/newsroom/articles/${story.documentId}/view`)).status).toBe(200);
    expect(pages.flush()).toBeNull();
    expect((await get('/api/newsroom/articles/staryy-adres')).status).toBe(200);
    await publish(strapi, story.documentId);
    await waitForPath('/news/novyy-adres');
    expect(heard().moved).toEqual([{ documentId: story.documentId, locale: LOCALE, from: `/news/${story.slug}`, to: '/news/novyy-adres' }]);
    expect(heard().paths).toEqual(new Set([`/news/${story.slug}`, '/news/novyy-adres']));
    // The cached page of the old address is gone: the old slug now redirects to the new one.
    const old = await get('/api/newsroom/articles/staryy-adres');
    expect([old.status, old.headers.location]).toEqual([301, '/api/newsroom/articles/novyy-adres']);
    expect((await get('/api/newsroom/articles/novyy-adres')).status).toBe(200);
  });

  it("a correspondent's corrected name reaches every cached byline and list, and their stories' pages are listed", async () => {
    const person = await createCorrespondent(strapi, { name: 'Опечатка Фамилии', role: 'корреспондент' });
    const story = await createStory(strapi, { title: 'Статья с подписью', correspondents: [person.documentId] });
    const pagePath = `/api/newsroom/articles/${story.documentId}`;
    const profilePath = `/api/newsroom/correspondents/${person.slug}`;
    expect((await get(pagePath)).body.data.correspondents[0].name).toBe('Опечатка Фамилии');
    expect((await get(profilePath)).body.data.name).toBe('Опечатка Фамилии');
    const listPath = `/api/newsroom/articles?filters[correspondent][slug]=${person.slug}`;
    expect((await get(listPath)).body.data[0].correspondents[0].name).toBe('Опечатка Фамилии');
    await waitForPath(`/news/${story.slug}`);
    hook.reset();

    await strapi.documents(UIDS.correspondent).update({ documentId: person.documentId, data: { name: 'Исправленная Фамилия' } });
    expect((await get(pagePath)).body.data.correspondents[0].name).toBe('Исправленная Фамилия');
    expect((await get(profilePath)).body.data.name).toBe('Исправленная Фамилия');
    expect((await get(listPath)).body.data[0].correspondents[0].name).toBe('Исправленная Фамилия');
    await waitForPath(`/news/${story.slug}`);
    expect(heard().keys).toEqual(new Set([pageKeys.correspondent(person.documentId), pageKeys.correspondentStories(person.slug as string)]));
  });

  it('a new i18n default locale set in the admin: reads without ?locale= follow it at once, cached pages included', async () => {
    const story = await createStory(strapi, { title: 'Русская версия' });
    await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: 'kk', data: { title: 'Қазақ нұсқасы' }, status: 'published' } as never);
    const path = `/api/newsroom/articles/${story.documentId}`;
    expect((await get(path)).body.data).toMatchObject({ locale: LOCALE, title: 'Русская версия' });
    const locales = (await http(strapi).get('/i18n/locales').set(admin.auth)).body as Array<{ id: number; code: string }>;
    const makeDefault = (code: string) => http(strapi).put(`/i18n/locales/${locales.find((locale) => locale.code === code)?.id}`).set(admin.auth).send({ isDefault: true });
    try {
      expect((await makeDefault('kk')).status).toBe(200);
      expect((await get(path)).body.data).toMatchObject({ locale: 'kk', title: 'Қазақ нұсқасы' });
    } finally {
      expect((await makeDefault(LOCALE)).status).toBe(200);
    }
    expect((await get(path)).body.data).toMatchObject({ locale: LOCALE, title: 'Русская версия' });
  });

  it('coalesces a burst: 30 publishes reach the receiver as a few events listing every page', async () => {
    hook.reset();
    const stories = [];
    for (let index = 0; index < 30; index += 1) stories.push(await createStory(strapi, { title: `Пакетная история ${index + 1}` }));
    for (const story of stories) await waitForPath(`/news/${story.slug}`);
    const events = hook.received.length;
    process.stdout.write(`pages.changed on ${process.env.DATABASE_CLIENT ?? 'sqlite'}: 30 publishes → ${events} events\n`);
    expect(events).toBeLessThan(stories.length);
    for (const story of stories) expect(heard().keys.has(pageKeys.story(story.documentId, LOCALE))).toBe(true);
  });
});
