import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

import { PAGES_CHANGED_EVENT, PLUGIN_ID } from '../../../../shared/manifest';
import type { CacheConfig } from '../../config';

/** What one `newsroom.pages.changed` event carries (the webhook runner adds `event` and `createdAt`). */
export interface PagesChanged {
  /** Cache keys to purge (the `Cache-Tag` / `Surrogate-Key` values of the pages that changed). */
  keys: string[];
  /** Public paths (`publicPath`) of the story pages to revalidate, old ones included. */
  paths: string[];
  /** Stories whose address moved: revalidate (or redirect) the old path too. */
  moved: Array<{ documentId: string; locale: string | null; from: string; to: string }>;
}

export const emptyChange = (): PagesChanged => ({ keys: [], paths: [], moved: [] });

/** Timers run in the async context of module load, never inside the request or transaction that queued a change. */
const root = new AsyncResource(`${PLUGIN_ID}-pages`);

/**
 * Coalesces committed changes into few events: one goes out once no change came for `coalesceMs`,
 * and a steady burst still sends one at least every `maxDelayMs`.
 */
export const createNotifier = (strapi: Core.Strapi, settings: () => CacheConfig['webhook']) => {
  let pending: { keys: Set<string>; paths: Set<string>; moved: Map<string, PagesChanged['moved'][number]> } | null = null;
  let firstAt = 0;
  let timer: NodeJS.Timeout | null = null;

  /** Emits what is pending; answers what it emitted (null: nothing was pending). */
  const flush = (): PagesChanged | null => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return null;
    const info: PagesChanged = { keys: [...pending.keys].sort(), paths: [...pending.paths].sort(), moved: [...pending.moved.values()] };
    pending = null;
    if (strapi.log.isDebugEnabled()) strapi.log.debug(`[${PLUGIN_ID}] ${PAGES_CHANGED_EVENT}: ${info.keys.length} keys, ${info.paths.length} paths`);
    void Promise.resolve(strapi.eventHub.emit(PAGES_CHANGED_EVENT, info)).catch((error: Error) =>
      strapi.log.error(`[${PLUGIN_ID}] ${PAGES_CHANGED_EVENT} listener failed: ${error.message}`)
    );
    return info;
  };

  return {
    add(change: PagesChanged) {
      if (change.keys.length === 0 && change.paths.length === 0) return;
      if (!pending) {
        pending = { keys: new Set(), paths: new Set(), moved: new Map() };
        firstAt = Date.now();
      }
      for (const key of change.keys) pending.keys.add(key);
      for (const path of change.paths) pending.paths.add(path);
      for (const move of change.moved) pending.moved.set(`${move.documentId}:${move.locale ?? ''}:${move.from}`, move);
      const { coalesceMs, maxDelayMs } = settings();
      if (timer) clearTimeout(timer);
      const wait = Math.max(0, Math.min(coalesceMs, firstAt + maxDelayMs - Date.now()));
      root.runInAsyncScope(() => {
        timer = setTimeout(flush, wait);
        timer.unref();
      });
    },
    /** Sends what is pending now (shutdown). */
    flush,
  };
};
