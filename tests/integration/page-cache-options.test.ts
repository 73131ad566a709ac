import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, LOCALE } from '../helpers/stories';
import { pollUntil } from '../helpers/webhooks';

/** The cache options that change what readers get: views lagging in a cached page, and `cache: false`. */
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('cache.viewsMaxAgeSeconds', () => {
  it('lets views in a cached page lag, and the page shows the count again once it expires', async () => {
    app = await bootStrapi({ env: { NEWSROOM_CACHE_VIEWS_MAX_AGE: '1' } });
    const { strapi } = app;
    const story = await createStory(strapi, { title: 'Счётчик отстаёт', views: 10 });
    const page = `/api/newsroom/articles/${story.documentId}`;
    const first = await http(strapi).get(page);
    expect(first.body.data.views).toBe(10);
    const counted = await http(strapi).post(`${page}/view`);
    // The counter answers the true count at once; the cached page still holds the count it was cached with.
    expect(counted.body.data.views).toBe(11);
    const cached = await http(strapi).get(page);
    expect(cached.body.data.views).toBe(10);
    expect(cached.headers['etag']).toBe(first.headers['etag']);
    const expired = await pollUntil(async () => {
      const res = await http(strapi).get(page);
      return res.body.data.views === 11 ? res : undefined;
    });
    expect(expired.headers['etag']).not.toBe(first.headers['etag']);
  });
});

describe('cache: false', () => {
  it('answers as before, without ETag or cache headers, and sends no pages.changed event', async () => {
    app = await bootStrapi({ env: { NEWSROOM_CACHE: 'false' } });
    const { strapi } = app;
    const pages = strapi.plugin('newsroom').service('pages');
    pages.flush();
    const story = await createStory(strapi, { title: 'Без кэша', views: 3 });
    expect(pages.flush()).toBeNull();
    const res = await http(strapi).get(`/api/newsroom/articles/${story.documentId}?locale=${LOCALE}`);
    expect(res.status).toBe(200);
    expect(res.body.data.title).toBe('Без кэша');
    expect(res.headers['etag']).toBeUndefined();
    expect(res.headers['cache-tag']).toBeUndefined();
    expect(res.headers['surrogate-key']).toBeUndefined();
    expect(res.headers['cache-control'] ?? '').not.toMatch(/public/);
    expect(strapi.plugin('newsroom').service('page-cache').size()).toBe(0);
  });
});
