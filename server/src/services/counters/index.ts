import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';

import { PLUGIN_ID } from '../../../../shared/manifest';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { localeKey, retryOnDeadlock } from '../../utils/db';
import { flushTimer } from '../../utils/flush-timer';
import { getService } from '../../utils/services';
import { writeClicks, type ClickRow } from '../related-clicks';
import { dayOf, relaxCommit, viewStore, type ViewTarget } from '../views/store';
import { clickEvent, parseBatch, storyField, viewEvent, viewEventPrefix } from './batch';
import { connectRedis, counterKeys, type CounterRedis } from './redis';

const DAY_MS = 24 * 3600 * 1000;
/** The Content Manager's copy of a count moves in steps of this many views (as in buffered mode). */
const MIRROR_STEP = 100;

/**
 * Counters shared by several instances through Redis (`counters.redis`). A view or click is one Lua
 * script (dedupe by SET NX EX, pending += 1, story count += 1); a flush seals the pending hash into a
 * batch, writes it in one transaction that also records the batch id, then deletes it, so a batch
 * found again after a crash is recognised and not counted twice. While Redis is away every call
 * answers null and the caller counts through the database.
 */
const countersService = ({ strapi }: { strapi: Core.Strapi }) => {
  let keys = counterKeys(getConfig(strapi).counters.keyPrefix);
  const store = viewStore(strapi);
  let client: CounterRedis | undefined;
  let up = false;
  let down = false;
  /** This instance counted through the database while Redis was away: Redis's story counts may be behind. */
  let countedAside = false;
  /** Batches this instance sealed and failed to finish: retried at the next flush, whatever their age. */
  const unfinished = new Set<string>();
  const interval = () => getConfig(strapi).views.flushIntervalMs || 1000;
  /** A batch older than this is an instance's that died mid-flush: anyone may finish it. */
  const staleMs = () => Math.max(5000, 5 * interval());

  /** Hooks for tests that stop a flush where a crash would. */
  const hooks: { afterCommit?: (batch: string) => Promise<void> } = {};

  const wentAway = (error: unknown) => {
    up = false;
    if (!down) strapi.log.warn(`[${PLUGIN_ID}] counters: Redis unavailable (${(error as Error).message}); counting through the database until it returns`);
    down = true;
    if (client?.status === 'ready') client.disconnect(true);
  };

  /** Runs a Redis call; null (and the database path) when Redis is away. */
  const guarded = async <T>(work: (redis: CounterRedis) => Promise<T>): Promise<T | null> => {
    if (!client || !up || timer.stopped) return null;
    try {
      return await work(client);
    } catch (error) {
      // The database refusing a seed is no Redis outage.
      if (client.status === 'ready' && !/timed out/i.test((error as Error).message)) throw error;
      wentAway(error);
      return null;
    }
  };

  const back = async () => {
    if (countedAside) {
      // Views counted aside reach the database first; then every story's count is seeded afresh from it.
      await Promise.all([getService(strapi, 'views').flushDatabase(), getService(strapi, 'related-clicks').flush()]);
      await client?.del(keys.counts);
      countedAside = false;
    }
    up = true;
    if (down) strapi.log.info(`[${PLUGIN_ID}] counters: Redis is back; counting in Redis again`);
    down = false;
    timer.schedule();
  };

  /** Seeds a story's count in Redis from the database and the batches the database does not hold yet; false when the story is gone. */
  const seeding = new Map<string, Promise<boolean>>();
  /** One seed per story at a time in this instance. */
  const seed = (redis: CounterRedis, target: ViewTarget): Promise<boolean> => {
    const field = storyField(target);
    let running = seeding.get(field);
    if (!running) {
      running = seedOnce(redis, target).finally(() => seeding.delete(field));
      seeding.set(field, running);
    }
    return running;
  };

  const seedOnce = async (redis: CounterRedis, target: ViewTarget): Promise<boolean> => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const [[, gen], [, listed]] = (await redis.multi().get(keys.gen).zrange(keys.batches, 0, -1).exec()) as [[null, string | null], [null, string[]]];
      if ((await retryOnDeadlock(strapi, () => store.read(target))) === null) return false;
      // One statement, one snapshot: the count and which listed batches it already includes.
      const counts = strapi.db.connection(TABLES.viewCounts).where(store.keyOf(target)).select({ n: 'views', batch: strapi.db.connection.raw("''") });
      if (listed.length) counts.unionAll((q) => q.from(TABLES.counterBatches).whereIn('batch', listed).select({ n: strapi.db.connection.raw('0'), batch: 'batch' }));
      const rows = (await retryOnDeadlock(strapi, async () => counts.clone())) as Array<{ n: number | string; batch: string }>;
      const durable = rows.filter((row) => !row.batch).reduce((sum, row) => sum + Number(row.n), 0);
      const applied = rows.filter((row) => row.batch).map((row) => row.batch);
      const args = [storyField(target), durable, viewEventPrefix(target), gen ?? '0', keys.batchPrefix, ...applied];
      if (Number(await redis.seed(keys.counts, keys.pending, keys.batches, keys.gen, ...args)) === 1) return true;
    }
    throw new Error('counters: could not seed a story count while batches kept moving');
  };

  /** Writes one sealed batch to the database (once, whoever tries), then forgets it in Redis. */
  const finish = async (redis: CounterRedis, batch: string) => {
    const hash = await redis.hgetall(keys.batchPrefix + batch);
    const { views, clicks } = parseBatch(hash);
    let counts: Array<number | null> = [];
    await retryOnDeadlock(strapi, () =>
      strapi.db.transaction(async ({ trx }) => {
        await relaxCommit(strapi, trx);
        if (!(await store.insertIgnore(trx, TABLES.counterBatches, { batch, applied_at: Date.now() }, ['batch']))) return;
        counts = await store.writeIn(trx, views);
        await writeClicks(trx, clicks);
      })
    );
    await hooks.afterCommit?.(batch);
    await redis.done(keys.batchPrefix + batch, keys.batches, keys.gen, batch);
    unfinished.delete(batch);
    for (const [index, item] of views.entries()) {
      const count = counts[index];
      if (count != null && Math.floor(count / MIRROR_STEP) > Math.floor((count - item.n) / MIRROR_STEP)) await store.mirror(item.target, Math.floor(count / MIRROR_STEP) * MIRROR_STEP);
    }
  };

  const flushOnce = async (redis: CounterRedis) => {
    const stale = await redis.zrangebyscore(keys.batches, '-inf', Date.now() - staleMs());
    for (const batch of new Set([...unfinished, ...stale])) await finish(redis, batch);
    const batch = `${Date.now()}-${randomBytes(6).toString('hex')}`;
    if (Number(await redis.seal(keys.pending, keys.batchPrefix + batch, keys.batches, keys.gen, batch, Date.now())) === 1) {
      unfinished.add(batch);
      await finish(redis, batch);
    }
    // Batch ids are needed only while a batch could still be in Redis.
    if (Math.random() < 0.01) await strapi.db.connection(TABLES.counterBatches).where('applied_at', '<', Date.now() - DAY_MS).delete();
    // Someone else's batch too young to take over yet: look again later.
    if ((await redis.zcard(keys.batches)) > 0) timer.schedule();
  };

  const timer = flushTimer(strapi, 'counters', interval, async () => {
    if (!client || !up) return;
    try {
      await flushOnce(client);
    } catch (error) {
      // Redis going away is reported once by wentAway; the database refusing is the timer's to report.
      if (client.status !== 'ready') return wentAway(error);
      timer.schedule();
      throw error;
    }
  });

  const service = {
    hooks,

    /** Connects at bootstrap and waits for Redis a moment, so the first views are counted where the others will be. */
    async start() {
      const { redis: url, keyPrefix } = getConfig(strapi).counters;
      if (!url || client) return;
      keys = counterKeys(keyPrefix);
      const redis = connectRedis(url);
      client = redis;
      // Errors surface as failed calls; the event itself only needs a listener.
      redis.on('error', () => undefined);
      redis.on('close', () => {
        if (up) wentAway(new Error('connection closed'));
      });
      const first = new Promise<void>((resolve) => {
        redis.once('ready', resolve);
        setTimeout(resolve, 3000).unref();
      });
      redis.on('ready', () => void back().catch((error: unknown) => wentAway(error)));
      await first;
      if (!up) wentAway(new Error(`no answer from ${new URL(url).host}`));
    },
    /** Whether counts go to Redis now. */
    get active() {
      return up && !timer.stopped;
    },

    /** Counts a view in Redis and answers the story's count including it; null when Redis is away (or the story is gone). */
    async view(target: ViewTarget, reader: () => string): Promise<{ views: number; counted: boolean } | null> {
      if (!service.active) return null;
      const window = getConfig(strapi).views.dedupeWindowSeconds;
      const seen = window > 0 ? keys.seen('v', target.documentId, localeKey(target.locale), reader()) : keys.unused;
      return guarded(async (redis) => {
        for (let attempt = 0; attempt < 3; attempt += 1) {
          const [state, count] = (await redis.view(keys.counts, keys.pending, seen, storyField(target), viewEvent(target, dayOf(Date.now())), window)) as [number, number];
          if (state >= 0) {
            if (state === 1) timer.schedule();
            return { views: Number(count), counted: state === 1 };
          }
          if (!(await seed(redis, target))) return { views: 0, counted: false };
        }
        throw new Error('counters: a story count vanished three times in a row');
      });
    },

    /** A story's count as readers see it now; null when Redis is away. */
    async current(target: ViewTarget): Promise<number | null> {
      return guarded(async (redis) => {
        const known = await redis.hget(keys.counts, storyField(target));
        if (known !== null) return Number(known);
        if (!(await seed(redis, target))) return 0;
        return Number(await redis.hget(keys.counts, storyField(target)));
      });
    },

    /** Counts a related click in Redis; null when Redis is away. */
    async click(row: ClickRow, reader: () => string): Promise<boolean | null> {
      if (!service.active) return null;
      const window = getConfig(strapi).views.dedupeWindowSeconds;
      const seen = window > 0 ? keys.seen('c', row.document_id, row.locale, row.entry, reader()) : keys.unused;
      return guarded(async (redis) => {
        const counted = Number(await redis.click(keys.pending, seen, clickEvent(row), window)) === 1;
        if (counted) timer.schedule();
        return counted;
      });
    },

    /** The database path counted something while Redis was configured but away. */
    countedAside() {
      if (client) countedAside = true;
    },

    /** A deleted story's count is seeded afresh should it come back. */
    async forget(target: ViewTarget | { documentId: string; locale: '*' }) {
      await guarded(async (redis) => {
        if (target.locale !== '*') return redis.hdel(keys.counts, storyField(target as ViewTarget));
        const fields = await redis.hkeys(keys.counts);
        const gone = fields.filter((field) => (JSON.parse(field) as string[])[0] === target.documentId);
        return gone.length ? redis.hdel(keys.counts, ...gone) : 0;
      });
    },

    /** Writes what Redis holds to the database now (also on a timer). */
    flush: () => timer.flush(),

    /** Clean shutdown: later events go through the database, Redis's are written now. */
    async stop() {
      await timer.stop();
      up = false;
      client?.disconnect(false);
    },
  };
  return service;
};

export type CountersService = ReturnType<typeof countersService>;
export default countersService;
