/** Editors' writes in flight in this process (Document Service writes, related-list saves): background work in the same process lets them go first. */
let inFlight = 0;
/** Longest a background step waits for editors' writes once its lag is used up: the work still moves on during a steady stream of saves. */
export const BACKGROUND_YIELD_MS = 50;
/** How long after it was asked for background work may wait for a pause in editors' writes: a burst of saves then pays nothing for it. */
export const BACKGROUND_MAX_LAG_MS = 5000;
const waiting = new Set<() => void>();

const wakeIfIdle = () => {
  // Checked a turn later: a save that ends as the next one starts (a script publishing in a loop) is still busy.
  setImmediate(() => {
    if (inFlight > 0) return;
    for (const wake of [...waiting]) wake();
  });
};

export const editorWrites = {
  /** Runs an editor's write, counted as in flight until it settles. */
  async around<T>(write: () => Promise<T>): Promise<T> {
    inFlight += 1;
    try {
      return await write();
    } finally {
      inFlight -= 1;
      if (inFlight === 0 && waiting.size > 0) wakeIfIdle();
    }
  },

  /**
   * For background work between two of its steps: resolves on the next turn when no editor's write is
   * in flight, else once they are all done, and after `maxWaitMs` at the latest (the work still moves on).
   */
  yieldTo(maxWaitMs: number): Promise<void> {
    if (inFlight === 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      waiting.add(done);
    });
  },

  /**
   * The breath of background work asked for at `askedAtMs`: until `askedAtMs + BACKGROUND_MAX_LAG_MS` it
   * waits for a pause in editors' writes, after that BACKGROUND_YIELD_MS at most.
   */
  paceFrom(askedAtMs: number, maxLagMs = BACKGROUND_MAX_LAG_MS): () => Promise<void> {
    return () => editorWrites.yieldTo(Math.max(BACKGROUND_YIELD_MS, askedAtMs + maxLagMs - Date.now()));
  },

  /** Writes in flight now (tests). */
  inFlight: () => inFlight,
};
