import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../shared/manifest';

/** Emitted once per document action the plugin's hooks handled; tests and log shippers listen to it. */
export const HOOK_EVENT = `${PLUGIN_ID}.hook`;

export interface HookEvent {
  action: string;
  documentId: string;
  locale: string | null;
  uid?: string;
}

export const emitHook = (strapi: Core.Strapi, event: HookEvent) => {
  strapi.log.debug(`[${PLUGIN_ID}] ${event.uid ?? 'article'} ${event.action} ${event.documentId} (${event.locale ?? '-'})`);
  void strapi.eventHub.emit(HOOK_EVENT, event);
};
