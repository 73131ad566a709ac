import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { readSample } from '../../playground/src/sample';
import type { StoredEntry } from '../../server/src/services/related-stories';
import { REPO } from '../helpers/paths';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { pollUntil } from '../helpers/webhooks';

/**
 * The example front end (examples/front-end/server.js, run as a reader's site runs it) against a real
 * playground: it renders the sample page, keeps it by its Cache-Tag keys, and drops it when the
 * playground's own newsroom.pages.changed webhook (registered by the bootstrap) names it.
 */
const SECRET = 'front-end-test-secret';
const SAMPLE_PATH = '/news/partnerstvo-radi-razvitiya';
const sample = readSample();

let app: TestApp;
let strapi: Core.Strapi;
let frontEnd: ChildProcess;
let frontEndUrl: string;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const page = async (address = SAMPLE_PATH) => {
  const response = await fetch(`${frontEndUrl}${address}`, { signal: AbortSignal.timeout(10000) });
  return { status: response.status, cache: response.headers.get('x-cache'), html: await response.text() };
};

const status = async () =>
  (await (await fetch(`${frontEndUrl}/_status`, { headers: { 'x-webhook-secret': SECRET } })).json()) as {
    webhooks: { received: number; last: { keys: string[]; paths: string[]; purged: string[] } | null };
    cached: string[];
  };

const webhook = (body: unknown, secret?: string) =>
  fetch(`${frontEndUrl}/webhooks/newsroom`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-webhook-secret': secret } : {}) }, body: JSON.stringify(body) });

/** The related titles in the page's order. */
const relatedTitles = (html: string) => [...html.matchAll(/data-position="\d+"[^>]*>([^<]*)<\/a>/g)].map((match) => match[1]);

const sampleStory = async () => (await strapi.documents(UIDS.article).findFirst({ locale: 'ru', status: 'published', filters: { slug: 'partnerstvo-radi-razvitiya' }, fields: ['documentId'] }))!;
const relatedIds = async (documentId: string) =>
  ((await strapi.plugin('newsroom').service('related-stories').read({ documentId, locale: 'ru' }, 'draft')) as StoredEntry[]).map((entry) => entry.target as string);

beforeAll(async () => {
  const port = await freePort();
  frontEndUrl = `http://127.0.0.1:${port}`;
  app = await bootStrapi({ sample: true, env: { FRONT_END_URL: frontEndUrl, WEBHOOK_SECRET: SECRET } });
  strapi = app.strapi;
  const strapiUrl = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  frontEnd = spawn(process.execPath, [path.join(REPO, 'examples', 'front-end', 'server.js')], {
    env: { ...process.env, PORT: String(port), STRAPI_URL: strapiUrl, WEBHOOK_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    frontEnd.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening on') && resolve());
    frontEnd.on('exit', (code) => reject(new Error(`the front end exited with ${code}`)));
  });
  // The sample's own publishes are still waiting in the coalescing window: sent now, so they purge nothing a test reads later.
  if (strapi.plugin('newsroom').service('pages').flush()) await pollUntil(async () => (await status()).webhooks.received > 0);
});

afterAll(async () => {
  frontEnd?.kill('SIGTERM');
  await app?.stop();
});

describe('examples/front-end', () => {
  it('renders the sample page as it reads, then serves it from its cache', async () => {
    const first = await page();
    expect(first).toMatchObject({ status: 200, cache: 'MISS' });
    for (const text of [sample.article.title, '24 марта 2022 г. 0:08', '<span data-views title="просмотров">247</span>', 'Калмыков Ануар', 'корреспондент', sample.article.lead, sample.article.body[0], 'Источник: МИД РК']) {
      expect(first.html).toContain(text);
    }
    expect(relatedTitles(first.html)).toEqual(sample.relatedStories.map((story) => story.title));
    for (const story of sample.relatedStories) expect(first.html).toContain(`>${story.displayDate}</time>`);
    expect(first.html).toMatch(/href="\/news\/[a-z0-9-]+" data-position="1" data-origin="editor"/);
    expect(await page()).toMatchObject({ status: 200, cache: 'HIT', html: first.html });
    expect((await status()).cached).toContain(SAMPLE_PATH);
  });

  it('refuses a webhook without the shared secret and keeps its pages', async () => {
    expect((await webhook({ keys: [], paths: [SAMPLE_PATH] })).status).toBe(401);
    expect((await webhook({ keys: [], paths: [SAMPLE_PATH] }, 'wrong')).status).toBe(401);
    expect((await page()).cache).toBe('HIT');
  });

  it('drops a page named by path, and every page holding a named key', async () => {
    const purged = (await (await webhook({ paths: [SAMPLE_PATH] }, SECRET)).json()) as { purged: string[] };
    expect(purged.purged).toEqual([SAMPLE_PATH]);
    expect((await page()).cache).toBe('MISS');
    const { documentId } = await sampleStory();
    const byKey = (await (await webhook({ keys: [`story:${documentId}:ru`] }, SECRET)).json()) as { purged: string[] };
    expect(byKey.purged).toEqual([SAMPLE_PATH]);
    expect((await page()).cache).toBe('MISS');
  });

  it("shows a reordered and published related list after Strapi's webhook, and drops an unpublished related story the same way", async () => {
    const { documentId } = await sampleStory();
    const ids = await relatedIds(documentId);
    const before = relatedTitles((await page()).html);
    expect((await page()).cache).toBe('HIT');
    const received = (await status()).webhooks.received;

    await strapi.plugin('newsroom').service('related-stories').replaceDraft({ documentId, locale: 'ru' }, [...ids].reverse().map((target) => ({ target })));
    await strapi.documents(UIDS.article).publish({ documentId, locale: 'ru' });
    const reordered = await pollUntil(async () => {
      const titles = relatedTitles((await page()).html);
      return titles[0] === before[before.length - 1] && titles;
    });
    expect(reordered).toEqual([...before].reverse());
    const afterReorder = await status();
    expect(afterReorder.webhooks.received).toBeGreaterThan(received);
    expect(afterReorder.webhooks.last!.paths).toContain(SAMPLE_PATH);

    await strapi.documents(UIDS.article).unpublish({ documentId: ids[0], locale: 'ru' });
    const gone = await pollUntil(async () => {
      const titles = relatedTitles((await page()).html);
      return !titles.includes(before[0]) && titles;
    });
    expect(gone).toEqual([...before].reverse().filter((title) => title !== before[0]));
    expect((await status()).webhooks.received).toBeGreaterThan(afterReorder.webhooks.received);
  });
});
