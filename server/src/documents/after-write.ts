import type { Core } from '@strapi/strapi';

import { PLUGIN_ID, UIDS } from '../../../shared/manifest';
import { getService } from '../utils/services';

/** Emitted once per document action the plugin's hooks handled; tests and log shippers listen to it. */
export const HOOK_EVENT = `${PLUGIN_ID}.hook`;

export interface HookEvent {
  action: string;
  documentId: string;
  locale: string | null;
  uid?: string;
}

/**
 * The last step of every write the plugin's hooks handled, inside its transaction: the editors'
 * search index follows the story (unless it is gone), then listeners hear of the action.
 */
export const afterWrite = async (strapi: Core.Strapi, event: HookEvent) => {
  const uid = event.uid ?? UIDS.article;
  if (uid === UIDS.article && event.action !== 'delete' && event.action !== 'deleteMany') await getService(strapi, 'search-index').refresh(event.documentId);
  strapi.log.debug(`[${PLUGIN_ID}] ${uid} ${event.action} ${event.documentId} (${event.locale ?? '-'})`);
  void strapi.eventHub.emit(HOOK_EVENT, event);
};
