/**
 * Precision of the scorer without a database: the same features (featuresOf) and the same list
 * computation (computeList) as the plugin, over an in-memory source. For trying scorer changes in
 * seconds; the figures that count are the ones `npm run bench:suggest` takes through Strapi.
 */
import { computeList, type CandidateSource } from '../../server/src/services/suggestions/engine/compute';
import type { Posting } from '../../server/src/services/suggestions/engine/db-source';
import { featuresOf, type IndexedStory } from '../../server/src/services/suggestions/engine/features';
import { rerankByNeighbours, topNeighbours, type RankedEntry } from '../../server/src/services/suggestions/engine/neighbours';
import type { ScoringOptions } from '../../server/src/services/suggestions/engine/scoring';
import { generateArchive, precisionAtK, toBlocks } from '../../tests/helpers/news-archive';
import { kOf, type RealNewsArchive } from '../../tests/helpers/real-news';

export const DEFAULT_OPTIONS: ScoringOptions = {
  weights: { tags: 1, correspondent: 0.15, text: 4 },
  recencyHalfLifeDays: 30,
  recencyFloor: 0.25,
  minScore: 0.02,
  stored: 12,
};

interface Doc {
  key: string;
  locale: string;
  story: IndexedStory;
}

/** Each story's list of keys, best first, computed per locale as a full reindex would. */
const listsOf = async (docs: Doc[], options: ScoringOptions, rerank: boolean) => {
  const lists = new Map<string, RankedEntry[]>();
  for (const locale of new Set(docs.map((doc) => doc.locale))) {
    const here = docs.filter((doc) => doc.locale === locale);
    const df = new Map<string, number>();
    const postings = new Map<string, Posting[]>();
    for (const doc of here) {
      for (const feature of doc.story.features) {
        df.set(feature.term, (df.get(feature.term) ?? 0) + 1);
        postings.set(feature.term, [...(postings.get(feature.term) ?? []), { documentId: doc.key, term: feature.term, weight: feature.weight, dateMs: doc.story.dateMs }]);
      }
    }
    const stats = { n: here.length, df: (term: string) => df.get(term) ?? 0 };
    const source: CandidateSource = {
      postings: async (planned) => planned.flatMap((feature) => postings.get(feature.term) ?? []),
      overlaps: async (ids, terms) => {
        const wanted = new Set(ids);
        return terms.flatMap((term) => (postings.get(term) ?? []).filter((posting) => wanted.has(posting.documentId)));
      },
    };
    for (const doc of here) {
      const { list } = await computeList(doc.story, stats, source, options);
      lists.set(doc.key, list);
    }
  }
  return rerank ? rerankLists(lists) : new Map([...lists].map(([key, list]) => [key, list.map((item) => item.documentId)]));
};

/** Every list in shared-neighbour order, as the plugin reads its stored lists (engine/neighbours.ts). */
const rerankLists = (lists: Map<string, RankedEntry[]>) => {
  const neighbours = new Map([...lists].map(([key, list]) => [key, topNeighbours(list)]));
  return new Map([...lists].map(([key, list]) => [key, rerankByNeighbours(key, list, (id) => neighbours.get(id) ?? []).map(({ entry }) => entry.documentId)]));
};

export interface OfflineReport {
  precision: number;
  stories: number;
  events: Array<{ event: string; precision: number; stories: number }>;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Dates moved linearly into `days` from the earliest (order and relative gaps kept): an archive whose
 * stories all sit close in time, where the recency decay cannot tell events apart. Undefined: as given.
 */
export const squeezeDates = (dates: number[], days?: number): number[] => {
  if (days === undefined || dates.length === 0) return dates;
  const [first, last] = [Math.min(...dates), Math.max(...dates)];
  const scale = last > first ? (days * DAY_MS) / (last - first) : 0;
  return dates.map((date) => first + Math.round((date - first) * scale));
};

/** precision@k (k = min(5, the event's stories − 1)) of a real-news archive, tags stripped; `squeezeDays`: see squeezeDates. */
export const offlineRealPrecision = async (archive: RealNewsArchive, options = DEFAULT_OPTIONS, keepTags = false, squeezeDays?: number, rerank = false): Promise<OfflineReport> => {
  const dates = squeezeDates(archive.items.map((item) => Date.parse(item.publishedAt)), squeezeDays);
  const docs = archive.items.map((item, at): Doc => ({
    key: item.key,
    locale: item.language,
    story: { ...featuresOf({ id: 0, documentId: item.key, locale: item.language, title: item.title, lead: item.lead, body: toBlocks(item.paragraphs), tags: keepTags ? item.tags : [], dateMs: dates[at], people: item.correspondent ? [{ documentId: item.correspondent, name: item.correspondent }] : [] }), documentId: item.key },
  }));
  const lists = await listsOf(docs, options, rerank);
  const byKey = new Map(archive.items.map((item) => [item.key, item]));
  const groups = new Map<string, number[]>();
  const all: number[] = [];
  for (const item of archive.items) {
    const k = kOf(archive, item);
    if (item.event === null || k === 0) continue;
    const hits = (lists.get(item.key) ?? []).slice(0, k).filter((key) => byKey.get(key)?.event === item.event).length;
    const group = `${item.event}${item.language === 'ru' ? '' : ` (${item.language})`}`;
    groups.set(group, [...(groups.get(group) ?? []), hits / k]);
    all.push(hits / k);
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    precision: mean(all),
    stories: all.length,
    events: [...groups.entries()].map(([event, values]) => ({ event, precision: mean(values), stories: values.length })).sort((a, b) => a.precision - b.precision),
  };
};

/** precision@5 on the synthetic archive of `size` stories (the bench's seed); `squeezeDays`: see squeezeDates. */
export const offlineSyntheticPrecision = async (size = 1000, options = DEFAULT_OPTIONS, squeezeDays?: number, rerank = false) => {
  const archive = generateArchive({ stories: size, seed: size, correspondents: 12 });
  const dates = squeezeDates(archive.stories.map((story) => story.dateMs), squeezeDays);
  const docs = archive.stories.map((story, at): Doc => ({
    key: story.key,
    locale: 'ru',
    story: { ...featuresOf({ id: 0, documentId: story.key, locale: 'ru', title: story.title, lead: story.lead, body: toBlocks(story.paragraphs), tags: story.tags, dateMs: dates[at], people: [{ documentId: `c${story.correspondent}`, name: `c${story.correspondent}` }] }), documentId: story.key },
  }));
  const lists = await listsOf(docs, options, rerank);
  return precisionAtK(archive.stories, (story) => lists.get(story.key) ?? [], 5);
};
