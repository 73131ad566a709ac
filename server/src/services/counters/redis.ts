import Redis from 'ioredis';

/**
 * The Lua scripts of the shared counters; each runs atomically in Redis. Key layout under the prefix:
 * `counts` (hash: story → its whole count), `pending` (hash: event → not yet in the database),
 * `batch:<id>` (a pending hash sealed for one flush), `batches` (zset: sealed batch ids by time),
 * `gen` (bumped whenever a batch is sealed or finished, so a seed can tell it raced one).
 */
const SCRIPTS = {
  /** KEYS counts, pending, seen; ARGV story, event, dedupe seconds → {1 counted | 0 deduped | -1 unseeded, count}. */
  view: {
    numberOfKeys: 3,
    lua: `local c = redis.call('hget', KEYS[1], ARGV[1])
if not c then return {-1, 0} end
if tonumber(ARGV[3]) > 0 and not redis.call('set', KEYS[3], '1', 'NX', 'EX', ARGV[3]) then return {0, tonumber(c)} end
redis.call('hincrby', KEYS[2], ARGV[2], 1)
return {1, redis.call('hincrby', KEYS[1], ARGV[1], 1)}`,
  },
  /** KEYS pending, seen; ARGV event, dedupe seconds → 1 counted, 0 deduped. */
  click: {
    numberOfKeys: 2,
    lua: `if tonumber(ARGV[2]) > 0 and not redis.call('set', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return 0 end
redis.call('hincrby', KEYS[1], ARGV[1], 1)
return 1`,
  },
  /** KEYS pending, batch, batches, gen; ARGV id, now → 1 when pending events moved into the batch. */
  seal: {
    numberOfKeys: 4,
    lua: `if redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('rename', KEYS[1], KEYS[2])
redis.call('zadd', KEYS[3], ARGV[2], ARGV[1])
redis.call('incr', KEYS[4])
return 1`,
  },
  /** KEYS batch, batches, gen; ARGV id: the batch is in the database, forget it. */
  done: {
    numberOfKeys: 3,
    lua: `redis.call('del', KEYS[1])
redis.call('zrem', KEYS[2], ARGV[1])
redis.call('incr', KEYS[3])
return 1`,
  },
  /**
   * KEYS counts, pending, batches, gen; ARGV story, database count, event prefix, gen read before the
   * database, batch key prefix, then the ids of listed batches the database already holds.
   * Seeds a story's count with the database's plus what Redis holds that the database does not; 0 when a batch moved meanwhile.
   */
  seed: {
    numberOfKeys: 4,
    lua: `if redis.call('hexists', KEYS[1], ARGV[1]) == 1 then return 1 end
if (redis.call('get', KEYS[4]) or '0') ~= ARGV[4] then return 0 end
local prefix = ARGV[3]
local function held(key)
  local sum = 0
  local all = redis.call('hgetall', key)
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, #prefix) == prefix then sum = sum + tonumber(all[i + 1]) end
  end
  return sum
end
local applied = {}
for i = 6, #ARGV do applied[ARGV[i]] = true end
local total = tonumber(ARGV[2]) + held(KEYS[2])
for _, id in ipairs(redis.call('zrange', KEYS[3], 0, -1)) do
  if not applied[id] then total = total + held(ARGV[5] .. id) end
end
redis.call('hset', KEYS[1], ARGV[1], total)
return 1`,
  },
} as const;

type Arg = string | number;
export type CounterRedis = Redis & { [name in keyof typeof SCRIPTS]: (...args: Arg[]) => Promise<unknown> };

/**
 * A client that fails fast instead of queueing while Redis is away (the counters fall back to the
 * database then) and keeps reconnecting in the background.
 */
export const connectRedis = (url: string): CounterRedis => {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // Generous: better-sqlite3 blocks the event loop while it waits for a lock, and a late answer is no outage.
    commandTimeout: 10_000,
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
  for (const [name, script] of Object.entries(SCRIPTS)) client.defineCommand(name, script);
  return client as CounterRedis;
};

export const counterKeys = (prefix: string) => ({
  counts: `${prefix}counts`,
  pending: `${prefix}pending`,
  batches: `${prefix}batches`,
  gen: `${prefix}gen`,
  batchPrefix: `${prefix}batch:`,
  seen: (...parts: string[]) => `${prefix}seen:${parts.join(':')}`,
  /** The seen key a script is handed when there is no dedupe window (it declares one, but never touches it). */
  unused: `${prefix}seen:-`,
});
