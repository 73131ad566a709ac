import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';

import type { PublicRelatedStory } from '../../shared/contracts/public-api';
import { UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import { BROWSER, http } from '../helpers/http';
import { dropKeys, REDIS_URL, redisProxy, uniquePrefix, type RedisProxy } from '../helpers/redis';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { LOCALE, publish, setRelated } from '../helpers/stories';
import { bootStrapi, type TestApp } from '../helpers/strapi';

/**
 * `counters.redis`: instances count views and clicks in the real Redis and write them to the database
 * in batches. Two server processes and this process share one database and one key prefix; this
 * process reaches Redis through a relay the test can cut.
 */
const prefix = uniquePrefix();
let proxy: RedisProxy;
let app: TestApp;
let strapi: Core.Strapi;
let first: ServerProcess;
let second: ServerProcess;
let redis: Redis;
let story: { documentId: string; slug: string };
let pick: PublicRelatedStory;
let serverEnv: Record<string, string>;

const dbViews = async () => Number(((await strapi.db.connection(TABLES.viewCounts).where({ document_id: story.documentId }).first('views')) as { views: number | string } | undefined)?.views ?? 0);
const dbClicks = async () => Number(((await strapi.db.connection(TABLES.relatedClicks).where({ document_id: story.documentId }).sum({ n: 'clicks' }).first()) as { n: number | string | null }).n ?? 0);
const counters = () => strapi.plugin('newsroom').service('counters');
const views = () => strapi.plugin('newsroom').service('views');

/** Flushes from this process until Redis holds nothing for the database (batches of a killed instance are taken over once stale). */
const drained = async () => {
  for (let i = 0; i < 120; i += 1) {
    await views().flush();
    if ((await redis.exists(`${prefix}pending`)) === 0 && (await redis.zcard(`${prefix}batches`)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('Redis still holds events after 30 s of flushes');
};

const viewOver = (url: string, reader: string) =>
  fetch(`${url}/api/newsroom/articles/${story.slug}/view`, { method: 'POST', headers: { 'User-Agent': `${BROWSER} ${reader}` } }).then(async (res) => ({ status: res.status, body: await res.json() }));
const clickOver = (url: string, reader: string) =>
  fetch(`${url}/api/newsroom/articles/${story.slug}/related-click`, {
    method: 'POST',
    headers: { 'User-Agent': `${BROWSER} ${reader}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ target: pick.slug, position: 1, origin: 'editor' }),
  }).then((res) => res.json());

beforeAll(async () => {
  proxy = await redisProxy();
  redis = new Redis(REDIS_URL);
  const shared = { NEWSROOM_COUNTERS_PREFIX: prefix, NEWSROOM_VIEWS_DEDUPE_SECONDS: '60' };
  app = await bootStrapi({ env: { ...shared, NEWSROOM_COUNTERS_REDIS: proxy.url } });
  strapi = app.strapi;
  const owner = await strapi.documents(UIDS.article).create({ locale: LOCALE, status: 'published', data: { title: 'Счётчики в Redis' } as never });
  const target = await strapi.documents(UIDS.article).create({ locale: LOCALE, status: 'published', data: { title: 'Выбор редактора' } as never });
  await setRelated(strapi, owner.documentId, [{ target: target.documentId }]);
  await publish(strapi, owner.documentId);
  story = { documentId: owner.documentId, slug: owner.slug as string };
  pick = (await http(strapi).get(`/api/newsroom/articles/${story.slug}/related`)).body.data[0];
  serverEnv = { ...app.database.env, ...shared, NEWSROOM_COUNTERS_REDIS: REDIS_URL, NEWSROOM_SKIP_SAMPLE: 'true', STRAPI_LOG_LEVEL: process.env.COUNTERS_LOG ?? 'error' };
  [first, second] = await Promise.all([startServerProcess(serverEnv), startServerProcess(serverEnv)]);
  while (!counters().active) await new Promise((resolve) => setTimeout(resolve, 50));
}, 240_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await app?.stop();
  await proxy?.close();
  await dropKeys(prefix);
  redis?.disconnect();
});

describe('counters in Redis', () => {
  it('two instances under concurrent load end with exact totals, each answer a distinct global count, dedupe across instances', async () => {
    const before = await dbViews();
    const sent = Array.from({ length: 300 }, (_, i) => viewOver(i % 2 ? second.url : first.url, `v${i}`));
    // The same readers again on the other instance: inside the dedupe window, so not counted.
    const repeats = Array.from({ length: 20 }, (_, i) => viewOver(i % 2 ? first.url : second.url, `v${i}`));
    const clicks = Array.from({ length: 120 }, (_, i) => clickOver(i % 2 ? second.url : first.url, `c${i % 100}`));
    const answers = await Promise.all([...sent, ...repeats]);
    const clicked = await Promise.all(clicks);
    expect(answers.every((res) => res.status === 200)).toBe(true);
    const counted = answers.filter((res) => res.body.data.counted).map((res) => res.body.data.views as number);
    expect(counted).toHaveLength(300);
    expect([...counted].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => before + i + 1));
    expect(clicked.filter((res) => res.data.counted)).toHaveLength(100);

    await drained();
    expect(await dbViews()).toBe(before + 300);
    expect(await dbClicks()).toBe(100);
    const days = (await strapi.db.connection(TABLES.viewDays).where({ document_id: story.documentId }).sum({ n: 'views' }).first()) as { n: number | string };
    expect(Number(days.n)).toBe(before + 300);
  });

  it('loses no view Redis holds when an instance is killed with SIGKILL', async () => {
    const before = await dbViews();
    let answered = 0;
    let sent = 0;
    let working = 20;
    // Each reader keeps viewing until a view goes unanswered, so views are in flight when the kill lands (400 at once could all be answered first).
    const load = Array.from({ length: working }, async (_, reader) => {
      for (let i = 0; ; i += 1) {
        sent += 1;
        const res = await viewOver(second.url, `k${reader}-${i}`).catch(() => null);
        if (res?.status !== 200 || !res.body.data.counted) break;
        answered += 1;
      }
      working -= 1;
    });
    while (answered < 100 && working > 0) await new Promise((resolve) => setImmediate(resolve));
    await second.kill();
    await Promise.allSettled(load);
    expect(answered).toBeGreaterThanOrEqual(100);
    expect(answered).toBeLessThan(sent);
    // The killed instance never flushed: its views are in Redis until this process writes them.
    await drained();
    const moved = (await dbViews()) - before;
    expect(moved).toBeGreaterThanOrEqual(answered);
    expect(moved).toBeLessThanOrEqual(sent);
    expect(Number(await redis.hget(`${prefix}counts`, JSON.stringify([story.documentId, LOCALE])))).toBe(await dbViews());
    second = await startServerProcess(serverEnv);
  });

  it('writes a batch once when its flush is retried after the database took it', async () => {
    // Only this process may flush: a server's timer taking the pending views would leave the crash hook unused.
    await Promise.all([first.stop(), second.stop()]);
    await drained();
    const before = await dbViews();
    let crashed = '';
    let atCrash: { db: number; listed: string | null } | undefined;
    // A crash after the database committed the batch and before Redis forgot it (this process's timer flush may be the one that hits it).
    counters().hooks.afterCommit = async (batch: string) => {
      counters().hooks.afterCommit = undefined;
      crashed = batch;
      atCrash = { db: await dbViews(), listed: await redis.zscore(`${prefix}batches`, batch) };
      throw new Error('crash between the database and Redis');
    };
    const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => http(strapi).post(`/api/newsroom/articles/${story.slug}/view`).set('User-Agent', `${BROWSER} r${i}`)));
    expect(sent.every((res) => res.status === 200 && res.body.data.counted)).toBe(true);
    await views().flush();
    expect(crashed).not.toBe('');
    // The crashed batch is committed: all 50 views, or the part a timer flush took before the rest arrived.
    expect(atCrash?.db).toBeGreaterThan(before);
    expect(atCrash?.db).toBeLessThanOrEqual(before + 50);
    expect(atCrash?.listed).not.toBeNull();
    await drained();
    expect(await redis.exists(`${prefix}batch:${crashed}`)).toBe(0);
    expect(await dbViews()).toBe(before + 50);
    expect(await strapi.db.connection(TABLES.counterBatches).where({ batch: crashed })).toHaveLength(1);
  });

  it('counts through the database with one log line while Redis is away, and in Redis again when it returns', async () => {
    await drained();
    const before = await dbViews();
    const warn = jest.spyOn(strapi.log, 'warn');
    const redisLines = () => warn.mock.calls.filter(([message]) => String(message).includes('Redis unavailable'));
    try {
      const view = (reader: string) => http(strapi).post(`/api/newsroom/articles/${story.slug}/view`).set('User-Agent', `${BROWSER} ${reader}`);
      expect((await view('a0')).body.data.counted).toBe(true);
      await proxy.cut();
      const away = await Promise.all(Array.from({ length: 60 }, (_, i) => view(`a${i + 1}`)));
      expect(away.map((res) => res.status)).toEqual(Array(60).fill(200));
      expect(away.every((res) => res.body.data.counted)).toBe(true);
      expect(counters().active).toBe(false);
      await views().flush();
      expect(await dbViews()).toBeGreaterThanOrEqual(before + 60);
      expect(redisLines()).toHaveLength(1);

      await proxy.restore();
      while (!counters().active) await new Promise((resolve) => setTimeout(resolve, 50));
      const batchesBefore = (await strapi.db.connection(TABLES.counterBatches).pluck('batch')) as string[];
      const backAgain = await Promise.all(Array.from({ length: 30 }, (_, i) => view(`b${i}`)));
      expect(backAgain.every((res) => res.status === 200 && res.body.data.counted)).toBe(true);
      await drained();
      // Counted in Redis: only a Redis batch leaves a row in the batches table (a timer flush may already have written it, so `pending` proves nothing).
      const batchesAfter = (await strapi.db.connection(TABLES.counterBatches).pluck('batch')) as string[];
      expect(batchesAfter.filter((batch) => !batchesBefore.includes(batch)).length).toBeGreaterThan(0);
      expect(await dbViews()).toBe(before + 91);
      expect(Math.max(...backAgain.map((res) => res.body.data.views as number))).toBe(before + 91);
      expect(redisLines()).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });
});
