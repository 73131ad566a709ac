import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { http, superAdmin } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, LOCALE, publish, setRelated } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;

const SECRET = 'ЧЕРНОВИК-СЕКРЕТ';
const FORBIDDEN_KEYS = ['createdBy', 'updatedBy', 'created_by_id', 'updated_by_id', 'password', 'resetPasswordToken', 'email', 'registrationToken', 'bylineRoles', 'publishedAt'];

const walk = (value: unknown, visit: (key: string, inner: unknown) => void) => {
  if (Array.isArray(value)) value.forEach((item) => walk(item, visit));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      visit(key, inner);
      walk(inner, visit);
    }
  }
};

type State = 'draft' | 'published' | 'unpublished' | 'deleted' | 'draft of a published story';
const STATES: State[] = ['draft', 'published', 'unpublished', 'deleted', 'draft of a published story'];
const stories = new Map<State, { documentId: string; slug: string }>();
let citing: { documentId: string; slug: string };
const person = 'reporter-matrix';

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  // An admin exists, so createdBy/updatedBy would have something to leak.
  await superAdmin(strapi);
  const reporter = await createCorrespondent(strapi, { name: 'Reporter Matrix', slug: person, email: 'reporter@secret.kz' });
  for (const state of STATES) {
    const title = `Матрица ${state}`;
    const story = await createStory(strapi, { title, tags: ['Матрица'], correspondents: [reporter.documentId], publicationDate: '2025-01-01T00:00:00Z' }, { publish: state !== 'draft' });
    if (state === 'unpublished') await strapi.documents(UIDS.article).unpublish({ documentId: story.documentId, locale: LOCALE });
    if (state === 'draft of a published story') {
      await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: LOCALE, data: { title: `${SECRET} заголовок`, lead: `${SECRET} лид` } });
    }
    stories.set(state, { documentId: story.documentId, slug: story.slug as string });
  }
  citing = (await createStory(strapi, { title: 'Ссылается на всех', correspondents: [reporter.documentId] }, { publish: false })) as { documentId: string; slug: string };
  await setRelated(strapi, citing.documentId, STATES.map((state) => ({ target: stories.get(state)!.documentId })));
  await publish(strapi, citing.documentId);
  const deleted = stories.get('deleted')!;
  await strapi.documents(UIDS.article).delete({ documentId: deleted.documentId, locale: '*' });
});
afterAll(() => app?.stop());

const visible: Record<State, boolean> = { draft: false, published: true, unpublished: false, deleted: false, 'draft of a published story': true };

describe('no draft ever reaches the public API', () => {
  it.each(STATES)('a %s story, on every public route', async (state) => {
    const story = stories.get(state)!;
    const routes = [
      `/api/newsroom/articles/${story.slug}`,
      `/api/newsroom/articles/${story.documentId}`,
      `/api/newsroom/articles/${story.slug}/related`,
    ];
    for (const route of routes) {
      const res = await http(strapi).get(route);
      expect([route, res.status]).toEqual([route, visible[state] ? 200 : 404]);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    const view = await http(strapi).post(`/api/newsroom/articles/${story.slug}/view`);
    expect(view.status).toBe(visible[state] ? 200 : 404);

    const titleOf = `Матрица ${state}`;
    const inList = async (path: string) => JSON.stringify((await http(strapi).get(path)).body).includes(JSON.stringify(titleOf));
    expect(await inList('/api/newsroom/articles?pagination[pageSize]=100')).toBe(visible[state]);
    expect(await inList(`/api/newsroom/correspondents/${person}?pagination[pageSize]=100`)).toBe(visible[state]);
    expect(await inList('/api/newsroom/tags/matritsa?pagination[pageSize]=100')).toBe(visible[state]);
    expect(await inList(`/api/newsroom/articles/${citing.slug}/related`)).toBe(visible[state]);
    expect(await inList(`/api/newsroom/articles/${citing.slug}`)).toBe(visible[state]);
  });
});

describe('no private field in any public response', () => {
  it('walks every response of every public route', async () => {
    const paths = [
      `/api/newsroom/articles/${citing.slug}`,
      `/api/newsroom/articles/${citing.slug}/related`,
      '/api/newsroom/articles?pagination[pageSize]=100',
      `/api/newsroom/articles?filters[correspondent][slug]=${person}`,
      `/api/newsroom/correspondents/${person}`,
      '/api/newsroom/tags/matritsa',
      '/api/newsroom/articles?filters[tags]=matritsa',
    ];
    for (const path of paths) {
      const res = await http(strapi).get(path);
      expect([path, res.status]).toEqual([path, 200]);
      walk(res.body, (key, inner) => {
        expect([path, key, FORBIDDEN_KEYS.includes(key)]).toEqual([path, key, false]);
        if (typeof inner === 'string') expect(inner).not.toMatch(/@secret\.kz|\$2[aby]\$/);
      });
    }
  });
});

describe('admin routes', () => {
  const routes = (): Array<['get' | 'put', string]> => [
    ['get', `/newsroom/articles/${citing.documentId}/related?locale=${LOCALE}`],
    ['put', `/newsroom/articles/${citing.documentId}/related?locale=${LOCALE}`],
    ['get', `/newsroom/articles/${citing.documentId}/cited-by?locale=${LOCALE}`],
    ['get', '/newsroom/articles/search?q=матрица'],
    ['get', '/newsroom/dashboard'],
    ['get', '/newsroom/tags/search?q=матрица'],
  ];

  it('answer 401 without a token', async () => {
    for (const [method, path] of routes()) {
      const res = await http(strapi)[method](path).send({ revision: 0, entries: [] });
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it('answer 401 to a content-API token or a forged one', async () => {
    for (const [method, path] of routes()) {
      const res = await http(strapi)[method](path).set('Authorization', 'Bearer not.a.token').send({ revision: 0, entries: [] });
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });
});
