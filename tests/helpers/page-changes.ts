import type { Core } from '@strapi/strapi';

import { PAGES_CHANGED_EVENT } from '../../shared/manifest';
import type { PagesChanged } from '../../server/src/services/pages/notifier';

/** A story page as a reader got it: what it showed (views aside: they may lag) and the keys it was tagged with. */
export interface PageState {
  path: string | null;
  shown: string | null;
  keys: string[];
}

export const GONE: PageState = { path: null, shown: null, keys: [] };

/** What a public story answer shows, without its view count (a view is not a change a page is announced for). */
export const pageState = (path: string, res: { status: number; body: { data?: Record<string, unknown> }; headers: Record<string, string> }): PageState => {
  if (res.status !== 200 || !res.body.data) return GONE;
  const { views: _views, ...shown } = res.body.data;
  return { path, shown: JSON.stringify(shown), keys: (res.headers['cache-tag'] ?? '').split(',').filter(Boolean) };
};

/** Every `newsroom.pages.changed` event (the webhook's payload) since the last `take`. */
export const watchPageChanges = (strapi: Core.Strapi) => {
  let seen: PagesChanged[] = [];
  strapi.eventHub.on(PAGES_CHANGED_EVENT, async (info: PagesChanged) => {
    seen.push(info);
  });
  return {
    /** Sends what the plugin holds back for coalescing, then answers every key and path announced. */
    async take() {
      strapi.plugin('newsroom').service('pages').flush();
      await new Promise((resolve) => setImmediate(resolve));
      const taken = seen;
      seen = [];
      return { keys: new Set(taken.flatMap((info) => info.keys)), paths: new Set(taken.flatMap((info) => info.paths)) };
    },
  };
};

/**
 * Compares a step's announcements with the story pages that really changed: `missing` lists changed pages that
 * neither their path nor any key they were tagged with reached; `needless` counts announced paths of unchanged pages.
 */
export const compareAnnounced = (before: Map<string, PageState>, after: Map<string, PageState>, announced: { keys: Set<string>; paths: Set<string> }) => {
  const missing: string[] = [];
  let changed = 0;
  let needless = 0;
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(id) ?? GONE;
    const now = after.get(id) ?? GONE;
    const reached = [old.path, now.path].some((path) => path !== null && announced.paths.has(path)) || old.keys.some((key) => announced.keys.has(key));
    if (old.shown !== now.shown || old.path !== now.path) {
      changed += 1;
      if (!reached) missing.push(`${id}: ${old.path ?? '(none)'} → ${now.path ?? '(none)'}`);
    } else if (now.path !== null && announced.paths.has(now.path)) needless += 1;
  }
  return { changed, missing, needless };
};
