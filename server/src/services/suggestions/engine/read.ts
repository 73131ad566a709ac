import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../../shared/manifest';
import type { DisplayLanguage, PublicRelatedStory } from '../../../../../shared/contracts/public-api';
import type { Suggestion, SuggestionReason } from '../../../../../shared/contracts/suggestions';
import { getConfig } from '../../../config';
import { TABLES } from '../../../models';
import { formatDisplayDate } from '../../../../../shared/dates';
import { tableOf } from '../../../utils/db';
import { toIso } from '../../../utils/columns';
import type { ScoredStory } from './scoring';
import type { Db } from './store';

/** A stored suggestion with what the reader or the editor sees of the suggested story. */
export interface SuggestedStory extends Omit<Suggestion, 'inList'> {
  owner: string;
}

interface Row {
  owner: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  slug: string | null;
  publicationDate: unknown;
  score: number | string;
  reasons: string | null;
}

const parseReasons = (value: string | null): SuggestionReason[] => {
  try {
    const parsed = JSON.parse(value ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as SuggestionReason[]) : [];
  } catch {
    return [];
  }
};

const toStory = (row: Row): SuggestedStory => ({
  owner: row.owner,
  documentId: row.documentId,
  locale: row.locale ?? null,
  title: row.title ?? '',
  slug: row.slug ?? null,
  publicationDate: toIso(row.publicationDate),
  score: Number(row.score),
  reasons: parseReasons(row.reasons),
});

/**
 * Stored suggestions of one or more stories, best first, joined to the suggested stories'
 * published rows (so a story that is not published is never returned, whatever the table holds).
 * One query on the (document_id, locale, score) index.
 */
export const readStored = async (
  strapi: Core.Strapi,
  db: Db,
  owners: string[],
  locale: string,
  options: { limit?: number; exclude?: string[] } = {}
): Promise<SuggestedStory[]> => {
  if (owners.length === 0) return [];
  const { name, column } = tableOf(strapi, UIDS.article);
  const t = (attribute: string) => `t.${column(attribute)}`;
  const query = db({ s: TABLES.suggestions })
    .join({ t: name }, function joinPublished() {
      this.on(t('documentId'), '=', 's.suggested_document_id').andOnNotNull(t('publishedAt'));
    })
    .where('s.locale', locale)
    .select({
      owner: 's.document_id',
      documentId: 's.suggested_document_id',
      score: 's.score',
      reasons: 's.reasons',
      locale: t('locale'),
      title: t('title'),
      slug: t('slug'),
      publicationDate: t('publicationDate'),
    });
  if (owners.length === 1) query.where('s.document_id', owners[0]);
  else query.whereIn('s.document_id', owners);
  if (locale) query.where(t('locale'), locale);
  else query.where((q) => q.whereNull(t('locale')).orWhere(t('locale'), ''));
  if (options.exclude && options.exclude.length > 0) query.whereNotIn('s.suggested_document_id', options.exclude);
  query.orderBy([{ column: 's.document_id' }, { column: 's.score', order: 'desc' }, { column: 's.suggested_document_id' }]);
  if (options.limit !== undefined) query.limit(options.limit);
  return ((await query) as Row[]).map(toStory);
};

/** Published stories by documentId, for lists computed on the fly: one query. */
export const describeScored = async (strapi: Core.Strapi, db: Db, owner: string, locale: string, list: ScoredStory[]): Promise<SuggestedStory[]> => {
  if (list.length === 0) return [];
  const { name, column } = tableOf(strapi, UIDS.article);
  const query = db(name)
    .whereIn(column('documentId'), list.map((item) => item.documentId))
    .whereNotNull(column('publishedAt'))
    .select({ documentId: column('documentId'), locale: column('locale'), title: column('title'), slug: column('slug'), publicationDate: column('publicationDate') });
  if (locale) query.where(column('locale'), locale);
  const rows = new Map(((await query) as Row[]).map((row) => [row.documentId, row]));
  return list
    .filter((item) => rows.has(item.documentId))
    .map((item) => toStory({ ...(rows.get(item.documentId) as Row), owner, score: item.score, reasons: JSON.stringify(item.reasons) }));
};

/** Suggestions as entries of the public related list, marked `suggested: true`. */
export const toPublicRelated = (strapi: Core.Strapi, stories: SuggestedStory[], lang: DisplayLanguage): PublicRelatedStory[] => {
  const { timeZone, publicPath } = getConfig(strapi);
  return stories.map((story) => ({
    title: story.title,
    slug: story.slug,
    url: publicPath.replace(':slug', encodeURIComponent(story.slug ?? '')),
    publicationDate: story.publicationDate,
    displayDate: formatDisplayDate(story.publicationDate, lang, timeZone),
    external: false,
    suggested: true,
  }));
};
