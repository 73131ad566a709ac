import { hasWindow, withinWindow } from './filters';
import type { Posting } from './db-source';
import {
  CANDIDATES,
  TopList,
  candidateRank,
  contribution,
  explainCandidate,
  planQuery,
  prepareStory,
  scoreCandidate,
  type CandidateVector,
  type IndexStats,
  type PreparedStory,
  type PlannedFeature,
  type ScoredStory,
  type ScoringOptions,
  type StoryFeatures,
} from './scoring';

/** Where candidates come from: the database (one story at a time) or memory (a full reindex). */
export interface CandidateSource {
  postings(planned: PlannedFeature[], story: StoryFeatures): Promise<Posting[]>;
  overlaps(documentIds: string[], terms: string[]): Promise<Posting[]>;
}

/** The CANDIDATES best stories by the features they were found by (partial relevance × recency). */
export const shortlist = (story: StoryFeatures, planned: PlannedFeature[], postings: Posting[], options: ScoringOptions): string[] => {
  const byTerm = new Map<string, Map<string, Posting>>();
  for (const posting of postings) {
    const holders = byTerm.get(posting.term) ?? new Map<string, Posting>();
    const seen = holders.get(posting.documentId);
    if (!seen || posting.weight > seen.weight) holders.set(posting.documentId, posting);
    byTerm.set(posting.term, holders);
  }
  const partial = new Map<string, { sum: number; dateMs: number }>();
  // Features in term order, so each candidate's sum adds up in the same order on every path.
  for (const feature of planned) {
    for (const posting of byTerm.get(feature.term)?.values() ?? []) {
      const entry = partial.get(posting.documentId) ?? { sum: 0, dateMs: posting.dateMs };
      entry.sum += contribution(feature.kind, feature.weight, posting.weight, feature.rarity, options);
      partial.set(posting.documentId, entry);
    }
  }
  const top = new TopList<{ documentId: string }>(CANDIDATES);
  for (const [documentId, entry] of partial) top.offer({ documentId }, candidateRank(entry.sum, story.dateMs - entry.dateMs, options));
  return top.values().map((entry) => entry.documentId);
};

/** Candidates' weights for the story's features, from their overlap rows. */
export const candidateVectors = (story: StoryFeatures, overlaps: Posting[]): Map<string, CandidateVector> => {
  const position = new Map(story.features.map((feature, index) => [feature.term, index]));
  const byDoc = new Map<string, CandidateVector & { weights: Array<number | undefined>; words: Array<string | undefined> }>();
  for (const row of overlaps) {
    const index = position.get(row.term);
    if (index === undefined || row.documentId === story.documentId) continue;
    let entry = byDoc.get(row.documentId);
    if (!entry) {
      entry = { documentId: row.documentId, dateMs: row.dateMs, weights: new Array<number | undefined>(story.features.length), words: new Array<string | undefined>(story.features.length) };
      byDoc.set(row.documentId, entry);
    }
    if (entry.weights[index] === undefined || row.weight > (entry.weights[index] ?? 0)) {
      entry.weights[index] = row.weight;
      entry.words[index] = row.word;
    }
  }
  return byDoc;
};

/**
 * Exact scores of candidate vectors, best first, the `keep` best with their reasons (`theirs`: in
 * the candidate's words, for placing the story in the candidate's own list).
 */
export const scoreVectors = (prepared: PreparedStory, vectors: Iterable<CandidateVector>, options: ScoringOptions, keep = Infinity, theirs = false): ScoredStory[] => {
  const scored: Array<{ vector: CandidateVector; score: number }> = [];
  for (const vector of vectors) {
    // The window seen from the list's owner: with `theirs` the candidate owns the list.
    const [ownerMs, candidateMs] = theirs ? [vector.dateMs, prepared.story.dateMs] : [prepared.story.dateMs, vector.dateMs];
    if (!withinWindow(options.window, ownerMs, candidateMs)) continue;
    const score = scoreCandidate(prepared, vector, options);
    if (score !== null) scored.push({ vector, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.vector.documentId < b.vector.documentId ? -1 : 1));
  return scored
    .slice(0, keep)
    .map(({ vector, score }) => ({ documentId: vector.documentId, dateMs: vector.dateMs, score, reasons: explainCandidate(prepared, vector, options, theirs) }));
};

/** Exact scores of candidates from their overlap rows (see scoreVectors); null for those not kept. */
export const exactScores = (
  story: StoryFeatures,
  documentIds: string[],
  overlaps: Posting[],
  stats: IndexStats,
  options: ScoringOptions,
  keep = Infinity,
  theirs = false
): Map<string, ScoredStory | null> => {
  const vectors = candidateVectors(story, overlaps);
  const wanted = documentIds.map((id) => vectors.get(id)).filter((vector): vector is CandidateVector => vector !== undefined);
  const scores = new Map<string, ScoredStory | null>(documentIds.map((id) => [id, null]));
  for (const item of scoreVectors(prepareStory(story, stats), wanted, options, keep, theirs)) scores.set(item.documentId, item);
  return scores;
};

export const byScore = (a: ScoredStory, b: ScoredStory) => b.score - a.score || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);

/** The scored stories of exactScores, best first. */
export const keptList = (scores: Map<string, ScoredStory | null>) => [...scores.values()].filter((item): item is ScoredStory => item !== null).sort(byScore);

/**
 * A published story's own list (T2) and its nearest stories without the time window (a story
 * outside this one's window may still hold it in its own), with the overlap rows they were scored by.
 */
export const ownList = async (story: StoryFeatures, stats: IndexStats, source: CandidateSource, options: ScoringOptions) => {
  const { list: nearest, overlaps, candidates } = await computeList(story, stats, source, { ...options, window: undefined });
  const list = hasWindow(options.window) ? keptList(exactScores(story, candidates, overlaps, stats, options, options.stored)) : nearest;
  return { list, nearest, overlaps };
};

/**
 * T3: where the story stands in the lists of `owners` (its nearest and the lists holding it): the
 * score is symmetric, so it is placed there (or moved, or dropped) without recomputing them.
 * `others(owner)` are the scores of the owner's other entries; `listed` the owners holding it now.
 */
export const placements = (
  story: StoryFeatures,
  owners: string[],
  rows: Posting[],
  stats: IndexStats,
  options: ScoringOptions,
  others: (owner: string) => number[],
  listed: Set<string>
) => {
  const theirs = exactScores(story, owners, rows, stats, options, Infinity, true);
  const upserts: Array<{ owner: string; score: number; reasons: ScoredStory['reasons'] }> = [];
  const removals: string[] = [];
  for (const owner of owners) {
    const scored = theirs.get(owner) ?? null;
    const kept = others(owner).sort((a, b) => b - a);
    const fits = scored !== null && (kept.length < options.stored || scored.score >= kept[options.stored - 1]);
    if (fits) upserts.push({ owner, score: scored.score, reasons: scored.reasons });
    else if (listed.has(owner)) removals.push(owner);
  }
  return { upserts, removals };
};

/** Where a score falls among the others of a list: how many rank above it and how many tie with it. */
const placeAmong = (others: number[], score: number) => `${others.filter((other) => other > score).length}:${others.filter((other) => other === score).length}`;

/**
 * The owners whose lists a placement really changed, the pages to drop and announce: the story joined, left,
 * or moved past another entry. A new score at the same place (the archive grew, so every weight shifted) shows nothing new.
 */
export const placedIn = (upserts: Array<{ owner: string; score: number }>, removals: string[], before: (owner: string) => number | undefined, others: (owner: string) => number[]) => [
  ...upserts
    .filter((row) => {
      const held = before(row.owner);
      return held === undefined || placeAmong(others(row.owner), held) !== placeAmong(others(row.owner), row.score);
    })
    .map((row) => row.owner),
  ...removals,
];

/** The owners whose lists a story's placement looks at: its nearest and the stories listing it, never itself. */
export const ownersOf = (documentId: string, nearest: ScoredStory[], holders: string[]) =>
  [...new Set([...nearest.map((item) => item.documentId), ...holders])].filter((owner) => owner !== documentId);

/** A story's own list: plan, shortlist, exact scores, the `stored` best. */
export const computeList = async (story: StoryFeatures, stats: IndexStats, source: CandidateSource, options: ScoringOptions, selfCounted = true) => {
  const planned = planQuery(story, stats, options, selfCounted);
  const postings = planned.length > 0 ? await source.postings(planned, story) : [];
  const candidates = shortlist(story, planned, postings, options);
  const overlaps = candidates.length > 0 ? await source.overlaps(candidates, story.features.map((feature) => feature.term)) : [];
  const scores = exactScores(story, candidates, overlaps, stats, options, options.stored);
  return { list: keptList(scores), overlaps, candidates };
};

