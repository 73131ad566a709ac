import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';

import { getConfig, type CacheConfig } from '../config';
import { pageKeys, type KeySet } from './pages/keys';

interface CachedPage {
  /** The JSON body exactly as sent, encoded once. */
  body: Buffer;
  etag: string;
  /** What the page shows (services/pages/keys), sorted. */
  keys: string[];
}

/** The response headers of a public read: revalidate with the ETag, cache as configured, purge by key. */
const setHeaders = (ctx: Context, page: CachedPage, config: CacheConfig) => {
  const { maxAge, sMaxAge, staleWhileRevalidate, tagHeaders } = config.http;
  ctx.set('ETag', page.etag);
  ctx.set('Cache-Control', `public, max-age=${maxAge}, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`);
  for (const [name, separator] of Object.entries(tagHeaders)) {
    if (separator && page.keys.length > 0) ctx.set(name, page.keys.join(separator));
  }
};

const toPage = (data: unknown, keys: KeySet): CachedPage => {
  const body = Buffer.from(JSON.stringify(data));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`, keys: [...keys].sort() };
};

/**
 * Public answers kept in memory by route and normalized parameters, with the keys of what they
 * show. A write drops every answer holding a key it changed, once it has committed; an answer
 * computed while any invalidation happened is served but not kept, so an old read never lands
 * after the write that made it old.
 */
const pageCacheService = ({ strapi }: { strapi: Core.Strapi }) => {
  let store: LRUCache<string, CachedPage> | null = null;
  /** Cache key → ids of the cached answers showing it. */
  const holders = new Map<string, Set<string>>();
  let epoch = 0;

  const config = (): CacheConfig | null => getConfig(strapi).cache || null;

  const forget = (id: string, page: CachedPage) => {
    for (const key of page.keys) {
      const ids = holders.get(key);
      ids?.delete(id);
      if (ids?.size === 0) holders.delete(key);
    }
  };

  const open = (settings: CacheConfig) =>
    (store ??= new LRUCache<string, CachedPage>({
      max: settings.maxEntries,
      ...(settings.viewsMaxAgeSeconds > 0 ? { ttl: settings.viewsMaxAgeSeconds * 1000 } : {}),
      dispose: (page, id) => forget(id, page),
    }));

  return {
    /**
     * Answers a public read: from the cache when it holds the answer, else computed by `read` (which
     * adds what it shows to `keys`; null answers nothing, e.g. a 404 the caller throws). Sets ETag,
     * Cache-Control and the tag headers, and answers 304 to a matching If-None-Match.
     */
    async serve<T>(ctx: Context, id: string, read: (keys?: KeySet) => Promise<T | null>): Promise<boolean> {
      const settings = config();
      if (!settings) {
        const data = await read();
        if (data !== null) ctx.body = data;
        return data !== null;
      }
      const cache = open(settings);
      let page = cache.get(id);
      if (!page) {
        const started = epoch;
        const keys: KeySet = new Set();
        const data = await read(keys);
        if (data === null) return false;
        page = toPage(data, keys);
        if (epoch === started) {
          cache.set(id, page);
          for (const key of page.keys) holders.set(key, (holders.get(key) ?? new Set()).add(id));
        }
      }
      ctx.status = 200;
      setHeaders(ctx, page, settings);
      if (ctx.fresh) {
        ctx.status = 304;
        return true;
      }
      ctx.type = 'application/json';
      ctx.body = page.body;
      return true;
    },

    /** Drops every cached answer showing one of these keys (after the write that changed them committed). */
    invalidate(keys: Iterable<string>) {
      epoch += 1;
      if (!store) return;
      for (const key of keys) {
        for (const id of [...(holders.get(key) ?? [])]) store.delete(id);
      }
    },

    /** A counted view: with `viewsMaxAgeSeconds: 0` this instance's pages of the story show the new count at once (no event: a view is not an edit). */
    viewed(documentId: string, locale: string | null) {
      if (config()?.viewsMaxAgeSeconds === 0) this.invalidate([pageKeys.story(documentId, locale)]);
    },

    /** Drops everything (tests that empty tables behind the plugin's back). */
    clear() {
      epoch += 1;
      store?.clear();
      holders.clear();
    },

    /** How many answers are cached (tests). */
    size() {
      return store?.size ?? 0;
    },
  };
};

export type PageCacheService = ReturnType<typeof pageCacheService>;
export default pageCacheService;

/** A cached answer's id: the route and its validated (normalized) parameters. */
export const answerId = (route: string, ...parts: unknown[]) => JSON.stringify([route, ...parts]);
