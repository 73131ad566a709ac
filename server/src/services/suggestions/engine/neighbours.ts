import type { SuggestionReason } from '../../../../../shared/contracts/suggestions';

/**
 * Shared-neighbour ordering of a stored list, applied when it is read. Two retellings of one event are
 * near the same other retellings; two events of one kind share words but not neighbours. A candidate B
 * of story A is ordered by
 *
 *   score(A, B) · (1 + NEIGHBOUR_STRENGTH · |N(A) ∩ N(B)| / √(|N(A)|·|N(B)|))
 *
 * where N(X) is X and the first NEIGHBOURS of X's own stored list. Symmetric, like the score.
 */

/** How many of a story's best stories are its neighbours. */
export const NEIGHBOURS = 4;
/** How much agreeing neighbours multiply a score: at most 1 + NEIGHBOUR_STRENGTH. */
export const NEIGHBOUR_STRENGTH = 1.5;

export interface RankedEntry {
  documentId: string;
  score: number;
}

/** The stored lists' order: score, then documentId (as the read's ORDER BY). */
export const byStoredOrder = (a: RankedEntry, b: RankedEntry) => b.score - a.score || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);

/** The first NEIGHBOURS of a stored list, in its order. */
export const topNeighbours = (list: readonly RankedEntry[]): string[] => [...list].sort(byStoredOrder).slice(0, NEIGHBOURS).map((entry) => entry.documentId);

/** How `newsroom_suggest_docs.neighbours` holds them: a set, so documentIds in their own order (near-equal scores of a batch and of single jobs order alike), comma-separated. */
export const joinNeighbours = (ids: readonly string[]) => [...ids].sort().join(',');
export const splitNeighbours = (value: unknown): string[] => (typeof value === 'string' && value ? value.split(',') : []);

/** Whether two neighbour lists name the same stories (their order does not count). */
export const sameNeighbours = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** The factor shared neighbours give a pair: 1 when none is shared. `neighboursOf(id)`: the first NEIGHBOURS of that story's stored list. */
export const neighbourFactor = (owner: string, candidate: string, neighboursOf: (documentId: string) => readonly string[]) => {
  const own = new Set([owner, ...neighboursOf(owner)]);
  const theirs = new Set([candidate, ...neighboursOf(candidate)]);
  let shared = 0;
  for (const id of theirs) if (own.has(id)) shared += 1;
  return { shared, factor: 1 + (NEIGHBOUR_STRENGTH * shared) / Math.sqrt(own.size * theirs.size) };
};

/** The reason a re-ordered suggestion carries when it shares nearest stories with the story. */
export const neighboursReason = (shared: number, factor: number): SuggestionReason => ({
  kind: 'neighbours',
  label: `${shared} nearest ${shared === 1 ? 'story' : 'stories'} in common`,
  shared,
  factor,
});

/** The owner's list in shared-neighbour order, best first; `score` stays the stored score, `rank` is what orders. */
export const rerankByNeighbours = <T extends RankedEntry>(owner: string, list: readonly T[], neighboursOf: (documentId: string) => readonly string[]) =>
  list
    .map((entry) => {
      const { shared, factor } = neighbourFactor(owner, entry.documentId, neighboursOf);
      return { entry, shared, factor, rank: entry.score * factor };
    })
    .sort((a, b) => b.rank - a.rank || byStoredOrder(a.entry, b.entry));

/**
 * The owners whose first NEIGHBOURS a placement or a removal changed, with their new ones: the pages
 * listing them read them in another order now. `before(owner)`: the owner's list before, this story's entry included.
 */
export const neighboursMoved = (story: string, upserts: Array<{ owner: string; score: number }>, removals: string[], before: (owner: string) => RankedEntry[]) => {
  const after = new Map<string, number | undefined>([...upserts.map((row) => [row.owner, row.score] as const), ...removals.map((owner) => [owner, undefined] as const)]);
  const moved = new Map<string, string[]>();
  for (const [owner, score] of after) {
    const list = before(owner);
    const next = topNeighbours([...list.filter((entry) => entry.documentId !== story), ...(score === undefined ? [] : [{ documentId: story, score }])]);
    if (!sameNeighbours(topNeighbours(list), next)) moved.set(owner, next);
  }
  return moved;
};
