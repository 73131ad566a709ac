import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, hookEventsDuring, LOCALE } from '../helpers/stories';
import { TABLES } from '../../server/src/models';

let app: TestApp;
let strapi: Core.Strapi;

afterEach(() => app?.stop());

const view = (slug: string, userAgent = 'jest') => http(strapi).post(`/api/newsroom/articles/${slug}/view`).set('User-Agent', userAgent);
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
    // The Content Manager's read-only mirror follows every tenth view, on the draft and published rows alike.
    const rows = await strapi.db.query(UIDS.article).findMany({ where: { documentId: story.documentId }, select: ['views'] });
    expect(rows.map((row) => row.views)).toEqual([1240, 1240]);
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
    const first = await Promise.all(Array.from({ length: 20 }, () => view('okno-povtorov', 'reader-a')));
    expect(first.filter((res) => res.body.data.counted)).toHaveLength(1);
    expect((await view('okno-povtorov', 'reader-b')).body.data).toMatchObject({ views: 2, counted: true });
    expect((await view('okno-povtorov', 'reader-a')).body.data).toMatchObject({ views: 2, counted: false });
    // The window passes (moved back in the table rather than waiting a minute): the client counts again.
    await strapi.db.connection(TABLES.viewHits).update({ seen_at: Date.now() - 61_000 });
    expect((await view('okno-povtorov', 'reader-a')).body.data).toMatchObject({ views: 3, counted: true });
  });
});
