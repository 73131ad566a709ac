import fc from 'fast-check';

import { candidateVectors, scoreVectors, shortlist } from '../../server/src/services/suggestions/engine/compute';
import {
  QUERY_FEATURES,
  TopList,
  planQuery,
  prepareStory,
  rarity,
  recencyFactor,
  scoreCandidate,
  type IndexStats,
  type ScoringOptions,
  type StoryFeatures,
} from '../../server/src/services/suggestions/engine/scoring';

const options: ScoringOptions = { weights: { tags: 1, correspondent: 0.15, text: 4 }, recencyHalfLifeDays: 30, recencyFloor: 0.25, minScore: 0, stored: 12 };
const DAY = 24 * 3600 * 1000;

const story = (documentId: string, dateMs: number, features: Array<[string, number]>): StoryFeatures => ({
  documentId,
  locale: 'ru',
  dateMs,
  features: features.map(([term, weight]) => ({ term, weight, word: term.replace(/^[#@]/, '') })).sort((a, b) => (a.term < b.term ? -1 : 1)),
});

const statsOf = (stories: StoryFeatures[]): IndexStats => {
  const df = new Map<string, number>();
  for (const item of stories) for (const feature of item.features) df.set(feature.term, (df.get(feature.term) ?? 0) + 1);
  return { n: stories.length, df: (term) => df.get(term) ?? 0 };
};

const postingsOf = (stories: StoryFeatures[]) => stories.flatMap((item) => item.features.map((f) => ({ documentId: item.documentId, term: f.term, weight: f.weight, dateMs: item.dateMs, word: f.word })));

const score = (from: StoryFeatures, to: StoryFeatures, stats: IndexStats) => {
  const [vector] = candidateVectors(from, postingsOf([to])).values();
  return vector ? scoreCandidate(prepareStory(from, stats), vector, options) : null;
};

describe('scoring', () => {
  it('rates a feature by its rarity: 1 for one story, little for one on half the archive', () => {
    expect(rarity(1, 100000)).toBe(1);
    expect(rarity(50000, 100000)).toBeLessThan(0.1);
    expect(rarity(10, 100000)).toBeGreaterThan(rarity(1000, 100000));
    expect(rarity(5, 1)).toBe(1);
  });

  it('decays with the time apart down to the floor', () => {
    expect(recencyFactor(0, options)).toBe(1);
    expect(recencyFactor(30 * DAY, options)).toBeCloseTo(0.25 + 0.75 / 2, 10);
    expect(recencyFactor(-30 * DAY, options)).toBe(recencyFactor(30 * DAY, options));
    expect(recencyFactor(3650 * DAY, options)).toBeCloseTo(0.25, 6);
  });

  it('is symmetric: a story scores its neighbour as the neighbour scores it', () => {
    const feature = fc.tuple(fc.constantFrom('#оис', '#казахстан', '@anuar', 'безопасн', 'терроризм', 'саммит', 'астан', 'урожа'), fc.double({ min: 0.01, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(feature, { minLength: 1, maxLength: 6 }), fc.array(feature, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 400 }), (a, b, days) => {
        const dedupe = (list: Array<[string, number]>) => [...new Map(list).entries()];
        const s = story('s', 0, dedupe(a));
        const c = story('c', days * DAY, dedupe(b));
        const stats = statsOf([s, c, story('x', 0, [['#казахстан', 1]])]);
        expect(score(s, c, stats)).toBe(score(c, s, stats));
      })
    );
  });

  it('keeps the best of a stream whatever its order (TopList)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 60 }), (ids) => {
        const scored = ids.map((documentId, index) => ({ documentId, score: (index * 7) % 5 }));
        const expected = [...scored].sort((x, y) => y.score - x.score || (x.documentId < y.documentId ? -1 : 1)).slice(0, 5).map((x) => x.documentId);
        for (const order of [scored, [...scored].reverse()]) {
          const top = new TopList<{ documentId: string }>(5);
          for (const item of order) top.offer({ documentId: item.documentId }, item.score);
          expect(top.values().map((x) => x.documentId)).toEqual(expected);
        }
      })
    );
  });

  it('ranks a story sharing a rare tag and words above one sharing a common tag, recent above old', () => {
    const now = Date.UTC(2025, 8, 12);
    const archive = [
      story('s', now, [['#оис', 1], ['#казахстан', 1], ['безопасн', 0.7], ['терроризм', 0.7]]),
      story('close', now - 3 * DAY, [['#оис', 1], ['безопасн', 0.6], ['терроризм', 0.8]]),
      story('old', now - 700 * DAY, [['#оис', 1], ['безопасн', 0.6], ['терроризм', 0.8]]),
      story('common', now, [['#казахстан', 1], ['урожа', 1]]),
      ...Array.from({ length: 20 }, (_, i) => story(`k${i}`, now - i * DAY, [['#казахстан', 1], [`слово${i}`, 1]])),
    ];
    const stats = statsOf(archive);
    const [s] = archive;
    const planned = planQuery(s, stats, options);
    const candidates = shortlist(s, planned, postingsOf(archive.slice(1)), options);
    const list = scoreVectors(prepareStory(s, stats), candidateVectors(s, postingsOf(archive.slice(1))).values(), options, 3);
    expect(candidates.slice(0, 2)).toEqual(['close', 'old']);
    expect(list.map((item) => item.documentId)).toEqual(['close', 'old', 'common']);
    expect(list[0].reasons.map((reason) => reason.label)).toEqual(['similar text: терроризм, безопасн', 'tag: оис', '3 days apart']);
  });

  it('searches by every shared tag and byline, and by words another story holds: a long text never crowds them out', () => {
    const now = Date.UTC(2025, 8, 12);
    // Long text: 20 rare words of its own and more shared with one old story than the query takes, all stronger than the shared tag and byline.
    const own: Array<[string, number]> = Array.from({ length: 20 }, (_, i) => [`редк${i}`, 1]);
    const echoed: Array<[string, number]> = Array.from({ length: QUERY_FEATURES + 2 }, (_, i) => [`общ${String(i).padStart(2, '0')}`, 1]);
    const s = story('s', now, [...own, ...echoed, ['#оис', 1], ['@anuar', 1]]);
    const echo = story('echo', now - 900 * DAY, echoed);
    const sibling = story('sibling', now - 2 * DAY, [['#оис', 1], ['@anuar', 1], ['саммит', 1]]);
    const archive = [s, echo, sibling, ...Array.from({ length: 30 }, (_, i) => story(`n${i}`, now - i * DAY, [['#оис', 1], [`прочее${i}`, 1]]))];
    const stats = statsOf(archive);
    const planned = planQuery(s, stats, options).map((feature) => feature.term);
    expect(planned).toEqual(expect.arrayContaining(['#оис', '@anuar']));
    expect(planned.filter((term) => term.startsWith('редк'))).toEqual([]);
    expect(planned).toHaveLength(2 + QUERY_FEATURES);
    expect(shortlist(s, planQuery(s, stats, options), postingsOf(archive.slice(1)), options)).toContain('sibling');
    // A draft scored live is not in the index: its features count from 1 other story.
    const draftStats = statsOf(archive.slice(1));
    expect(planQuery(s, draftStats, options, false).map((feature) => feature.term)).toEqual(planned);
  });
});
