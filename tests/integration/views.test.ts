import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';

import { UIDS } from '../../shared/manifest';
import { BROWSER, CRAWLER, http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, hookEventsDuring, LOCALE, pollUntil } from '../helpers/stories';
import { TABLES } from '../../server/src/models';

let app: TestApp;
let strapi: Core.Strapi;

afterEach(() => app?.stop());

const view = (slug: string, userAgent = BROWSER) => http(strapi).post(`/api/newsroom/articles/${slug}/view`).set('User-Agent', userAgent);
const publicViews = async (slug: string) => (await http(strapi).get(`/api/newsroom/articles/${slug}`)).body.data.views as number;

describe('view counting', () => {
  it('counts 1,000 simultaneous views exactly, with atomic SQL and no document hooks', async () => {
    app = await bootStrapi();
    strapi = app.strapi;
    const story = await createStory(strapi, { title: 'Популярная новость', views: 247 });
    expect(await publicViews('populyarnaya-novost')).toBe(247);

    const events = await hookEventsDuring(strapi, async () => {
      const responses = await Promise.all(Array.from({ length: 1000 }, () => view('populyarnaya-novost')));
      expect(responses.every((res) => res.status === 200)).toBe(true);
      const counts = responses.map((res) => res.body.data.views as number).sort((a, b) => a - b);
      // Every request got its own new count: 248 … 1247, no two the same.
      expect(new Set(counts).size).toBe(1000);
      expect([counts[0], counts[999]]).toEqual([248, 1247]);
    });
    expect(events).toEqual([]);
    expect(await publicViews('populyarnaya-novost')).toBe(1247);
    // The buffered views reach the database within the flush interval; the Content Manager's read-only mirror follows in steps of 100, on the draft and published rows alike.
    const durable = () => strapi.db.connection(TABLES.viewCounts).where({ document_id: story.documentId }).first('views') as Promise<{ views: number | string }>;
    await pollUntil(durable, (row) => Number(row.views) === 1247);
    const mirror = () => strapi.db.query(UIDS.article).findMany({ where: { documentId: story.documentId }, select: ['views'] });
    expect((await pollUntil(mirror, (rows) => rows.every((row) => row.views === 1200))).map((row) => row.views)).toEqual([1200, 1200]);
    // A form save cannot write back a stale count.
    await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: LOCALE, data: { views: 3, lead: 'x' } as never });
    await strapi.documents(UIDS.article).publish({ documentId: story.documentId, locale: LOCALE });
    expect(await publicViews('populyarnaya-novost')).toBe(1247);
    expect((await view('populyarnaya-novost')).body.data.views).toBe(1248);
  });

  it('answers 404 for drafts and unknown slugs, and counts by documentId too', async () => {
    app = await bootStrapi();
    strapi = app.strapi;
    await createStory(strapi, { title: 'Только черновик' }, { publish: false });
    const res = await view('tolko-chernovik');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    expect((await view('net-takoy-novosti')).status).toBe(404);
    const story = await createStory(strapi, { title: 'По идентификатору' });
    expect((await view(story.documentId)).body.data).toMatchObject({ documentId: story.documentId, views: 1, counted: true });
    // A draft version of a published story does not count separately.
    await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: LOCALE, data: { title: 'Новый заголовок' } });
    expect((await view('po-identifikatoru')).body.data.views).toBe(2);
  });

  it('counts repeated views from one client once within the dedupe window', async () => {
    app = await bootStrapi({ env: { NEWSROOM_VIEWS_DEDUPE_SECONDS: '60' } });
    strapi = app.strapi;
    await createStory(strapi, { title: 'Окно повторов' });
    const first = await Promise.all(Array.from({ length: 20 }, () => view('okno-povtorov', `${BROWSER} reader-a`)));
    expect(first.filter((res) => res.body.data.counted)).toHaveLength(1);
    expect((await view('okno-povtorov', `${BROWSER} reader-b`)).body.data).toMatchObject({ views: 2, counted: true });
    expect((await view('okno-povtorov', `${BROWSER} reader-a`)).body.data).toMatchObject({ views: 2, counted: false });
    // The window passes (moved back in the table rather than waiting a minute): the client counts again.
    await strapi.db.connection(TABLES.viewHits).update({ seen_at: Date.now() - 61_000 });
    expect((await view('okno-povtorov', `${BROWSER} reader-a`)).body.data).toMatchObject({ views: 3, counted: true });
  });

  it('writes every answered view on a clean shutdown, and writes each view before answering with flushIntervalMs 0', async () => {
    app = await bootStrapi({ env: { NEWSROOM_VIEWS_FLUSH_MS: '60000' } });
    strapi = app.strapi;
    const story = await createStory(strapi, { title: 'Остановка сервера' });
    const responses = await Promise.all(Array.from({ length: 300 }, () => view('ostanovka-servera')));
    expect(responses.every((res) => res.status === 200)).toBe(true);
    // A minute-long interval: nothing was written yet, the answers and the page count from memory.
    const durable = async () => Number(((await strapi.db.connection(TABLES.viewCounts).where({ document_id: story.documentId }).first('views')) as { views: number }).views);
    expect(await durable()).toBe(0);
    expect(await publicViews('ostanovka-servera')).toBe(300);

    const { database } = app;
    await app.stop({ keepDatabase: true });
    app = await bootStrapi({ database, env: { NEWSROOM_VIEWS_FLUSH_MS: '0' } });
    strapi = app.strapi;
    expect(await durable()).toBe(300);
    expect(await publicViews('ostanovka-servera')).toBe(300);
    const written = await view('ostanovka-servera');
    expect(written.body.data.views).toBe(301);
    expect(await durable()).toBe(301);
  });

  it('answers crawlers without counting them, and keys the dedupe on a secret no address dictionary can reverse', async () => {
    app = await bootStrapi({ env: { NEWSROOM_VIEWS_DEDUPE_SECONDS: '60' } });
    strapi = app.strapi;
    const story = await createStory(strapi, { title: 'Роботы не читают', views: 5 });
    for (const crawler of [CRAWLER, 'curl/8.5.0', 'python-requests/2.31', 'node']) {
      const res = await view('roboty-ne-chitayut', crawler);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ documentId: story.documentId, views: 5, counted: false });
    }
    expect(Number(((await strapi.db.connection(TABLES.viewHits).count({ n: '*' }).first()) as { n: number | string }).n)).toBe(0);
    expect((await view('roboty-ne-chitayut')).body.data).toMatchObject({ views: 6, counted: true });

    // The stored id is neither the address nor a plain hash of address and user agent.
    const [hit] = (await strapi.db.connection(TABLES.viewHits).select('client')) as Array<{ client: string }>;
    expect(hit.client).toMatch(/^[0-9a-f]{32}$/);
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::1']) {
      expect(hit.client).not.toBe(createHash('sha256').update(`${address}\u0000${BROWSER}`).digest('hex').slice(0, 32));
    }
    // The secret comes from the app's keys, not from the process: a restarted (or second) instance dedupes the same reader.
    const { database } = app;
    await app.stop({ keepDatabase: true });
    app = await bootStrapi({ database, env: { NEWSROOM_VIEWS_DEDUPE_SECONDS: '60' } });
    strapi = app.strapi;
    expect((await view('roboty-ne-chitayut')).body.data).toMatchObject({ views: 6, counted: false });
  });
});
