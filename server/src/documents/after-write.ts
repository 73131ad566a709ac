import type { Core } from '@strapi/strapi';

import { PLUGIN_ID, UIDS } from '../../../shared/manifest';
import type { PagesBefore } from '../services/pages';
import type { PublicStory } from '../services/pages/snapshot';
import type { IndexScope } from '../services/search-index';
import { getService } from '../utils/services';

/** Emitted once per document action the plugin's hooks handled; tests and log shippers listen to it. */
export const HOOK_EVENT = `${PLUGIN_ID}.hook`;

export interface HookEvent {
  action: string;
  documentId: string;
  locale: string | null;
  uid?: string;
  /** What readers saw before a write that may change public pages (services/pages); absent for draft-only writes. */
  pages?: PagesBefore;
  /** What the write could change of the editors' search index (all of the story's rows when absent). */
  index?: IndexScope;
  /** The story's published versions after the write, when its hooks already read them (`pages` then reads none). */
  published?: PublicStory[];
}

/**
 * The last step of every write the plugin's hooks handled, inside its transaction: the editors'
 * search index follows the story (unless it is gone), the public pages it changed are dropped from
 * the cache and announced once it commits, then listeners hear of the action.
 */
export const afterWrite = async (strapi: Core.Strapi, event: HookEvent) => {
  const uid = event.uid ?? UIDS.article;
  if (uid === UIDS.article && event.action !== 'delete' && event.action !== 'deleteMany') await getService(strapi, 'search-index').refresh(event.documentId, event.index);
  if (event.pages) await getService(strapi, 'pages').changed(event.pages, event.documentId, event.published);
  // Winston formats a line (timestamp, colours) before its transports drop it: a debug line costs that on every write unless asked for.
  if (strapi.log.isDebugEnabled()) strapi.log.debug(`[${PLUGIN_ID}] ${uid} ${event.action} ${event.documentId} (${event.locale ?? '-'})`);
  const { pages: _pages, index: _index, published: _published, ...announced } = event;
  void strapi.eventHub.emit(HOOK_EVENT, announced);
};
