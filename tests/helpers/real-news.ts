/**
 * The real-news archive (tests/fixtures/real-news): Russian and Kazakh retellings of real events by
 * several outlets, distractor events that share their vocabulary, and unrelated stories. This module
 * loads it, seeds it into a running Strapi through the Document Service (as editors publish), and
 * measures the stored suggestion lists against the known events. Used by the quality test and by
 * `npm run bench:suggest`.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import { z } from 'zod';

import { UIDS } from '../../shared/manifest';
import type { NewsroomConfig } from '../../server/src/config';
import type { SuggestionsService } from '../../server/src/services/suggestions/index';
import { readStored } from '../../server/src/services/suggestions/engine/read';
import { toBlocks } from './news-archive';
import { REPO } from './paths';

export const REAL_NEWS_DIR = path.join(REPO, 'tests', 'fixtures', 'real-news');
/** The held-out archive: events written after the scorer's tuning, never looked at while tuning it. */
export const HELD_OUT_DIR = path.join(REPO, 'tests', 'fixtures', 'real-news-heldout');
/** The second held-out archive: written after the first had been measured, before the changes tuned with it. */
export const HELD_OUT_2_DIR = path.join(REPO, 'tests', 'fixtures', 'real-news-heldout-2');
/** The third held-out archive: written after the text-only changes of issue 17 were chosen, measured once as a fresh check. */
export const HELD_OUT_3_DIR = path.join(REPO, 'tests', 'fixtures', 'real-news-heldout-3');

/** The largest k: a story's top 5 is what the panel and the public autoFill show first. */
export const MAX_K = 5;
/** Stored suggestions read per story for the diagnostics (the plugin stores 12 by default). */
const LIST_READ = 12;

const sourceSchema = z.strictObject({ outlet: z.string().min(1), url: z.url() });

const itemSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/),
  event: z.string().regex(/^[a-z0-9-]+$/).nullable(),
  outlet: z.string().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  title: z.string().min(1).max(255),
  lead: z.string().min(1).max(2000),
  paragraphs: z.array(z.string().min(1)).min(1),
  tags: z.array(z.string().min(1)),
  correspondent: z.string().min(1).nullable(),
  language: z.enum(['ru', 'kk']),
  sources: z.array(sourceSchema).min(1),
});

const eventSchema = z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), summary: z.string().min(1) });

const fileSchema = z.strictObject({ items: z.array(itemSchema) });
const eventsFileSchema = z.strictObject({ events: z.array(eventSchema) });

export type RealNewsItem = z.infer<typeof itemSchema>;
export type RealNewsEvent = z.infer<typeof eventSchema>;

export interface RealNewsArchive {
  items: RealNewsItem[];
  events: Map<string, RealNewsEvent>;
}

/** Reads every item file and `events.json`; refuses duplicate keys and items naming an event `events.json` does not describe. */
export const loadRealNews = (dir = REAL_NEWS_DIR): RealNewsArchive => {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'events.json').sort();
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as unknown;
  const items = files.flatMap((name) => {
    const parsed = fileSchema.safeParse(read(name));
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return parsed.data.items;
  });
  const events = new Map(eventsFileSchema.parse(read('events.json')).events.map((event) => [event.id, event]));
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) throw new Error(`real-news: duplicate key ${item.key}`);
    seen.add(item.key);
    if (item.event !== null && !events.has(item.event)) throw new Error(`real-news: ${item.key} names event ${item.event}, which events.json does not describe`);
  }
  return { items, events };
};

/** The stories a story should find: the same event in the same language (lists never cross locales). */
const peersOf = (archive: RealNewsArchive, item: RealNewsItem) =>
  item.event === null ? [] : archive.items.filter((other) => other !== item && other.event === item.event && other.language === item.language);

/** k for one story: min(MAX_K, its event's stories in its language − 1); 0 means not measured. */
export const kOf = (archive: RealNewsArchive, item: RealNewsItem) => Math.min(MAX_K, peersOf(archive, item).length);

/** Publishes the archive through the Document Service with its correspondents; answers key → documentId. */
export const seedRealNews = async (strapi: Core.Strapi, archive: RealNewsArchive): Promise<Map<string, string>> => {
  const people = new Map<string, string>();
  for (const name of new Set(archive.items.map((item) => item.correspondent).filter((name): name is string => name !== null))) {
    people.set(name, (await strapi.documents(UIDS.correspondent).create({ data: { name } })).documentId);
  }
  const ids = new Map<string, string>();
  for (const item of archive.items) {
    const created = await strapi.documents(UIDS.article).create({
      locale: item.language,
      status: 'published',
      data: {
        title: item.title,
        lead: item.lead,
        body: toBlocks(item.paragraphs),
        tags: item.tags,
        source: item.outlet,
        publicationDate: item.publishedAt,
        correspondents: { set: item.correspondent === null ? [] : [{ documentId: people.get(item.correspondent) as string }] },
      } as never,
    });
    ids.set(item.key, created.documentId);
  }
  return ids;
};

/** Removes every story's tags as an editor would (published edit), to measure what text and bylines find alone. */
export const stripTags = async (strapi: Core.Strapi, archive: RealNewsArchive, ids: Map<string, string>) => {
  for (const item of archive.items.filter((entry) => entry.tags.length > 0)) {
    await strapi.documents(UIDS.article).update({ documentId: ids.get(item.key) as string, locale: item.language, status: 'published', data: { tags: [] } as never });
  }
};

/** Lets the publish-time queue settle, then recomputes the whole archive so lists do not depend on publish order. */
export const reindexArchive = async (strapi: Core.Strapi) => {
  const suggestions = strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
  await suggestions.idle();
  await suggestions.reindex({ fresh: true });
};

export interface ListedStory {
  key: string;
  event: string | null;
  score: number;
  /** The reasons as the panel prints them, e.g. "similar text: паводок, кульсары". */
  reasons: string[];
  /** The shared words behind the text reason, strongest first. */
  words: string[];
}

export interface StoryQuality {
  key: string;
  event: string;
  language: RealNewsItem['language'];
  k: number;
  precision: number;
  /** The stored list, best first (up to LIST_READ entries). */
  list: ListedStory[];
}

export interface EventQuality {
  /** The event id, with " (kk)" for its Kazakh-language stories. */
  event: string;
  summary: string;
  stories: number;
  k: number;
  precision: number;
  /** Stories of other events or unrelated ones in this event's top-k lists, commonest first, with the words that carried them. */
  intruders: Array<{ event: string | null; count: number; words: string[] }>;
}

export interface QualityReport {
  /** Mean precision@k over every measured story. */
  precision: number;
  stories: number;
  /** The distinct k values used. */
  ks: number[];
  /** Worst first. */
  events: EventQuality[];
  /** Share of measured stories with an unrelated (event-less) story in their top k. */
  unrelatedShare: number;
  details: StoryQuality[];
}

/** Reads every event story's stored list and scores it against the known events. */
export const measureRealNews = async (strapi: Core.Strapi, archive: RealNewsArchive, ids: Map<string, string>): Promise<QualityReport> => {
  const byKey = new Map(archive.items.map((item) => [item.key, item]));
  const byId = new Map([...ids.entries()].map(([key, id]) => [id, byKey.get(key) as RealNewsItem]));
  const details: StoryQuality[] = [];
  for (const item of archive.items) {
    const k = kOf(archive, item);
    if (item.event === null || k === 0) continue;
    const stored = await readStored(strapi, strapi.db.connection, [ids.get(item.key) as string], item.language, { limit: LIST_READ });
    const list = stored.map((entry): ListedStory => ({
      key: byId.get(entry.documentId)?.key ?? entry.documentId,
      event: byId.get(entry.documentId)?.event ?? null,
      score: entry.score,
      reasons: entry.reasons.filter((reason) => reason.kind !== 'time').map((reason) => reason.label),
      words: entry.reasons.flatMap((reason) => (reason.kind === 'text' ? reason.words : [])),
    }));
    const hits = list.slice(0, k).filter((entry) => entry.event === item.event).length;
    details.push({ key: item.key, event: item.event, language: item.language, k, precision: hits / k, list });
  }
  const groups = new Map<string, StoryQuality[]>();
  for (const detail of details) groups.set(groupOf(detail), [...(groups.get(groupOf(detail)) ?? []), detail]);
  const events = [...groups.entries()]
    .map(([group, stories]): EventQuality => ({
      event: group,
      summary: archive.events.get(stories[0].event)?.summary ?? '',
      stories: stories.length,
      k: stories[0].k,
      precision: mean(stories.map((story) => story.precision)),
      intruders: intrudersOf(stories),
    }))
    .sort((a, b) => a.precision - b.precision || a.event.localeCompare(b.event));
  const withUnrelated = details.filter((detail) => detail.list.slice(0, detail.k).some((entry) => entry.event === null));
  return {
    precision: mean(details.map((detail) => detail.precision)),
    stories: details.length,
    ks: [...new Set(details.map((detail) => detail.k))].sort((a, b) => a - b),
    events,
    unrelatedShare: details.length === 0 ? 0 : withUnrelated.length / details.length,
    details,
  };
};

/** Which other events' stories took top-k places in these stories' lists, and through which words. */
const intrudersOf = (stories: StoryQuality[]): EventQuality['intruders'] => {
  const found = new Map<string | null, { count: number; words: Map<string, number> }>();
  for (const story of stories) {
    for (const entry of story.list.slice(0, story.k).filter((listed) => listed.event !== story.event)) {
      const intruder = found.get(entry.event) ?? { count: 0, words: new Map<string, number>() };
      intruder.count += 1;
      for (const word of entry.words) intruder.words.set(word, (intruder.words.get(word) ?? 0) + 1);
      found.set(entry.event, intruder);
    }
  }
  return [...found.entries()]
    .sort((a, b) => b[1].count - a[1].count || String(a[0]).localeCompare(String(b[0])))
    .map(([event, intruder]) => ({ event, count: intruder.count, words: commonest(intruder.words) }));
};

const groupOf = (story: { event: string | null; language: string }) => `${story.event}${story.language === 'ru' ? '' : ` (${story.language})`}`;

const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

const commonest = (counts: Map<string, number>, limit = 5) =>
  [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([word]) => word);

export interface ArchiveQuality {
  withTags: QualityReport;
  withoutTags: QualityReport;
  /** Tags stripped and no recency decay: what the text alone finds when dates do not keep events apart. */
  withoutTagsOrRecency?: QualityReport;
}

/**
 * The whole measurement on a fresh instance: publish the archive, reindex, measure; strip the tags,
 * reindex, measure again (and, with `recencyOff`, once more with every story scored as if published
 * the same day). The instance's suggestion config is put back afterwards.
 */
export const measureArchiveQuality = async (strapi: Core.Strapi, options: { archive?: RealNewsArchive; recencyOff?: boolean } = {}): Promise<ArchiveQuality> => {
  const archive = options.archive ?? loadRealNews();
  const ids = await seedRealNews(strapi, archive);
  await reindexArchive(strapi);
  const withTags = await measureRealNews(strapi, archive, ids);
  await stripTags(strapi, archive, ids);
  await reindexArchive(strapi);
  const withoutTags = await measureRealNews(strapi, archive, ids);
  if (!options.recencyOff) return { withTags, withoutTags };
  const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
  strapi.config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, recencyFloor: 1 } });
  try {
    await reindexArchive(strapi);
    return { withTags, withoutTags, withoutTagsOrRecency: await measureRealNews(strapi, archive, ids) };
  } finally {
    strapi.config.set('plugin::newsroom', config);
  }
};

/** Lines for a console: the figure, the k used, and the `worst` weakest events with what crowded into them. */
export const describeQuality = (label: string, report: QualityReport, worst = 3): string[] => {
  const ks = report.ks.length === 1 ? String(report.ks[0]) : `${report.ks[0]}–${report.ks[report.ks.length - 1]}`;
  const lines = [
    `${label}: precision@k ${report.precision.toFixed(3)} over ${report.stories} stories in ${report.events.length} events (k = min(${MAX_K}, the event's stories − 1) = ${ks}); an unrelated story in the top k for ${(report.unrelatedShare * 100).toFixed(1)}% of stories`,
  ];
  for (const event of report.events.slice(0, worst)) {
    const crowd = event.intruders.slice(0, 3).map((intruder) => `${intruder.event ?? 'unrelated'} ×${intruder.count}${intruder.words.length > 0 ? ` (${intruder.words.join(', ')})` : ''}`);
    lines.push(`  worst: ${event.event} ${event.precision.toFixed(3)} (${event.stories} stories, k ${event.k}) — ${event.summary}${crowd.length > 0 ? `; crowded by ${crowd.join('; ')}` : ''}`);
  }
  return lines;
};
