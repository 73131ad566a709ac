import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';

import { getConfig, type CacheConfig } from '../../config';
import { pageKeys, type KeySet } from '../pages/keys';
import { JSON_TYPE, toPage, type CachedPage } from './page';
import { connectSharedPages, type SharedPages } from './redis';

export interface ServeOptions {
  /** The answer's Content-Type; other than JSON, `read` returns the written body. */
  type?: string;
  /** Keep the answer at most this long (ms): for answers that change with time as well as with writes. */
  maxAgeMs?: number;
}

/** Copies a page's precomputed headers and body onto the response; a matching If-None-Match gets a 304. */
const send = (ctx: Context, page: CachedPage) => {
  ctx.status = 200;
  for (const [name, value] of page.headers) ctx.res.setHeader(name, value);
  if (ctx.request.headers['if-none-match'] !== undefined && ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.res.setHeader('Content-Type', page.type);
  ctx.body = page.body;
};

/**
 * Public answers kept in memory by route and normalized parameters, with the keys of what they
 * show; with `cache.redis`, also in Redis, shared by every instance (./redis). A write drops every
 * answer holding a key it changed, once it has committed; an answer computed while any
 * invalidation happened is served but not kept, so an old read never lands after the write that
 * made it old.
 */
const pageCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  let store: LRUCache<string, CachedPage> | null = null;
  let shared: SharedPages | null = null;
  let sharedUrl: string | null = null;
  let sharedPrefix = '';
  /** Cache key → ids of the cached answers showing it. */
  const holders = new Map<string, Set<string>>();
  /** A request's raw URL → the id of the answer it validated to: a hit skips validation and key building. */
  let aliases: LRUCache<string, string> | null = null;
  let epoch = 0;

  const config = (): CacheConfig | null => getConfig(strapi).cache || null;
  /** How long a page may be served: views may lag viewsMaxAgeSeconds; Redis keeps nothing longer than redisTtlSeconds. */
  const lifetimeMs = (settings: CacheConfig, maxAgeMs = Infinity) => Math.min(settings.viewsMaxAgeSeconds * 1000 || Infinity, maxAgeMs);

  const forget = (id: string, page: CachedPage) => {
    for (const key of page.keys) {
      const ids = holders.get(key);
      ids?.delete(id);
      if (ids?.size === 0) holders.delete(key);
    }
  };

  const dropLocal = (keys: Iterable<string>) => {
    epoch += 1;
    if (!store) return;
    for (const key of keys) {
      for (const id of [...(holders.get(key) ?? [])]) store.delete(id);
    }
  };

  const clearLocal = () => {
    epoch += 1;
    store?.clear();
    aliases?.clear();
    holders.clear();
  };

  const open = (settings: CacheConfig) => {
    // Follows the configured URL (tests and the bench switch it at run time); the LRU restarts with it.
    if (settings.redis !== sharedUrl || settings.redisPrefix !== sharedPrefix) {
      void shared?.close();
      shared = null;
      sharedUrl = settings.redis;
      sharedPrefix = settings.redisPrefix;
      clearLocal();
    }
    if (settings.redis && !shared) {
      shared = connectSharedPages(strapi, { ...settings, redis: settings.redis }, {
        onRemote: (keys) => (keys === 'all' ? clearLocal() : dropLocal(keys)),
        // Invalidations sent while this instance was cut off never reached it.
        onState: () => clearLocal(),
      });
    }
    aliases ??= new LRUCache<string, string>({ max: settings.maxEntries * 4 });
    return (store ??= new LRUCache<string, CachedPage>({
      max: settings.maxEntries,
      ...(settings.viewsMaxAgeSeconds > 0 ? { ttl: settings.viewsMaxAgeSeconds * 1000 } : {}),
      dispose: (page, id) => forget(id, page),
    }));
  };

  /** Keeps a page in this instance's cache, unless an invalidation ran since `started` or its views are too old. */
  const keep = (cache: LRUCache<string, CachedPage>, settings: CacheConfig, id: string, page: CachedPage, started: number, maxAgeMs = Infinity) => {
    const left = lifetimeMs(settings, maxAgeMs) - (Date.now() - page.storedAt);
    if (epoch !== started || left <= 0) return;
    cache.set(id, page, Number.isFinite(left) ? { ttl: left } : undefined);
    for (const key of page.keys) holders.set(key, (holders.get(key) ?? new Set()).add(id));
  };

  return {
    /**
     * Answers a GET from this instance's cache by its raw URL, before the controller validates it: only
     * a URL that validated and was answered before is known. False: go on with validation and `serve`.
     */
    hit(ctx: Context): boolean {
      const id = aliases?.get(ctx.url);
      if (id === undefined) return false;
      const page = store?.get(id);
      // The cache may have been turned off since (config), or its Redis lost.
      if (!page || !config()) return false;
      send(ctx, page);
      return true;
    },

    /**
     * Answers a public read: from the cache when it holds the answer, else computed by `read` (which
     * adds what it shows to `keys`; null answers nothing, e.g. a 404 the caller throws). Sets ETag,
     * Cache-Control and the tag headers, and answers 304 to a matching If-None-Match. `type` other
     * than JSON: `read` returns the written body (feeds, sitemaps); `maxAgeMs` bounds how long an answer
     * that changes with time alone (the news sitemap's two-day window) is kept.
     */
    async serve<T>(ctx: Context, id: string, read: (keys?: KeySet) => Promise<T | null>, { type = JSON_TYPE, maxAgeMs = Infinity }: ServeOptions = {}): Promise<boolean> {
      const settings = config();
      if (!settings) {
        const data = await read();
        if (data !== null) {
          if (type !== JSON_TYPE) ctx.type = type;
          ctx.body = data;
        }
        return data !== null;
      }
      const cache = open(settings);
      aliases?.set(ctx.url, id);
      let page = cache.get(id);
      if (page) {
        send(ctx, page);
        return true;
      }
      const started = epoch;
      // With Redis configured but unreachable nothing is cached: invalidations from other instances cannot arrive.
      const sharing = shared?.up ? shared : null;
      const found = sharing ? await sharing.lookup(id) : null;
      if (found?.page) {
        keep(cache, settings, id, found.page, started, maxAgeMs);
        send(ctx, found.page);
        return true;
      }
      const keys: KeySet = new Set();
      const data = await read(keys);
      if (data === null) return false;
      page = toPage(data, keys, settings, type);
      if (!shared) keep(cache, settings, id, page, started, maxAgeMs);
      else if (sharing && found && epoch === started) {
        const computed = page;
        void sharing.store(id, computed, found.epoch, Math.min(lifetimeMs(settings, maxAgeMs), settings.redisTtlSeconds * 1000)).then((stored) => {
          if (stored) keep(cache, settings, id, computed, started, maxAgeMs);
        });
      }
      send(ctx, page);
      return true;
    },

    /** Drops every cached answer showing one of these keys (after the write that changed them committed), on every instance. */
    invalidate(keys: Iterable<string>) {
      const list = [...keys];
      dropLocal(list);
      shared?.invalidate(list);
    },

    /** A counted view: with `viewsMaxAgeSeconds: 0` the story's pages show the new count at once (no event: a view is not an edit). */
    viewed(documentId: string, locale: string | null) {
      if (config()?.viewsMaxAgeSeconds === 0) this.invalidate([pageKeys.story(documentId, locale)]);
    },

    /** Drops everything, shared pages included (tests that empty tables behind the plugin's back). */
    async clear() {
      clearLocal();
      await shared?.clearAll();
    },

    /** Whether pages are cached now: false while the configured Redis is unreachable (tests). */
    caching() {
      return config() !== null && (shared === null || shared.up);
    },

    /** How many answers are cached in this instance (tests). */
    size() {
      return store?.size ?? 0;
    },

    /** Connects to Redis when `cache.redis` is set (bootstrap): invalidations must reach the others before this instance serves a read. */
    start() {
      const settings = config();
      if (settings) open(settings);
    },

    /** Closes the Redis connections (plugin destroy). */
    async stop() {
      await shared?.close();
      shared = null;
      sharedUrl = null;
    },
  };
};

export type PageCacheService = ReturnType<typeof pageCacheService>;
export default pageCacheService;

/** A cached answer's id: the route and its validated (normalized) parameters. */
export const answerId = (route: string, ...parts: unknown[]) => JSON.stringify([route, ...parts]);
