import { UIDS } from '../../shared/manifest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { callServer, startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * Two instances of the playground on one database, as a site that outgrew one server runs them.
 * Everything goes through HTTP to both at once; nothing the plugin keeps in process memory may make
 * them disagree.
 */
let database: TestDatabase;
let first: ServerProcess;
let second: ServerProcess;
let token: string;

const call = (server: ServerProcess, method: string, path: string, body?: unknown, auth = true) => callServer(server, method, path, { body, token: auth ? token : undefined });

const createStory = async (server: ServerProcess, title: string, publish = true) => {
  const created = await call(server, 'POST', `/content-manager/collection-types/${UIDS.article}?locale=ru`, { title });
  expect(created.status).toBe(201);
  if (publish) {
    const published = await call(server, 'POST', `/content-manager/collection-types/${UIDS.article}/${created.body.data.documentId}/actions/publish?locale=ru`, {});
    expect(published.status).toBe(200);
  }
  return created.body.data as { documentId: string; slug: string };
};

beforeAll(async () => {
  database = await createTestDatabase();
  // Several instances without a shared counter store write each view through (flushIntervalMs 0), so every answer is a distinct global count.
  const env = { ...database.env, NEWSROOM_SKIP_SAMPLE: 'true', NEWSROOM_VIEWS_FLUSH_MS: '0', STRAPI_LOG_LEVEL: process.env.SCALE_LOG ?? 'error' };
  first = await startServerProcess(env);
  second = await startServerProcess(env);
  const registered = await call(first, 'POST', '/admin/register-admin', { email: 'scale@newsroom.test', password: 'Scale-Out-1', firstname: 'Scale', lastname: 'Out' }, false);
  expect(registered.status).toBe(200);
  token = registered.body.data.token;
}, 240_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await database?.drop();
});

describe('two instances on one database', () => {
  it('share the admin session and see each other’s writes at once', async () => {
    const story = await createStory(first, 'Общая история');
    const read = await call(second, 'GET', `/api/newsroom/articles/${story.slug}`, undefined, false);
    expect(read.status).toBe(200);
    expect(read.body.data.title).toBe('Общая история');
  });

  it('give stories created at once with the same title distinct slugs', async () => {
    const stories = await Promise.all(Array.from({ length: 6 }, (_, i) => createStory(i % 2 ? second : first, 'Одинаковый заголовок', false)));
    const slugs = stories.map((story) => story.slug);
    expect(new Set(slugs).size).toBe(6);
  });

  it('let one of two simultaneous list saves win whole and refuse the other', async () => {
    const targets = [];
    for (let i = 0; i < 4; i += 1) targets.push(await createStory(first, `Цель масштаба ${i}`));
    const owner = await createStory(second, 'Список двух серверов', false);
    for (let round = 0; round < 4; round += 1) {
      const { body } = await call(first, 'GET', `/newsroom/articles/${owner.documentId}/related?locale=ru`);
      const a = targets.slice(0, 2).map((t) => ({ target: t.documentId }));
      const b = targets.slice(2).map((t) => ({ target: t.documentId }));
      const [ra, rb] = await Promise.all([
        call(first, 'PUT', `/newsroom/articles/${owner.documentId}/related?locale=ru`, { revision: body.data.revision, entries: a }),
        call(second, 'PUT', `/newsroom/articles/${owner.documentId}/related?locale=ru`, { revision: body.data.revision, entries: b }),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      const after = await call(second, 'GET', `/newsroom/articles/${owner.documentId}/related?locale=ru`);
      expect(after.body.data.entries.map((e: { target: string }) => ({ target: e.target }))).toEqual(ra.status === 200 ? a : b);
    }
  });

  it('count views through both exactly', async () => {
    const story = await createStory(first, 'Просмотры двух серверов');
    const requests = Array.from({ length: 400 }, (_, i) =>
      call(i % 2 ? second : first, 'POST', `/api/newsroom/articles/${story.slug}/view`, undefined, false)
    );
    const responses = await Promise.all(requests);
    expect(responses.every((res) => res.status === 200)).toBe(true);
    expect(new Set(responses.map((res) => res.body.data.views)).size).toBe(400);
    const page = await call(second, 'GET', `/api/newsroom/articles/${story.slug}`, undefined, false);
    expect(page.body.data.views).toBe(400);
  });

  it('remove a story deleted on one instance from lists saved on the other', async () => {
    const doomed = await createStory(first, 'Удаляется на первом');
    const owner = await createStory(second, 'Список на втором', false);
    const { body } = await call(second, 'GET', `/newsroom/articles/${owner.documentId}/related?locale=ru`);
    await call(second, 'PUT', `/newsroom/articles/${owner.documentId}/related?locale=ru`, { revision: body.data.revision, entries: [{ target: doomed.documentId }] });
    const deleted = await call(first, 'DELETE', `/content-manager/collection-types/${UIDS.article}/${doomed.documentId}?locale=ru`);
    expect(deleted.status).toBe(200);
    const after = await call(second, 'GET', `/newsroom/articles/${owner.documentId}/related?locale=ru`);
    expect(after.body.data.entries).toEqual([]);
  });
});
