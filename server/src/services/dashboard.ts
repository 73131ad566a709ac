import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import type { DashboardStory, GetDashboard, LostLinkRecord } from '../../../shared/contracts/admin';
import { getConfig } from '../config';
import { toIso } from '../utils/columns';
import { localeKey, tableOf } from '../utils/db';
import { getService } from '../utils/services';
import { TABLES } from '../models';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const LIMIT = 10;

/** The homepage widget's worklist: what an editor should look at this week. */
const dashboardService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(locale: string | null): Promise<GetDashboard.Response['data']> {
    const db = strapi.db.connection;
    const { name, column } = tableOf(strapi, UIDS.article);
    const since = new Date(Date.now() - WEEK_MS);
    const inLocale = (query: ReturnType<typeof db>) => (locale ? query.andWhere(column('locale'), locale) : query);

    // Published in the last 7 days and the published list is empty.
    const withoutRelated = (await inLocale(
      db(name)
        .whereNotNull(column('publishedAt'))
        .where(column('publicationDate'), '>=', since)
        .whereNotExists(
          db(TABLES.relatedLinks)
            .whereRaw('?? = ??', [`${TABLES.relatedLinks}.article`, `${name}.${column('documentId')}`])
            .whereRaw(`?? = coalesce(??, '')`, [`${TABLES.relatedLinks}.article_locale`, `${name}.${column('locale')}`])
            .where(`${TABLES.relatedLinks}.version`, 'published')
            .select(db.raw('1'))
        )
    )
      .orderBy(column('publicationDate'), 'desc')
      .limit(LIMIT)
      .select({ documentId: column('documentId'), locale: column('locale'), title: column('title'), publicationDate: column('publicationDate') })) as Array<DashboardStory & { publicationDate: unknown }>;

    const lost = (await getService(strapi, 'related-stories').lostLinks({ since: new Date(Date.now() - 4 * WEEK_MS), limit: 50 })) as Array<{
      article: string;
      article_locale: string;
      version: string;
      position: number;
      target_title: string;
      label: string | null;
      lost_at: unknown;
    }>;
    // One record per story and lost target: draft and published lists lose the same entry.
    const seen = new Set<string>();
    const lostDrafts = lost.filter((row) => {
      const key = `${row.article}\u0000${row.article_locale}\u0000${row.target_title}`;
      if ((locale && row.article_locale !== localeKey(locale)) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });

    const mostRead = await getService(strapi, 'views').mostRead(7, locale, LIMIT);
    const mentioned = [...new Set([...lostDrafts.map((row) => row.article), ...mostRead.map((row) => row.documentId)])];
    const titles = mentioned.length
      ? ((await db(name)
          .whereIn(column('documentId'), mentioned)
          .whereNull(column('publishedAt'))
          .select({ documentId: column('documentId'), locale: column('locale'), title: column('title'), publicationDate: column('publicationDate') })) as Array<{
          documentId: string;
          locale: string | null;
          title: string;
          publicationDate: unknown;
        }>)
      : [];
    const story = (documentId: string, storyLocale: string | null): DashboardStory | null => {
      const row = titles.find((t) => t.documentId === documentId && localeKey(t.locale) === localeKey(storyLocale));
      return row ? { documentId, locale: row.locale, title: row.title, publicationDate: toIso(row.publicationDate) } : null;
    };

    return {
      withoutRelated: withoutRelated.map((row) => ({ documentId: row.documentId, locale: row.locale, title: row.title, publicationDate: toIso(row.publicationDate) })),
      lostLinks: lostDrafts.slice(0, LIMIT).map(
        (row): LostLinkRecord => ({
          article: story(row.article, row.article_locale || null),
          articleDocumentId: row.article,
          locale: row.article_locale || null,
          targetTitle: row.target_title,
          label: row.label,
          position: row.position,
          lostAt: toIso(row.lost_at) ?? new Date(0).toISOString(),
        })
      ),
      timeZone: getConfig(strapi).timeZone,
      mostRead: mostRead.flatMap((row): DashboardStory[] => {
        const found = story(row.documentId, row.locale);
        return found ? [{ ...found, views: row.views }] : [];
      }),
    };
  },
});

export type DashboardService = ReturnType<typeof dashboardService>;
export default dashboardService;
