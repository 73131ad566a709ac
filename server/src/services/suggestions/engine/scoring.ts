import type { SuggestionReason } from '../../../../../shared/contracts/suggestions';
import type { WeightedTerm } from '../text/analysis';
import type { TimeWindow } from './filters';

/**
 * How two stories are scored. Pure functions, shared by the per-story recompute (which reads the
 * index from the database) and the full reindex (which holds it in memory), so both give the same
 * list for the same archive on every database.
 *
 * A story is a set of features (see features.ts): text stems with their unit-vector weights, `#tag`
 * and `@correspondent`. For a story S and a candidate C:
 *
 *   rarity(f)  = ln(1 + N/df(f)) / ln(1 + N)           1 for a feature of one story, → 0 for one on all
 *   relevance  = Σ shared tags      W.tags · rarity²      (a tag on half the archive says little)
 *              + Σ shared people    W.correspondent · rarity
 *              + Σ shared stems     W.text · wS · wC · rarity²
 *   score      = relevance · (floor + (1 − floor) · 2^(−days apart / half-life))
 *
 * The score is symmetric (score(S, C) = score(C, S)), so a story published today can be placed in
 * the stored lists of the older stories it is close to without recomputing them.
 */

export type FeatureKind = 'text' | 'tag' | 'person';

export interface StoryFeatures {
  documentId: string;
  /** Locale key ('' without i18n). */
  locale: string;
  dateMs: number;
  /** Every feature, sorted by term. */
  features: WeightedTerm[];
}

export interface ScoringOptions {
  weights: { tags: number; correspondent: number; text: number };
  recencyHalfLifeDays: number;
  recencyFloor: number;
  minScore: number;
  /** Suggestions stored per story. */
  stored: number;
  /** Only stories in this window are scored (read-time filters apply it too). */
  window?: TimeWindow;
  /** Lists are read in shared-neighbour order (no score uses it: a write announces the pages whose order it moved). */
  neighbourOrder?: boolean;
}

export interface IndexStats {
  /** Indexed stories in the locale. */
  n: number;
  df: (term: string) => number;
}

/** A feature of the story chosen to find candidates. */
export interface PlannedFeature {
  term: string;
  kind: FeatureKind;
  weight: number;
  rarity: number;
  /** Too common to read whole: only the stories nearest in time are read (POSTINGS_HALF each side). */
  capped: boolean;
}

export interface ScoredStory {
  documentId: string;
  dateMs: number;
  score: number;
  /** Reasons as the story's own editors read them. */
  reasons: SuggestionReason[];
}

/**
 * Text features of a story used to find candidates: the strongest ones (tags and bylines come on top).
 * 24, not 12: a retelling that shares only the story's weaker words (a district, a date) was never found.
 */
export const QUERY_FEATURES = 24;
/** A feature held by more stories than this is read around the story's date only. */
export const POSTINGS_CAP = 240;
export const POSTINGS_HALF = POSTINGS_CAP / 2;
/** Candidates scored exactly, out of all stories that share a query feature. */
export const CANDIDATES = 100;

const DAY_MS = 24 * 3600 * 1000;

export const featureKind = (term: string): FeatureKind => (term.startsWith('#') ? 'tag' : term.startsWith('@') ? 'person' : 'text');

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const rarity = (df: number, n: number): number => {
  if (n <= 1) return 1;
  return Math.min(1, Math.log(1 + n / Math.max(1, df)) / Math.log(1 + n));
};

export const contribution = (kind: FeatureKind, sourceWeight: number, candidateWeight: number, r: number, options: ScoringOptions): number => {
  if (kind === 'tag') return options.weights.tags * r * r;
  if (kind === 'person') return options.weights.correspondent * r;
  // (wS · wC) first: IEEE multiplication commutes but does not associate, and the score must be symmetric to the bit.
  return options.weights.text * (sourceWeight * candidateWeight) * r * r;
};

export const recencyFactor = (deltaMs: number, options: ScoringOptions): number => {
  const days = Math.abs(deltaMs) / DAY_MS;
  return options.recencyFloor + (1 - options.recencyFloor) * Math.pow(2, -days / options.recencyHalfLifeDays);
};

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/**
 * The features that find candidates: every tag and byline the story shares with another story (an
 * editor's signal, and few), plus the QUERY_FEATURES text words with the most to contribute. A
 * feature no other story holds finds nobody, so it never takes a slot: `selfCounted` says whether
 * the story itself is in `stats` (indexed) or not (a draft scored live).
 */
export const planQuery = (story: StoryFeatures, stats: IndexStats, options: ScoringOptions, selfCounted = true): PlannedFeature[] => {
  const features = story.features
    .filter((feature) => stats.df(feature.term) > (selfCounted ? 1 : 0))
    .map((feature) => {
      const kind = featureKind(feature.term);
      const df = stats.df(feature.term);
      const r = rarity(df, stats.n);
      return { term: feature.term, kind, weight: feature.weight, rarity: r, capped: df > POSTINGS_CAP, potential: contribution(kind, feature.weight, 1, r, options) };
    })
    .filter((feature) => feature.potential > 0);
  const words = features
    .filter((feature) => feature.kind === 'text')
    .sort((a, b) => b.potential - a.potential || compareIds(a.term, b.term))
    .slice(0, QUERY_FEATURES);
  return [...features.filter((feature) => feature.kind !== 'text'), ...words]
    .sort((a, b) => compareIds(a.term, b.term))
    .map(({ potential: _potential, ...feature }) => feature);
};

/**
 * Keeps the `limit` best of a stream of candidates (score desc, documentId asc) without sorting
 * the whole stream: thousands of stories share a feature, a few hundred are kept.
 */
export class TopList<T extends { documentId: string }> {
  private readonly items: Array<{ item: T; score: number }> = [];

  constructor(private readonly limit: number) {}

  private better(a: { item: T; score: number }, b: { item: T; score: number }) {
    return a.score > b.score || (a.score === b.score && a.item.documentId < b.item.documentId);
  }

  offer(item: T, score: number) {
    const entry = { item, score };
    if (this.items.length >= this.limit && !this.better(entry, this.items[this.items.length - 1])) return;
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.better(this.items[middle], entry)) low = middle + 1;
      else high = middle;
    }
    this.items.splice(low, 0, entry);
    if (this.items.length > this.limit) this.items.pop();
  }

  values(): T[] {
    return this.items.map((entry) => entry.item);
  }
}

/** The rank of a candidate from the features it was found by: partial relevance times recency. */
export const candidateRank = (partial: number, deltaMs: number, options: ScoringOptions) => partial * recencyFactor(deltaMs, options);

const daysLabel = (days: number) => {
  if (days === 0) return 'same day';
  if (days === 1) return '1 day apart';
  if (days < 60) return `${days} days apart`;
  if (days < 730) return `${Math.round(days / 30)} months apart`;
  return `${Math.round(days / 365)} years apart`;
};

/** Per-story constants of the exact scoring: each feature's kind and rarity, looked up once. */
export interface PreparedStory {
  story: StoryFeatures;
  kinds: FeatureKind[];
  rarities: number[];
}

export const prepareStory = (story: StoryFeatures, stats: IndexStats): PreparedStory => ({
  story,
  kinds: story.features.map((feature) => featureKind(feature.term)),
  rarities: story.features.map((feature) => rarity(stats.df(feature.term), stats.n)),
});

/** A candidate as the exact scoring sees it: `weights[i]` is its weight for the story's i-th feature (undefined: not shared). */
export interface CandidateVector {
  documentId: string;
  dateMs: number;
  weights: ArrayLike<number | undefined>;
  /** The candidate's own words for the shared features (for reasons written from its side). */
  words: ArrayLike<string | undefined>;
}

/** The exact score of a candidate, rounded to 6 decimals (so every database sorts it alike); null below `minScore`. */
export const scoreCandidate = (prepared: PreparedStory, candidate: CandidateVector, options: ScoringOptions): number | null => {
  const { story, kinds, rarities } = prepared;
  let relevance = 0;
  for (let index = 0; index < story.features.length; index += 1) {
    const candidateWeight = candidate.weights[index];
    if (candidateWeight === undefined) continue;
    relevance += contribution(kinds[index], story.features[index].weight, candidateWeight, rarities[index], options);
  }
  if (relevance <= 0) return null;
  const score = round(relevance * recencyFactor(story.dateMs - candidate.dateMs, options), 6);
  return score < options.minScore ? null : score;
};

/** The reasons of a scored candidate, in the story's words or (`theirs`) in the candidate's. */
export const explainCandidate = (prepared: PreparedStory, candidate: CandidateVector, options: ScoringOptions, theirs = false): SuggestionReason[] => {
  const { story, kinds, rarities } = prepared;
  const parts: Array<{ kind: FeatureKind; word: string; value: number }> = [];
  story.features.forEach((feature, index) => {
    const candidateWeight = candidate.weights[index];
    if (candidateWeight === undefined) return;
    const word = (theirs ? candidate.words[index] : undefined) ?? feature.word;
    parts.push({ kind: kinds[index], word, value: contribution(kinds[index], feature.weight, candidateWeight, rarities[index], options) });
  });
  const deltaMs = story.dateMs - candidate.dateMs;
  return explain(parts, deltaMs, recencyFactor(deltaMs, options));
};

/** Tags, people and the strongest shared words, strongest first; the time apart last. */
const explain = (parts: Array<{ kind: FeatureKind; word: string; value: number }>, deltaMs: number, factor: number): SuggestionReason[] => {
  const byValue = (a: { value: number; word: string }, b: { value: number; word: string }) => b.value - a.value || compareIds(a.word, b.word);
  const reasons: Array<SuggestionReason & { weight: number }> = [];
  for (const part of parts.filter((p) => p.kind === 'tag').sort(byValue)) {
    reasons.push({ kind: 'tag', tag: part.word, label: `tag: ${part.word}`, weight: round(part.value, 4) });
  }
  for (const part of parts.filter((p) => p.kind === 'person').sort(byValue)) {
    reasons.push({ kind: 'correspondent', name: part.word, label: `same correspondent: ${part.word}`, weight: round(part.value, 4) });
  }
  const text = parts.filter((p) => p.kind === 'text').sort(byValue);
  if (text.length > 0) {
    const words = text.slice(0, 3).map((p) => p.word);
    const total = text.reduce((sum, p) => sum + p.value, 0);
    reasons.push({ kind: 'text', words, label: `similar text: ${words.join(', ')}`, weight: round(total, 4) });
  }
  reasons.sort((a, b) => b.weight - a.weight);
  const days = Math.round(Math.abs(deltaMs) / DAY_MS);
  return [...reasons, { kind: 'time', days, label: daysLabel(days), factor: round(factor, 4) }];
};
