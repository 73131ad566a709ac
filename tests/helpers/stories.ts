import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import type { RelatedEntryInput } from '../../shared/contracts/related-stories';
import { HOOK_EVENT, type HookEvent } from '../../server/src/documents/after-write';

export const LOCALE = 'ru';

export interface StoryInput {
  title: string;
  slug?: string | null;
  lead?: string;
  tags?: string[];
  publicationDate?: string | null;
  views?: number;
  correspondents?: string[];
}

/** Creates a story through the Document Service, published unless `publish: false`. */
export const createStory = async (strapi: Core.Strapi, input: StoryInput, options: { publish?: boolean; locale?: string } = {}) => {
  const { correspondents, ...data } = input;
  return strapi.documents(UIDS.article).create({
    locale: options.locale ?? LOCALE,
    status: options.publish === false ? 'draft' : 'published',
    data: {
      ...data,
      ...(correspondents ? { correspondents: { set: correspondents.map((documentId) => ({ documentId })) } } : {}),
    } as never,
  });
};

export const createCorrespondent = (strapi: Core.Strapi, data: { name: string; role?: string; email?: string; slug?: string }) =>
  strapi.documents(UIDS.correspondent).create({ data });

export const related = (strapi: Core.Strapi) => strapi.plugin('newsroom').service('related-stories');

/** Saves a draft list without a revision check, as other server code may. */
export const setRelated = (strapi: Core.Strapi, documentId: string, entries: RelatedEntryInput[], locale = LOCALE) =>
  related(strapi).replaceDraft({ documentId, locale }, entries);

export const publish = (strapi: Core.Strapi, documentId: string, locale = LOCALE) =>
  strapi.documents(UIDS.article).publish({ documentId, locale });

/** Every row of the plugin's related-link table, for before/after comparisons. */
export const snapshotLinks = async (strapi: Core.Strapi) =>
  strapi.db.query(UIDS.relatedLink).findMany({ orderBy: [{ id: 'asc' }], select: ['id', 'article', 'articleLocale', 'version', 'position', 'target', 'url', 'label'] });

/** Collects the plugin's hook events while `work` runs. */
export const hookEventsDuring = async (strapi: Core.Strapi, work: () => Promise<unknown>): Promise<HookEvent[]> => {
  const events: HookEvent[] = [];
  const subscriber = (name: string, event: HookEvent) => {
    if (name === HOOK_EVENT) events.push(event);
  };
  strapi.eventHub.subscribe(subscriber as never);
  try {
    await work();
  } finally {
    strapi.eventHub.unsubscribe(subscriber as never);
  }
  return events;
};

/** Resolves once no SQL query has run for `quietMs` (background jobs of earlier writes are done). */
export const databaseIdle = async (strapi: Core.Strapi, quietMs = 300, timeoutMs = 15000) => {
  let last = Date.now();
  const listener = () => {
    last = Date.now();
  };
  strapi.db.connection.on('query', listener);
  const started = Date.now();
  try {
    while (Date.now() - last < quietMs && Date.now() - started < timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    strapi.db.connection.off('query', listener);
  }
};

/** Resolves with `read()`'s value once `done` holds for it (checked every 25 ms); throws with the last value after `timeoutMs`. */
export const pollUntil = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15000): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met after ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
