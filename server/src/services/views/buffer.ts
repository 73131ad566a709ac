import type { ViewTarget } from './store';

/** One story's count as this instance knows it: the durable base plus views answered but not yet written. */
export interface BufferedCount {
  target: ViewTarget;
  /** The counter row's value when this instance last read or wrote it. */
  base: number;
  /** Answered, not yet handed to a flush. */
  pending: number;
  /** Handed to the flush that is writing now. */
  inflight: number;
  /** Pending views per UTC day, for the day rows. */
  days: Map<number, number>;
  /** Viewed since the last flush: untouched counts are dropped so their base is read afresh. */
  touched: boolean;
}

/** What a flush takes from one story. */
export interface FlushItem {
  key: string;
  entry: BufferedCount;
  n: number;
  days: Map<number, number>;
}

export const targetKey = (target: ViewTarget) => `${target.documentId}\u0000${target.locale ?? ''}`;

/** In-process counts between flushes: every answer is `base + inflight + pending`, so it includes the view it answers. */
export class ViewBuffer {
  readonly entries = new Map<string, BufferedCount>();

  /** The count a reader of this instance sees, including views not yet written. */
  answer(entry: BufferedCount) {
    return entry.base + entry.inflight + entry.pending;
  }

  add(entry: BufferedCount, day: number) {
    entry.pending += 1;
    entry.days.set(day, (entry.days.get(day) ?? 0) + 1);
  }

  hasPending() {
    for (const entry of this.entries.values()) if (entry.pending > 0) return true;
    return false;
  }

  /** Moves every pending count in flight and forgets stories nobody viewed since the last flush. */
  take(): FlushItem[] {
    const items: FlushItem[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.pending === 0) {
        if (!entry.touched && entry.inflight === 0) this.entries.delete(key);
        entry.touched = false;
        continue;
      }
      items.push({ key, entry, n: entry.pending, days: entry.days });
      entry.inflight += entry.pending;
      entry.pending = 0;
      entry.days = new Map();
      entry.touched = false;
    }
    return items;
  }

  /** The flush wrote the item: the new durable count becomes the base. */
  written(item: FlushItem, views: number | null) {
    item.entry.inflight -= item.n;
    if (views === null) this.entries.delete(item.key);
    else item.entry.base = views;
  }

  /** The flush failed: the views go back to pending for the next one. */
  failed(item: FlushItem) {
    item.entry.inflight -= item.n;
    item.entry.pending += item.n;
    for (const [day, n] of item.days) item.entry.days.set(day, (item.entry.days.get(day) ?? 0) + n);
  }
}
