import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { strapi as createClient } from '@strapi/client';

import { UIDS } from '../../shared/manifest';
import { createTestDatabase } from '../helpers/database';
import { http } from '../helpers/http';
import { PLAYGROUND, REPO } from '../helpers/paths';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { startServerProcess } from '../helpers/server-process';
import { createStory, publish, setRelated } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let baseURL: string;

beforeAll(async () => {
  app = await bootStrapi({ sample: true });
  strapi = app.strapi;
  baseURL = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}/api`;
});
afterAll(() => app?.stop());

const SAMPLE = 'partnerstvo-radi-razvitiya';

describe('GraphQL', () => {
  const graphql = (query: string, variables: Record<string, unknown> = {}) => http(strapi).post('/graphql').send({ query, variables });
  const QUERY = `query Story($slug: String!, $lang: String) {
    newsroomArticle(slug: $slug, lang: $lang) {
      documentId slug title views displayDate lead source tags tagLinks { name slug }
      correspondents { name role slug photo { url } }
      corrections { date text }
      related { title slug url displayDate external suggested }
    }
  }`;

  it('answers newsroomArticle with the same story, correspondents and related stories as the REST route', async () => {
    const [gql, rest] = await Promise.all([graphql(QUERY, { slug: SAMPLE }), http(strapi).get(`/api/newsroom/articles/${SAMPLE}`)]);
    expect(gql.status).toBe(200);
    expect(gql.body.errors).toBeUndefined();
    const story = gql.body.data.newsroomArticle;
    const { body: _body, cover: _cover, locale: _locale, publicationDate: _date, ...restStory } = rest.body.data;
    expect(story).toEqual({ ...restStory, related: rest.body.data.related.map(({ publicationDate: _p, ...entry }: Record<string, unknown>) => entry) });
    expect(story.displayDate).toBe('24 марта 2022 г. 0:08');
    expect(story.related).toHaveLength(5);
    const kazakh = await graphql(QUERY, { slug: SAMPLE, lang: 'kk' });
    expect(kazakh.body.data.newsroomArticle.displayDate).toBe('24 наурыз 2022 ж. 0:08');
  });

  it('applies the same rules: drafts are not found, bad input is refused, private fields do not exist', async () => {
    const draft = await createStory(strapi, { title: 'Черновик для GraphQL' }, { publish: false });
    const missing = await graphql(QUERY, { slug: draft.slug });
    expect(missing.body.data.newsroomArticle).toBeNull();
    expect(missing.body.errors[0].message).toContain('No published story');
    const badLang = await graphql(QUERY, { slug: SAMPLE, lang: 'de' });
    expect(badLang.body.errors[0].message).toContain('lang must be one of ru, kk, en');
    const email = await graphql(`{ newsroomArticle(slug: "${SAMPLE}") { correspondents { email } } }`);
    expect(email.status).toBe(400);
    expect(JSON.stringify(email.body)).toContain('Cannot query field \\"email\\"');
    // Strapi's generated CRUD for the plugin's types (and their internal rows) is not exposed.
    const generated = await graphql('{ newsroomRelatedLinks { documentId } }');
    expect(JSON.stringify(generated.body)).toContain('Cannot query field');
  });
});

describe('@strapi/client', () => {
  it('lists and reads stories as a front-end developer would', async () => {
    const client = createClient({ baseURL });
    const articles = client.collection('newsroom/articles');
    const page = await articles.find({ pagination: { page: 1, pageSize: 3 }, locale: 'ru' });
    expect(page.data).toHaveLength(3);
    expect((page.meta as { pagination: { total: number } }).pagination.total).toBe(6);
    const main = (await articles.find({ pagination: { pageSize: 100 } })).data.find((story) => story.slug === SAMPLE);
    expect(main).toBeDefined();
    const story = await articles.findOne(main!.documentId as string, { locale: 'ru' });
    expect(story.data).toMatchObject({ slug: SAMPLE, views: 247, displayDate: '24 марта 2022 г. 0:08' });
    expect((story.data as unknown as { related: unknown[] }).related).toHaveLength(5);
    await expect(articles.findOne('no-such-story')).rejects.toThrow();
  });
});

describe('i18n', () => {
  it('gives each locale its own slug and related list and never mixes locales', async () => {
    const target = await createStory(strapi, { title: 'Экономика растёт' });
    await strapi.documents(UIDS.article).update({ documentId: target.documentId, locale: 'kk', data: { title: 'Экономика өсуде' }, status: 'published' } as never);
    const story = await createStory(strapi, { title: 'Новости партнерства' }, { publish: false });
    await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: 'kk', data: { title: 'Серіктестік жаңалықтары' } });
    await setRelated(strapi, story.documentId, [{ target: target.documentId }, { url: 'https://kazinform.kz', label: 'Казинформ' }], 'ru');
    await setRelated(strapi, story.documentId, [{ url: 'https://kazinform.kz/kz', label: 'Қазинформ' }, { target: target.documentId }], 'kk');
    await publish(strapi, story.documentId, 'ru');
    await publish(strapi, story.documentId, 'kk');

    const ru = await http(strapi).get('/api/newsroom/articles/novosti-partnerstva?locale=ru');
    // A kk story's slug follows the Kazakh table (ж → j, ң → n).
    const kk = await http(strapi).get('/api/newsroom/articles/seriktestik-janalyqtary?locale=kk');
    expect(ru.body.data).toMatchObject({ title: 'Новости партнерства', locale: 'ru' });
    expect(kk.body.data).toMatchObject({ title: 'Серіктестік жаңалықтары', locale: 'kk' });
    expect(ru.body.data.related.map((r: { title: string }) => r.title)).toEqual(['Экономика растёт', 'Казинформ']);
    expect(kk.body.data.related.map((r: { title: string }) => r.title)).toEqual(['Қазинформ', 'Экономика өсуде']);
    // A slug of one locale does not answer in another.
    expect((await http(strapi).get('/api/newsroom/articles/seriktestik-janalyqtary?locale=ru')).status).toBe(404);
    const kkList = await http(strapi).get('/api/newsroom/articles?locale=kk&pagination[pageSize]=100');
    expect(kkList.body.data.every((s: { locale: string }) => s.locale === 'kk')).toBe(true);
    // Deleting one locale leaves the other locale's list and slug alone.
    await strapi.documents(UIDS.article).delete({ documentId: target.documentId, locale: 'kk' });
    const kkAfter = await http(strapi).get('/api/newsroom/articles/seriktestik-janalyqtary/related?locale=kk');
    expect(kkAfter.body.data.map((r: { title: string }) => r.title)).toEqual(['Қазинформ']);
    const ruAfter = await http(strapi).get('/api/newsroom/articles/novosti-partnerstva/related?locale=ru');
    expect(ruAfter.body.data.map((r: { title: string }) => r.title)).toEqual(['Экономика растёт', 'Казинформ']);
  });
});

describe('strapi export / strapi import', () => {
  // Two CLI processes (export, then import into a new database): 110 s on MySQL on a loaded 2-core machine.
  it('moves the content to another database without losing related order', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-transfer-'));
    const target = await createTestDatabase();
    const cli = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, ['-r', 'esbuild-register', path.join(REPO, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), ...args], {
        cwd: PLAYGROUND,
        env: { ...process.env, ...env, NEWSROOM_SKIP_SAMPLE: 'true', STRAPI_LOG_LEVEL: 'error', NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 240_000,
      });
    try {
      const exported = cli(['export', '--no-encrypt', '--no-compress', '-f', path.join(dir, 'backup')], app.database.env);
      expect(exported.status).toBe(0);
      const file = fs.readdirSync(dir).find((name) => name.startsWith('backup'));
      expect(file).toBeDefined();
      const imported = cli(['import', '--force', '-f', path.join(dir, file!)], target.env);
      expect([imported.status, imported.stderr.slice(-2000)]).toEqual([0, expect.any(String)]);

      // The copy runs in its own process: one process holds one Strapi.
      const copy = await startServerProcess({ ...target.env, NEWSROOM_SKIP_SAMPLE: 'true', STRAPI_LOG_LEVEL: 'error' });
      try {
        const original = await http(strapi).get(`/api/newsroom/articles/${SAMPLE}`);
        const restored = await fetch(`${copy.url}/api/newsroom/articles/${SAMPLE}`).then(async (res) => ({ status: res.status, body: await res.json() }));
        expect(restored.status).toBe(200);
        expect(restored.body.data.related.map((r: { title: string }) => r.title)).toEqual(original.body.data.related.map((r: { title: string }) => r.title));
        expect(restored.body.data.views).toBe(original.body.data.views);
        // The editors' draft list came along too (admin users are not exported: register one on the copy).
        const admin = await fetch(`${copy.url}/admin/register-admin`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'copy@newsroom.test', password: 'Copy-Test-1', firstname: 'Copy', lastname: 'Admin' }),
        }).then((res) => res.json());
        const list = await fetch(`${copy.url}/newsroom/articles/${original.body.data.documentId}/related?locale=ru`, {
          headers: { Authorization: `Bearer ${admin.data.token}` },
        }).then((res) => res.json());
        expect(list.data.entries.map((e: { story: { title: string } }) => e.story.title)).toEqual(original.body.data.related.map((r: { title: string }) => r.title));
      } finally {
        await copy.stop();
      }
    } finally {
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
