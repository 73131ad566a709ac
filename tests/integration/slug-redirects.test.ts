import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import type { MovedStory } from '../../shared/contracts/public-api';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, LOCALE, publish } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
});
afterAll(() => app?.stop());

const articles = () => strapi.documents(UIDS.article);
/** An editor's rename through the Content Manager: save the draft, then publish it. */
const renameInContentManager = async (documentId: string, slug: string) => {
  const saved = await http(strapi).put(`/content-manager/collection-types/${UIDS.article}/${documentId}?locale=${LOCALE}`).set(admin.auth).send({ slug });
  expect(saved.status).toBe(200);
  const published = await http(strapi).post(`/content-manager/collection-types/${UIDS.article}/${documentId}/actions/publish?locale=${LOCALE}`).set(admin.auth).send({});
  expect(published.status).toBe(200);
};
const get = (path: string) => http(strapi).get(path).redirects(0);

describe('a published slug an editor changes', () => {
  it('answers 301 on the old slug with Location at the new route and a body naming the new slug and its public URL', async () => {
    const story = await createStory(strapi, { title: 'Партнерство ради развития' });
    await renameInContentManager(story.documentId, 'partnerstvo-oic');

    const moved = await get('/api/newsroom/articles/partnerstvo-radi-razvitiya?lang=kk');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/api/newsroom/articles/partnerstvo-oic?lang=kk');
    const body = moved.body as MovedStory;
    expect(body).toEqual({
      data: null,
      moved: { from: 'partnerstvo-radi-razvitiya', slug: 'partnerstvo-oic', documentId: story.documentId, url: '/news/partnerstvo-oic', location: '/api/newsroom/articles/partnerstvo-oic?lang=kk' },
    });
    const related = await get('/api/newsroom/articles/partnerstvo-radi-razvitiya/related');
    expect(related.status).toBe(301);
    expect(related.headers.location).toBe('/api/newsroom/articles/partnerstvo-oic/related');
    const followed = await http(strapi).get(moved.headers.location);
    expect(followed.status).toBe(200);
    expect(followed.body.data.slug).toBe('partnerstvo-oic');
  });

  it('stays reserved for its story: no other story can take it', async () => {
    await expect(createStory(strapi, { title: 'Другая', slug: 'partnerstvo-radi-razvitiya' }, { publish: false })).rejects.toThrow(/slug must be unique per locale/);
    const sameTitle = await createStory(strapi, { title: 'Партнерство ради развития' }, { publish: false });
    expect(sameTitle.slug).toBe('partnerstvo-radi-razvitiya-2');
  });

  it('survives later renames: every old slug redirects straight to the current one, and renaming back makes it the address again', async () => {
    const story = await createStory(strapi, { title: 'Первый слаг' });
    const first = story.slug as string;
    await renameInContentManager(story.documentId, 'vtoroy-slag');
    await renameInContentManager(story.documentId, 'tretiy-slag');
    for (const old of [first, 'vtoroy-slag']) {
      const res = await get(`/api/newsroom/articles/${old}`);
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('/api/newsroom/articles/tretiy-slag');
    }
    await renameInContentManager(story.documentId, first);
    expect((await get(`/api/newsroom/articles/${first}`)).status).toBe(200);
    expect((await get('/api/newsroom/articles/tretiy-slag')).headers.location).toBe(`/api/newsroom/articles/${first}`);
    expect((await get('/api/newsroom/articles/vtoroy-slag')).headers.location).toBe(`/api/newsroom/articles/${first}`);
  });

  it('does not redirect a draft’s slug edits before the first publish, nor an unpublished or deleted story', async () => {
    const draft = await createStory(strapi, { title: 'Черновик' }, { publish: false });
    await articles().update({ documentId: draft.documentId, locale: LOCALE, data: { slug: 'chernovik-2024' } });
    await publish(strapi, draft.documentId);
    expect((await get('/api/newsroom/articles/chernovik')).status).toBe(404);
    expect((await get('/api/newsroom/articles/chernovik-2024')).status).toBe(200);

    const hidden = await createStory(strapi, { title: 'Скрытая' });
    await renameInContentManager(hidden.documentId, 'skrytaya-novaya');
    await articles().unpublish({ documentId: hidden.documentId, locale: LOCALE });
    expect((await get('/api/newsroom/articles/skrytaya')).status).toBe(404);

    const gone = await createStory(strapi, { title: 'Удалённая' });
    await renameInContentManager(gone.documentId, 'udalennaya-novaya');
    await articles().delete({ documentId: gone.documentId, locale: LOCALE });
    expect((await get('/api/newsroom/articles/udalyonnaya')).status).toBe(404);
    // Its slugs are free again once the story is gone.
    const reuse = await createStory(strapi, { title: 'x', slug: 'udalyonnaya' }, { publish: false });
    expect(reuse.slug).toBe('udalyonnaya');
  });

  it('keeps answering when the slug changes through a direct published update', async () => {
    const story = await createStory(strapi, { title: 'Прямое обновление' });
    await articles().update({ documentId: story.documentId, locale: LOCALE, status: 'published', data: { slug: 'pryamoe' } } as never);
    const res = await get('/api/newsroom/articles/pryamoe-obnovlenie');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/api/newsroom/articles/pryamoe');
  });
});
