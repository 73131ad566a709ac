import type { Core } from '@strapi/strapi';

import type { ClickOrigin, ClickRate, ClickWindow, EntryClicks } from '../../../shared/contracts/reader-stats';
import { UIDS } from '../../../shared/manifest';
import { clickRate } from '../../../shared/schemas/reader-stats';
import { TABLES } from '../models';
import { localeKey } from '../utils/db';
import { getService } from '../utils/services';
import { dayOf } from './views/store';

type Sum = number | string | null;
const ORIGINS: ClickOrigin[] = ['editor', 'suggested'];

const rate: (clicks: number, views: number, minViews: number) => ClickRate = clickRate;

/**
 * The numbers behind the panel's CTR column and the homepage widget, from the day rows of views and
 * related clicks. Every rate is clicks per view of the story the list was on (a view shows the list).
 */
const clickStatsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const since = (days: number) => dayOf(Date.now()) - days + 1;
  // This instance's buffered events first, so an editor sees what readers just did.
  const flushed = () => Promise.all([getService(strapi, 'views').flush(), getService(strapi, 'related-clicks').flush()]);

  const viewsIn = async (days: number, scope: { documentId?: string; locale: string | null }) => {
    const query = strapi.db.connection(TABLES.viewDays).where('day', '>=', since(days));
    if (scope.documentId) query.andWhere({ document_id: scope.documentId, locale: localeKey(scope.locale) });
    else if (scope.locale) query.andWhere({ locale: scope.locale });
    const row = (await query.sum({ views: 'views' }).first()) as { views: Sum } | undefined;
    return Number(row?.views ?? 0);
  };

  const clicksIn = (days: number, locale: string | null) => {
    const query = strapi.db.connection(TABLES.relatedClicks).where('day', '>=', since(days));
    if (locale) query.andWhere({ locale });
    return query;
  };

  const windowOf = async (days: 7 | 30, locale: string | null, minViews: number): Promise<ClickWindow> => {
    const views = await viewsIn(days, { locale });
    const rows = (await clicksIn(days, locale).groupBy('position', 'origin').select('position', 'origin').sum({ clicks: 'clicks' })) as Array<{ position: number; origin: ClickOrigin; clicks: Sum }>;
    const byOrigin = Object.fromEntries(ORIGINS.map((origin) => [origin, rate(rows.filter((row) => row.origin === origin).reduce((sum, row) => sum + Number(row.clicks), 0), views, minViews)])) as Record<ClickOrigin, ClickRate>;
    const positions = [...new Set(rows.map((row) => Number(row.position)))].sort((a, b) => a - b);
    const byPosition = positions.map((position) => {
      const at = (origin: ClickOrigin) => Number(rows.find((row) => Number(row.position) === position && row.origin === origin)?.clicks ?? 0);
      return { position, editor: at('editor'), suggested: at('suggested'), ...rate(at('editor') + at('suggested'), views, minViews) };
    });
    return { days, views, byOrigin, byPosition };
  };

  /** Titles of the stories clicked, as readers saw them (the published version before the draft). */
  const titlesOf = async (documentIds: string[], locale: string | null) => {
    if (documentIds.length === 0) return new Map<string, string>();
    const rows = (await strapi.db.query(UIDS.article).findMany({
      where: { documentId: { $in: documentIds }, ...(locale ? { locale } : {}) },
      select: ['documentId', 'title', 'publishedAt'],
    })) as Array<{ documentId: string; title: string | null; publishedAt: unknown }>;
    const titles = new Map<string, string>();
    for (const row of [...rows].sort((a, b) => Number(Boolean(a.publishedAt)) - Number(Boolean(b.publishedAt)))) if (row.title) titles.set(row.documentId, row.title);
    return titles;
  };

  return {
    /** One story's related entries over the last 30 days: clicks and CTR each, most clicked first. */
    async story(documentId: string, locale: string | null, minViews: number) {
      await flushed();
      const views = await viewsIn(30, { documentId, locale });
      const rows = (await strapi.db
        .connection(TABLES.relatedClicks)
        .where({ document_id: documentId, locale: localeKey(locale) })
        .andWhere('day', '>=', since(30))
        .groupBy('entry', 'origin')
        .select('entry', 'origin')
        .max({ url: 'url' })
        .sum({ clicks: 'clicks' })
        .orderBy([{ column: 'clicks', order: 'desc' }, { column: 'entry' }])) as Array<{ entry: string; origin: ClickOrigin; url: string | null; clicks: Sum }>;
      const targetOf = (entry: string) => (entry.startsWith('story:') ? entry.slice('story:'.length) : null);
      const titles = await titlesOf([...new Set(rows.map((row) => targetOf(row.entry)).filter((id): id is string => id !== null))], locale);
      const entries = rows.map((row): EntryClicks => {
        const target = targetOf(row.entry);
        return { target, url: row.url ?? null, title: target ? (titles.get(target) ?? null) : null, origin: row.origin, ...rate(Number(row.clicks), views, minViews) };
      });
      return { documentId, locale, days: 30 as const, views, minViews, entries };
    },

    /** The homepage: editor picks against suggestions, and clicks by place, over the last 7 and 30 days. */
    async overview(locale: string | null, minViews: number) {
      await flushed();
      return { locale, minViews, windows: [await windowOf(7, locale, minViews), await windowOf(30, locale, minViews)] };
    },
  };
};

export type ClickStatsService = ReturnType<typeof clickStatsService>;
export default clickStatsService;
