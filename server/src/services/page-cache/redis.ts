import { createHash, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';

import { PLUGIN_ID } from '../../../../shared/manifest';
import type { CacheConfig } from '../../config';
import { decodePage, encodePage, type CachedPage } from './page';

// KEYS: epoch, page, key sets. ARGV: epoch seen before the read, page, page TTL ms, key-set TTL ms.
// Stores nothing when any invalidation ran since the reader looked (the answer may predate a write).
const STORE = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  local left = redis.call('PTTL', KEYS[i])
  if left < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
end
return 1`;

// KEYS: epoch, key sets. ARGV: channel, message. Drops every page holding a key, then tells every instance.
const INVALIDATE = `
redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  for _, page in ipairs(redis.call('SMEMBERS', KEYS[i])) do redis.call('DEL', page) end
  redis.call('DEL', KEYS[i])
end
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1`;

/** What the other instances send on the channel: keys to drop, or `all` after a Redis outage. */
interface Message {
  from: string;
  keys?: string[];
  all?: true;
}

export interface SharedPages {
  /** True while both connections are up and subscribed: only then may this instance cache anything. */
  readonly up: boolean;
  /** The page if Redis holds it, else the invalidation epoch to store under; null when Redis failed. */
  lookup(id: string): Promise<{ page: CachedPage | null; epoch: string } | null>;
  /** Stores a page computed after `epoch` was read; false when an invalidation came in between (or Redis failed). */
  store(id: string, page: CachedPage, epoch: string, ttlMs: number): Promise<boolean>;
  /** Drops the pages holding these keys on every instance. */
  invalidate(keys: string[]): void;
  /** Drops every shared page and tells every instance to empty its own cache. */
  clearAll(): Promise<void>;
  close(): Promise<void>;
}

interface Handlers {
  /** Another instance invalidated these keys (or everything). */
  onRemote(keys: string[] | 'all'): void;
  /** The shared cache went down or came back: the local cache may have missed invalidations. */
  onState(up: boolean): void;
}

/** How long an instance waits before trying its return step again when it failed on live connections. */
const RETRY_RETURN_MS = 1000;

const hash = (id: string) => createHash('sha1').update(id).digest('base64url');
/** host:port only: the URL may carry a password. */
const where = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 6379}`;
};

/**
 * The second level of the page cache, shared by every instance through one Redis: pages by answer
 * id, a set per cache key of the pages holding it, an epoch counting invalidations, and a channel
 * carrying them to each instance's in-process cache. Any failure takes it down (reads then go to the
 * database); on reconnecting it drops every shared page, since writes made meanwhile were not seen.
 */
export const connectSharedPages = (strapi: Core.Strapi, settings: CacheConfig & { redis: string }, handlers: Handlers): SharedPages => {
  const prefix = settings.redisPrefix;
  const epochKey = `${prefix}epoch`;
  const channel = `${prefix}invalidate`;
  const pageKey = (id: string) => `${prefix}page:${hash(id)}`;
  const setKey = (key: string) => `${prefix}key:${key}`;
  const self = randomUUID();
  const options = {
    // Fail at once while disconnected (reads go to the database) instead of queueing behind a dead socket.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Generous: a loaded event loop must not read as an outage; a frozen Redis still fails reads after it.
    commandTimeout: 5000,
    autoResubscribe: false,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
  const client = new Redis(settings.redis, { ...options, connectionName: `${PLUGIN_ID}-pages` });
  const subscriber = new Redis(settings.redis, { ...options, connectionName: `${PLUGIN_ID}-pages-sub` });
  let subscribed = false;
  let up = false;
  let rising = false;
  let closed = false;
  /** Whether the outage was logged: once per outage, and once when Redis is missing at boot. */
  let logged = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const down = (reason: string) => {
    const wasUp = up;
    up = false;
    if (wasUp) handlers.onState(false);
    if (logged || closed) return;
    logged = true;
    strapi.log.warn(`[${PLUGIN_ID}] page cache: Redis at ${where(settings.redis)} unavailable (${reason}); reads go to the database until it is back`);
  };

  const tryUp = async () => {
    if (up || rising || closed || !subscribed || client.status !== 'ready') return;
    rising = true;
    try {
      // Writes made while this instance was cut off reached nobody: no shared page from before is trusted.
      if (logged) await clearShared();
    } finally {
      rising = false;
    }
    if (closed || !subscribed || client.status !== 'ready') return;
    up = true;
    handlers.onState(true);
    if (logged) strapi.log.info(`[${PLUGIN_ID}] page cache: Redis at ${where(settings.redis)} is back; caching again`);
    logged = false;
  };

  /** A failed command: down now, and reconnect so both connections start clean. */
  const failed = (error: Error) => {
    const wasUp = up;
    down(error.message);
    if (wasUp && !closed) {
      subscribed = false;
      client.disconnect(true);
      subscriber.disconnect(true);
    } else retryReturn();
  };

  /** Subscribes, then tries to come back up: on the subscriber's `ready`, and again after a failed return step. */
  const subscribe = () => {
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        return tryUp();
      },
      (error: Error) => failed(error)
    ).catch((error: Error) => failed(error));
  };

  /**
   * The return step (subscribe, clear, up) runs on a connection's `ready`. When it fails while both connections stay
   * live (a command timed out), no `ready` follows, so without this the instance would stay down, its writes invalidating nothing.
   */
  const retryReturn = () => {
    if (retryTimer || closed || up) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (closed || up || client.status !== 'ready' || subscriber.status !== 'ready') return;
      if (subscribed) void tryUp().catch((error: Error) => failed(error));
      else subscribe();
    }, RETRY_RETURN_MS);
    retryTimer.unref();
  };

  const clearShared = async () => {
    for (const pattern of [`${prefix}page:*`, `${prefix}key:*`]) {
      let cursor = '0';
      do {
        const [next, found] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (found.length > 0) await client.unlink(...found);
        cursor = next;
      } while (cursor !== '0');
    }
    await client.eval(INVALIDATE, 1, epochKey, channel, JSON.stringify({ from: self, all: true } satisfies Message));
  };

  // ioredis reports each failed reconnect as an error: the state changes above log once per outage.
  for (const connection of [client, subscriber]) {
    connection.on('error', (error: Error) => down(error.message));
    connection.on('close', () => down('connection closed'));
  }
  subscriber.on('close', () => (subscribed = false));
  subscriber.on('ready', subscribe);
  client.on('ready', () => void tryUp().catch((error: Error) => failed(error)));
  subscriber.on('messageBuffer', (_channel: Buffer, raw: Buffer) => {
    const message = JSON.parse(raw.toString()) as Message;
    if (message.from === self) return;
    handlers.onRemote(message.all ? 'all' : (message.keys ?? []));
  });

  return {
    get up() {
      return up;
    },

    async lookup(id) {
      try {
        const [[epochError, epoch], [pageError, stored]] = (await client.pipeline().get(epochKey).getBuffer(pageKey(id)).exec()) as [[Error | null, string | null], [Error | null, Buffer | null]];
        if (epochError || pageError) throw epochError ?? pageError;
        return { page: stored ? decodePage(stored, settings) : null, epoch: epoch ?? '0' };
      } catch (error) {
        failed(error as Error);
        return null;
      }
    },

    async store(id, page, epoch, ttlMs) {
      try {
        const keys = [epochKey, pageKey(id), ...page.keys.map(setKey)];
        const setTtl = settings.redisTtlSeconds * 1000 + 60_000;
        return (await client.eval(STORE, keys.length, ...keys, epoch, encodePage(page), ttlMs, setTtl)) === 1;
      } catch (error) {
        failed(error as Error);
        return false;
      }
    },

    invalidate(keys) {
      if (keys.length === 0) return;
      const message = JSON.stringify({ from: self, keys } satisfies Message);
      // Not up: nothing reaches Redis now, and reconnecting drops every shared page anyway.
      if (!up) return;
      client.eval(INVALIDATE, keys.length + 1, epochKey, ...keys.map(setKey), channel, message).catch((error: Error) => failed(error));
    },

    async clearAll() {
      if (up) await clearShared().catch((error: Error) => failed(error));
    },

    async close() {
      closed = true;
      up = false;
      if (retryTimer) clearTimeout(retryTimer);
      client.disconnect();
      subscriber.disconnect();
    },
  };
};
