import type { Core } from '@strapi/strapi';

import { editViewPath, UIDS } from '../../../../shared/manifest';
import type { CitedBy, CitingStory, CitingStoryStatus } from '../../../../shared/contracts/related-stories';
import { getConfig } from '../../config';
import { toIso, toMs } from '../../utils/columns';
import { localeKey, tableOf } from '../../utils/db';
import type { StoryRef } from './list-store';

interface ArticleRow {
  documentId: string;
  title: string | null;
  publicationDate: unknown;
  publishedAt: unknown;
  updatedAt: unknown;
}

/** As the Content Manager says it: a draft edited after the published version is "modified". */
const statusOf = (draft: ArticleRow | undefined, published: ArticleRow | undefined): CitingStoryStatus => {
  if (!published) return 'draft';
  if (!draft) return 'published';
  return (toMs(draft.updatedAt) ?? 0) > (toMs(published.updatedAt) ?? 0) ? 'modified' : 'published';
};

/**
 * The stories whose related lists hold `story` (incoming references), from the lists' own rows:
 * a list entry names its target, and lists hold only stories of their own locale.
 */
export const readCitedBy = async (strapi: Core.Strapi, story: StoryRef): Promise<CitedBy> => {
  const links = (await strapi.db.query(UIDS.relatedLink).findMany({
    where: { target: story.documentId, articleLocale: localeKey(story.locale) },
    select: ['article', 'version'],
  })) as Array<{ article: string; version: 'draft' | 'published' }>;
  const lists = new Map<string, Set<string>>();
  for (const link of links) lists.set(link.article, (lists.get(link.article) ?? new Set()).add(link.version));

  const { name, column } = tableOf(strapi, UIDS.article);
  const rows = lists.size
    ? ((await strapi.db
        .connection(name)
        .whereIn(column('documentId'), [...lists.keys()])
        .andWhere((q) => (story.locale ? q.where(column('locale'), story.locale) : q))
        .select({
          documentId: column('documentId'),
          title: column('title'),
          publicationDate: column('publicationDate'),
          publishedAt: column('publishedAt'),
          updatedAt: column('updatedAt'),
        })) as ArticleRow[])
    : [];

  const stories: CitingStory[] = [];
  for (const [documentId, versions] of lists) {
    const draft = rows.find((row) => row.documentId === documentId && !row.publishedAt);
    const published = rows.find((row) => row.documentId === documentId && row.publishedAt);
    const shown = draft ?? published;
    // A list whose story is gone is cleaned up by the delete; until then it cites nobody's story.
    if (!shown) continue;
    const status = statusOf(draft, published);
    stories.push({
      documentId,
      locale: story.locale,
      title: shown.title ?? '',
      publicationDate: toIso(shown.publicationDate),
      status,
      inPublishedList: status !== 'draft' && versions.has('published'),
      inDraftList: versions.has('draft'),
      editPath: editViewPath(documentId, story.locale),
    });
  }
  stories.sort(
    (a, b) =>
      Number(b.inPublishedList) - Number(a.inPublishedList) ||
      (toMs(b.publicationDate) ?? 0) - (toMs(a.publicationDate) ?? 0) ||
      a.title.localeCompare(b.title)
  );
  return {
    documentId: story.documentId,
    locale: story.locale,
    timeZone: getConfig(strapi).timeZone,
    stories,
    publishedCount: stories.filter((citing) => citing.inPublishedList).length,
  };
};
