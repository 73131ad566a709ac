import { LRUCache } from 'lru-cache';

/**
 * Values found in the database, kept in process for `ttlMs` (misses are asked again): one load per
 * key at a time, and a load that overlapped `clear()` is answered but not kept, so a read from
 * before a local write never outlives that write. `clear()` is O(1): every story write calls it, and
 * the cache's own clear walks all `max` slots; values from an earlier epoch read as misses and age out.
 */
export const keptLookups = <T extends object>(ttlMs: number, max = 10_000) => {
  const found = new LRUCache<string, { value: T; epoch: number }>({ max, ttl: ttlMs });
  const loading = new Map<string, Promise<T | null>>();
  let epoch = 0;
  return {
    async get(key: string, load: () => Promise<T | null>): Promise<T | null> {
      const known = found.get(key);
      if (known?.epoch === epoch) return known.value;
      const running = loading.get(key);
      if (running) return running;
      const started = epoch;
      const next = load()
        .then((value) => {
          if (value && epoch === started) found.set(key, { value, epoch });
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
      loading.clear();
    },
  };
};
