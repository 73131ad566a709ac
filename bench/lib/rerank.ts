/**
 * Shared-neighbour re-ranking, measured offline only (README, "Text alone, fifth round"; not built: it slowed
 * the stored-suggestion read 2–2.5×). A candidate B of story A is ordered by
 *
 *   score(A, B) · (1 + NEIGHBOUR_STRENGTH · cos(N(A), N(B)))
 *
 * where N(X) is X itself and the first NEIGHBOURS of its own list, as a set, and
 * cos = |N(A) ∩ N(B)| / √(|N(A)|·|N(B)|). Symmetric, like the score.
 */

/** How many of a story's best stories are its neighbours. */
export const NEIGHBOURS = 4;
/** How much agreeing neighbours multiply a score: at most 1 + NEIGHBOUR_STRENGTH. */
export const NEIGHBOUR_STRENGTH = 1.5;

export interface RankedEntry {
  documentId: string;
  score: number;
}

const byScore = (a: RankedEntry, b: RankedEntry) => b.score - a.score || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);

/** A story's neighbour set: itself and the first NEIGHBOURS of its list. */
const neighbourSet = (documentId: string, list: readonly RankedEntry[]): string[] => [
  documentId,
  ...[...list]
    .sort(byScore)
    .slice(0, NEIGHBOURS)
    .map((entry) => entry.documentId),
];

/** The owner's list re-ordered by shared neighbours, best first; `listOf(id)`: a story's own list (empty when none). */
export const rerankByNeighbours = <T extends RankedEntry>(owner: string, list: readonly T[], listOf: (documentId: string) => readonly RankedEntry[]) => {
  const own = neighbourSet(owner, listOf(owner));
  const inOwn = new Set(own);
  return list
    .map((entry) => {
      const theirs = neighbourSet(entry.documentId, listOf(entry.documentId));
      const shared = theirs.filter((id) => inOwn.has(id)).length;
      return { ...entry, score: entry.score * (1 + (NEIGHBOUR_STRENGTH * shared) / Math.sqrt(own.length * theirs.length)) };
    })
    .sort(byScore);
};
