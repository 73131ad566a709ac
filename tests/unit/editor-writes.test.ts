import { editorWrites } from '../../server/src/utils/editor-writes';

/** A write the test finishes when it wants. */
const heldWrite = () => {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const running = editorWrites.around(() => done);
  return { finish, running };
};

/** Resolves `yieldTo` and says when, relative to the events the test records. */
const track = (maxWaitMs: number, log: string[]) => editorWrites.yieldTo(maxWaitMs).then(() => log.push('background'));

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('editors’ writes before background work', () => {
  afterEach(() => expect(editorWrites.inFlight()).toBe(0));

  it('lets background work go on the next turn when no write is in flight', async () => {
    const log: string[] = [];
    const waited = track(10_000, log);
    await turn();
    await waited;
    expect(log).toEqual(['background']);
  });

  it('holds background work until the writes in flight are done', async () => {
    const log: string[] = [];
    const first = heldWrite();
    const second = heldWrite();
    const waited = track(10_000, log);
    for (let i = 0; i < 5; i++) await turn();
    first.finish();
    await first.running;
    for (let i = 0; i < 5; i++) await turn();
    expect(log).toEqual([]);
    log.push('writes done');
    second.finish();
    await second.running;
    await waited;
    expect(log).toEqual(['writes done', 'background']);
  });

  it('keeps holding when the next write starts as the last one ends (a script saving in a loop)', async () => {
    const log: string[] = [];
    const first = heldWrite();
    const waited = track(10_000, log);
    first.finish();
    // The next save starts in the same turn the first one ends.
    const next = first.running.then(() => heldWrite());
    const second = await next;
    for (let i = 0; i < 5; i++) await turn();
    expect(log).toEqual([]);
    second.finish();
    await second.running;
    await waited;
    expect(log).toEqual(['background']);
  });

  it('moves on after maxWaitMs during a steady stream of writes', async () => {
    const log: string[] = [];
    const write = heldWrite();
    await track(30, log);
    // Resolved with the write still in flight.
    expect(log).toEqual(['background']);
    expect(editorWrites.inFlight()).toBe(1);
    write.finish();
    await write.running;
  });

  it('counts a write that fails as done', async () => {
    const log: string[] = [];
    const failing = editorWrites.around(async () => {
      await turn();
      throw new Error('refused');
    });
    const waited = track(10_000, log);
    await expect(failing).rejects.toThrow('refused');
    await waited;
    expect(log).toEqual(['background']);
  });

  it('holds a pass through a burst of writes while its lag lasts, then breathes BACKGROUND_YIELD_MS at most', async () => {
    const log: string[] = [];
    const write = heldWrite();
    // Asked for just now with 400 ms of lag: a write held 120 ms (past the 50 ms breath) still holds it.
    const fresh = editorWrites.paceFrom(Date.now(), 400)().then(() => log.push('fresh pass'));
    // Asked for 10 s ago: its lag is used up, so it moves on after the short breath with the write in flight.
    const late = editorWrites.paceFrom(Date.now() - 10_000, 400)().then(() => log.push('late pass'));
    await late;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(log).toEqual(['late pass']);
    log.push('write done');
    write.finish();
    await write.running;
    await fresh;
    expect(log).toEqual(['late pass', 'write done', 'fresh pass']);
  });
});
