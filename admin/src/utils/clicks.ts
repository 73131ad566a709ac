import type { ClickOrigin, ClickRate, EntryClicks, GetStoryClicks } from '../../../shared/contracts/reader-stats';
import { clickRate } from '../../../shared/schemas/reader-stats';

/** What a row of the list shows: its clicks by origin, and the story views they rest on. */
export interface RowClicks {
  lines: Array<ClickRate & { origin: ClickOrigin }>;
  views: number;
  minViews: number;
}

/** A click-through rate as the admin prints it: "3.1%", one decimal at most, in the admin's language. */
export const formatRate = (ctr: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ctr);

/** The click rows of one entry of the list (a story by documentId, a link by address), editor picks first. */
export const clicksOfEntry = (rows: EntryClicks[], entry: { target: string | null; url: string | null }) =>
  rows
    .filter((row) => (entry.target ? row.target === entry.target : row.target === null && row.url === entry.url))
    .sort((a, b) => ORIGIN_ORDER[a.origin] - ORIGIN_ORDER[b.origin]);

const ORIGIN_ORDER: Record<ClickOrigin, number> = { editor: 0, suggested: 1 };

/**
 * The lines of one entry of the editor's list. An entry readers never opened shows a zero line once the
 * story has the views for a rate ("0 clicks · 0%" says something); under the threshold it shows none.
 */
export const rowClicks = (stats: GetStoryClicks.Response['data'], entry: { target: string | null; url: string | null }): RowClicks => {
  const rows = clicksOfEntry(stats.entries, entry);
  const zero = { origin: 'editor' as const, ...clickRate(0, stats.views, stats.minViews) };
  return { views: stats.views, minViews: stats.minViews, lines: rows.length > 0 ? rows : zero.ctr === null ? [] : [zero] };
};
