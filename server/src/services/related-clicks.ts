import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { createHash } from 'node:crypto';

import type { PublicRelatedStory } from '../../../shared/contracts/public-api';
import type { relatedClickBody, storyQuery } from '../../../shared/schemas/public-api';
import { getConfig } from '../config';
import { TABLES } from '../models';
import { deleteStoryRows, localeKey, retryOnDeadlock } from '../utils/db';
import { fieldErrors, notFound } from '../utils/errors';
import { flushTimer } from '../utils/flush-timer';
import { keptLookups } from '../utils/kept';
import { getService } from '../utils/services';
import { LOOKUP_TTL_MS } from './views/lookup';
import { dayOf, relaxCommit } from './views/store';

type ClickBody = z.output<typeof relatedClickBody>;

/** One day row's key: story, day, entry, place and origin. */
export interface ClickRow {
  document_id: string;
  locale: string;
  day: number;
  entry: string;
  url: string | null;
  position: number;
  origin: string;
}

/** A click the story's list accepted. */
export interface ResolvedClick {
  story: { documentId: string; locale: string | null };
  entry: string;
  url: string | null;
  origin: 'editor' | 'suggested';
  position: number;
}

const ROW_KEY = ['document_id', 'locale', 'day', 'entry', 'position', 'origin'] as const;

/** Adds each row's clicks in `trx` (`clicks = clicks + n`, the row created on its first click). */
export const writeClicks = async (trx: Knex.Transaction, batch: Array<{ row: ClickRow; n: number }>) => {
  for (const { row, n } of batch) {
    await trx(TABLES.relatedClicks)
      .insert({ ...row, clicks: n })
      .onConflict([...ROW_KEY])
      .merge({ clicks: trx.raw('?? + ?', [`${TABLES.relatedClicks}.clicks`, n]) });
  }
};
const rowKey = (row: ClickRow) => ROW_KEY.map((column) => row[column]).join('\u0000');
/** External links are keyed by a hash: addresses can be longer than an index allows. */
export const urlEntry = (url: string) => `url:${createHash('sha256').update(url).digest('hex').slice(0, 40)}`;
export const storyEntry = (documentId: string) => `story:${documentId}`;

/**
 * Readers opening a story's related entries. Only entries on the story's published list (with its
 * suggestions when autoFill is on) are accepted; clicks are buffered like views and written as day
 * rows by `clicks = clicks + n`, on the same flush interval, and on shutdown.
 */
const relatedClicksService = ({ strapi }: { strapi: Core.Strapi }) => {
  const pending = new Map<string, { row: ClickRow; n: number }>();
  // Published lists kept like the views lookup: a click costs no SQL while its story's list is known.
  const lists = keptLookups<PublicRelatedStory[]>(LOOKUP_TTL_MS);
  const listOf = (story: ResolvedClick['story']) =>
    lists.get(`${story.documentId}\u0000${story.locale ?? ''}`, () =>
      getService(strapi, 'stories').findRelated(story.documentId, { locale: story.locale, lang: getConfig(strapi).defaultLocale })
    );

  const write = async (batch: Array<{ row: ClickRow; n: number }>) => {
    await strapi.db.transaction(async ({ trx }) => {
      await relaxCommit(strapi, trx);
      await writeClicks(trx, batch);
    });
  };

  const timer = flushTimer(strapi, 'related clicks', () => getConfig(strapi).views.flushIntervalMs, async () => {
    const batch = [...pending.values()];
    pending.clear();
    if (batch.length === 0) return;
    try {
      await retryOnDeadlock(strapi, () => write(batch));
    } catch (error) {
      for (const item of batch) service.add(item.row, item.n);
      throw error;
    }
  });

  const service = {
    /** The story and entry a click names, or a 400 naming the field when the entry is not on its public related list. */
    async resolve(slug: string, query: z.output<typeof storyQuery>, body: ClickBody): Promise<ResolvedClick> {
      const views = getService(strapi, 'views');
      // The default locale is resolved inside the lookup's statement; the list's membership does not depend on the display language.
      const story = await views.findPublished(slug, query.locale ?? null);
      const list = story && (await listOf(story));
      if (!story || !list) throw notFound(`No published story "${slug}"`);
      let index = -1;
      if (body.url !== undefined) index = list.findIndex((item) => item.external && item.url === body.url);
      else {
        const target = await views.findPublished(body.target as string, story.locale);
        if (target) index = list.findIndex((item) => !item.external && item.slug === target.slug);
        if (index >= 0 && target) return service.checked(story, list[index].suggested, storyEntry(target.documentId), null, body, list.length);
      }
      if (index < 0) throw fieldErrors([{ path: [body.url !== undefined ? 'url' : 'target'], rule: "is not on this story's related list" }]);
      return service.checked(story, list[index].suggested, urlEntry(body.url as string), body.url as string, body, list.length);
    },

    checked(story: ResolvedClick['story'], suggested: boolean, entry: string, url: string | null, body: ClickBody, length: number): ResolvedClick {
      const origin = suggested ? ('suggested' as const) : ('editor' as const);
      if (body.origin !== origin) throw fieldErrors([{ path: ['origin'], rule: `must be "${origin}": that is how this entry came onto the list` }]);
      if (body.position > length) throw fieldErrors([{ path: ['position'], rule: `must be from 1 to ${length}, the length of this story's related list` }]);
      return { story, entry, url, origin, position: body.position };
    },

    /** Counts a resolved click unless the reader's last one on the same entry is within the dedupe window. */
    async record(click: ResolvedClick, reader: () => string): Promise<boolean> {
      const key = { document_id: click.story.documentId, locale: localeKey(click.story.locale), entry: click.entry };
      const counters = getService(strapi, 'counters');
      const shared = await counters.click({ ...key, day: dayOf(Date.now()), url: click.url, position: click.position, origin: click.origin }, reader);
      if (shared !== null) return shared;
      counters.countedAside();
      const counted = await getService(strapi, 'views').firstInWindow(TABLES.clickHits, () => ({ ...key, client: reader() }));
      if (!counted) return false;
      const row: ClickRow = { ...key, day: dayOf(Date.now()), url: click.url, position: click.position, origin: click.origin };
      if (timer.stopped || getConfig(strapi).views.flushIntervalMs === 0) await retryOnDeadlock(strapi, () => write([{ row, n: 1 }]));
      else service.add(row, 1);
      return true;
    },

    add(row: ClickRow, n: number) {
      const key = rowKey(row);
      const known = pending.get(key);
      if (known) known.n += n;
      else pending.set(key, { row, n });
      timer.schedule();
    },

    flush: () => timer.flush(),
    stop: () => timer.stop(),

    /** A story or its list was written here: the next click reads the published list afresh. */
    forgetLists: () => lists.clear(),

    /** Forgets the clicks on a deleted story ('*': every locale). */
    async forget(documentId: string, locale: string | '*') {
      await deleteStoryRows(strapi, [TABLES.relatedClicks, TABLES.clickHits], documentId, locale);
    },
  };
  return service;
};

export type RelatedClicksService = ReturnType<typeof relatedClicksService>;
export default relatedClicksService;
