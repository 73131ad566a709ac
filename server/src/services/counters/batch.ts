import type { ClickRow } from '../related-clicks';
import type { ViewItem, ViewTarget } from '../views/store';
import { localeKey } from '../../utils/db';

/** A pending view's hash field: story, locale ('' without i18n) and UTC day, as JSON. */
export const viewEvent = (target: ViewTarget, day: number) => JSON.stringify(['v', target.documentId, localeKey(target.locale), day]);
/** The prefix every view event of a story starts with (the seed script sums them). */
export const viewEventPrefix = (target: ViewTarget) => `${JSON.stringify(['v', target.documentId, localeKey(target.locale)]).slice(0, -1)},`;
/** A story's field in the counts hash. */
export const storyField = (target: ViewTarget) => JSON.stringify([target.documentId, localeKey(target.locale)]);
/** A pending click's hash field: the whole day row's key, as JSON. */
export const clickEvent = (row: ClickRow) => JSON.stringify(['c', row.document_id, row.locale, row.day, row.entry, row.url, row.position, row.origin]);

/** A sealed batch's events as the database writes take them: views per story, clicks per day row. */
export const parseBatch = (hash: Record<string, string>) => {
  const views = new Map<string, ViewItem>();
  const clicks: Array<{ row: ClickRow; n: number }> = [];
  for (const [field, value] of Object.entries(hash)) {
    const n = Number(value);
    const event = JSON.parse(field) as [string, ...Array<string | number | null>];
    if (event[0] === 'v') {
      const [, documentId, locale, day] = event as [string, string, string, number];
      const key = `${documentId}\u0000${locale}`;
      const item = views.get(key) ?? { target: { documentId, locale: locale || null }, n: 0, days: new Map<number, number>() };
      item.n += n;
      item.days.set(day, (item.days.get(day) ?? 0) + n);
      views.set(key, item);
    } else {
      const [, document_id, locale, day, entry, url, position, origin] = event as [string, string, string, number, string, string | null, number, string];
      clicks.push({ row: { document_id, locale, day, entry, url, position, origin }, n });
    }
  }
  return { views: [...views.values()], clicks };
};
