import { LRUCache } from 'lru-cache';

/**
 * Values found in the database, kept in process for `ttlMs` (misses are asked again): one load per
 * key at a time, and a load that overlapped `clear()` is answered but not kept, so a read from
 * before a local write never outlives that write.
 */
export const keptLookups = <T extends object>(ttlMs: number, max = 10_000) => {
  const found = new LRUCache<string, T>({ max, ttl: ttlMs });
  const loading = new Map<string, Promise<T | null>>();
  let epoch = 0;
  return {
    async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
      const known = found.get(key);
      if (known) return known;
      const running = loading.get(key);
      if (running) return running;
      const started = epoch;
      const next = load()
        .then((value) => {
          if (value && epoch === started) found.set(key, value);
          return value;
        })
        .finally(() => {
          if (loading.get(key) === next) loading.delete(key);
        });
      loading.set(key, next);
      return next;
    },
    clear() {
      epoch += 1;
      found.clear();
      loading.clear();
    },
  };
};
