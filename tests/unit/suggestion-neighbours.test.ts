import { NEIGHBOUR_STRENGTH, neighbourFactor, neighboursMoved, rerankByNeighbours, sameNeighbours, topNeighbours } from '../../server/src/services/suggestions/engine/neighbours';

const list = (...entries: Array<[string, number]>) => entries.map(([documentId, score]) => ({ documentId, score }));

describe('shared-neighbour order of a stored list', () => {
  it('takes the first four of a list by score, then documentId, and compares them as sets', () => {
    expect(topNeighbours(list(['e', 0.1], ['b', 0.5], ['a', 0.5], ['c', 0.9], ['d', 0.2]))).toEqual(['c', 'a', 'b', 'd']);
    expect(sameNeighbours(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameNeighbours(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(sameNeighbours(['a'], ['a', 'b'])).toBe(false);
  });

  it('gives a symmetric factor: 1 with nothing in common, 1 + strength when the sets are equal', () => {
    const nearest: Record<string, string[]> = { a: ['b', 'c'], b: ['a', 'c'], c: ['a', 'b'], x: ['y'], y: ['x'] };
    const of = (id: string) => nearest[id] ?? [];
    expect(neighbourFactor('a', 'x', of)).toEqual({ shared: 0, factor: 1 });
    expect(neighbourFactor('a', 'b', of)).toEqual({ shared: 3, factor: 1 + NEIGHBOUR_STRENGTH });
    expect(neighbourFactor('a', 'y', of).factor).toBe(neighbourFactor('y', 'a', of).factor);
    expect(neighbourFactor('a', 'c', of).factor).toBe(neighbourFactor('c', 'a', of).factor);
  });

  it('moves a retelling that shares the story’s nearest above a higher score that shares none, and keeps the stored order otherwise', () => {
    // "other" scores higher on words, but it sits among other stories; "retelling" sits among the story's own.
    const nearest: Record<string, string[]> = { story: ['other', 'retelling', 'r2', 'r3'], retelling: ['story', 'r2', 'r3'], other: ['o1', 'o2', 'o3'] };
    const ranked = rerankByNeighbours('story', list(['other', 0.5], ['retelling', 0.4], ['plain', 0.3], ['tied', 0.3]), (id) => nearest[id] ?? []);
    expect(ranked.map(({ entry }) => entry.documentId)).toEqual(['retelling', 'other', 'plain', 'tied']);
    expect(ranked[0].entry.score).toBe(0.4);
    expect(ranked[0].rank).toBeGreaterThan(ranked[1].rank);
    expect(ranked[3].factor).toBe(1);
  });
});

describe('which placements move an owner’s nearest four', () => {
  const before = (owner: string) =>
    ({
      full: list(['a', 0.9], ['b', 0.8], ['c', 0.7], ['d', 0.6], ['e', 0.5], ['s', 0.55]),
      short: list(['a', 0.9]),
    })[owner] ?? [];

  it('counts entering or leaving the first four, not a move inside or below them, and gives the new four', () => {
    const moved = (story: string, upserts: Array<{ owner: string; score: number }>, removals: string[]) => Object.fromEntries(neighboursMoved(story, upserts, removals, before));
    expect(moved('s', [{ owner: 'full', score: 0.95 }], [])).toEqual({ full: ['s', 'a', 'b', 'c'] });
    expect(moved('s', [{ owner: 'full', score: 0.4 }], [])).toEqual({});
    expect(moved('s', [{ owner: 'short', score: 0.1 }], [])).toEqual({ short: ['a', 's'] });
    expect(moved('a', [], ['short'])).toEqual({ short: [] });
    expect(moved('a', [{ owner: 'full', score: 0.85 }], [])).toEqual({});
  });
});
