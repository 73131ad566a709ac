import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../../shared/manifest';
import type { DisplayLanguage, PublicRelatedStory } from '../../../../../shared/contracts/public-api';
import type { Suggestion, SuggestionReason } from '../../../../../shared/contracts/suggestions';
import { getConfig } from '../../../config';
import { TABLES } from '../../../models';
import { formatDisplayDate } from '../../../../../shared/dates';
import { tableOf } from '../../../utils/db';
import { compiledRead } from '../../../utils/fixed-reads';
import { toIso } from '../../../utils/columns';
import { excludedTagTerms, keepOut } from './filters';
import { neighboursReason, rerankByNeighbours, splitNeighbours } from './neighbours';
import type { ScoredStory } from './scoring';
import type { Db } from './store';

/** A stored suggestion with what the reader or the editor sees of the suggested story. */
export interface SuggestedStory extends Omit<Suggestion, 'inList'> {
  owner: string;
}

/** With `neighbourOrder`, the stored rows carry the first stories of the suggested story's list and of the owner's. */
interface NeighbourColumns {
  neighbours?: string | null;
  ownerNeighbours?: string | null;
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

/** The reason a citing story carries: its published related list holds the story. */
const CITES: SuggestionReason = { kind: 'cites', label: 'cites this story' };

/** Where each owner's citing stories go: first, carrying the "cites" reason and their stored score if any. */
const withCiters = (stored: SuggestedStory[], citers: SuggestedStory[], limit?: number): SuggestedStory[] => {
  const byOwner = new Map<string, SuggestedStory[]>();
  const add = (story: SuggestedStory) => byOwner.set(story.owner, [...(byOwner.get(story.owner) ?? []), story]);
  const storedOf = new Map(stored.map((story) => [`${story.owner}|${story.documentId}`, story]));
  const citing = new Set(citers.map((story) => `${story.owner}|${story.documentId}`));
  for (const citer of citers) {
    const also = storedOf.get(`${citer.owner}|${citer.documentId}`);
    add({ ...citer, score: also?.score ?? 0, reasons: [CITES, ...(also?.reasons ?? [])] });
  }
  for (const story of stored) if (!citing.has(`${story.owner}|${story.documentId}`)) add(story);
  return [...byOwner.values()].flatMap((list) => (limit === undefined ? list : list.slice(0, limit)));
};

/** The neighbours' reason goes after what the texts share and before the time apart, which stays last. */
const withNeighbours = (reasons: SuggestionReason[], neighbours: SuggestionReason) => {
  const time = reasons.findIndex((reason) => reason.kind === 'time');
  return time < 0 ? [...reasons, neighbours] : [...reasons.slice(0, time), neighbours, ...reasons.slice(time)];
};

/** Each owner's stored suggestions in shared-neighbour order (see neighbours.ts), owners in documentId order. */
const inNeighbourOrder = (rows: Array<Row & NeighbourColumns>): SuggestedStory[] => {
  const nearest = new Map<string, string[]>();
  const byOwner = new Map<string, SuggestedStory[]>();
  for (const row of rows) {
    nearest.set(row.owner, splitNeighbours(row.ownerNeighbours));
    nearest.set(row.documentId, splitNeighbours(row.neighbours));
    byOwner.set(row.owner, [...(byOwner.get(row.owner) ?? []), toStory(row)]);
  }
  return [...byOwner.keys()].sort().flatMap((owner) =>
    rerankByNeighbours(owner, byOwner.get(owner) ?? [], (id) => nearest.get(id) ?? []).map(({ entry, shared, factor }) =>
      factor > 1 ? { ...entry, reasons: withNeighbours(entry.reasons, neighboursReason(shared, factor)) } : entry
    )
  );
};

/** What changes the SQL text of a stored-list read: the counts of owners and exclusions, the limit, and the config its filters read. */
interface StoredShape {
  owners: number;
  exclude: number;
  limit: number | null;
  localized: boolean;
  /** Each stored row carries both stories' first stories (config `suggestions.neighbourOrder`). */
  neighbours: boolean;
  keptOut: { tags: string[]; maxAgeDays: number | null; direction: string };
}

/** The stored lists and the citing links of the owners, as one statement (compiled once per shape; see compiledRead). */
const readStoredRows = compiledRead((strapi, db, shape: StoredShape, param: (name: string) => string) => {
  const { name, column } = tableOf(strapi, UIDS.article);
  const t = (attribute: string) => `t.${column(attribute)}`;
  const story = { locale: t('locale'), title: t('title'), slug: t('slug'), publicationDate: t('publicationDate') };
  const owners = Array.from({ length: shape.owners }, (_, i) => param(`owner${i}`));
  const exclude = Array.from({ length: shape.exclude }, (_, i) => param(`exclude${i}`));
  const locale = param('locale');
  /** Joined to the suggested story's published row in the locale, without the editor's picks and what is kept out. */
  const published = (query: Knex.QueryBuilder, owner: string, target: string) => {
    query.join({ t: name }, function joinPublished() {
      this.on(t('documentId'), '=', target).andOnNotNull(t('publishedAt'));
    });
    if (owners.length === 1) query.where(owner, owners[0]);
    else query.whereIn(owner, owners);
    if (shape.localized) query.where(t('locale'), locale);
    else query.where((q) => q.whereNull(t('locale')).orWhere(t('locale'), ''));
    if (exclude.length > 0) query.whereNotIn(target, exclude);
    return keepOut(strapi, db, query, { owner: db.ref(owner), target, excludedFlag: t('excludeFromSuggestions'), locale, window: true });
  };
  const query = published(db({ s: TABLES.suggestions }).where('s.locale', locale), 's.document_id', 's.suggested_document_id').select({
    owner: 's.document_id',
    documentId: 's.suggested_document_id',
    score: 's.score',
    reasons: 's.reasons',
    cites: db.raw('0'),
    ...story,
  });
  query.orderBy([{ column: 's.document_id' }, { column: 's.score', order: 'desc' }, { column: 's.suggested_document_id' }]);
  // In shared-neighbour order any stored entry may rank first: the limit is taken after it.
  if (shape.limit !== null && !shape.neighbours) query.limit(shape.limit);
  const citers = published(db({ l: TABLES.relatedLinks }).where('l.version', 'published').where('l.article_locale', locale), 'l.target', 'l.article').select({
    owner: 'l.target',
    documentId: 'l.article',
    score: db.raw('0.0'),
    reasons: db.raw('null'),
    cites: db.raw('1'),
    ...story,
  });
  if (shape.neighbours) {
    // Each story's first stories, kept beside its lock row (see neighbours.ts): two unique-key lookups a row.
    for (const [alias, story] of [['nd', 's.suggested_document_id'], ['od', 's.document_id']] as const) {
      query.leftJoin({ [alias]: TABLES.suggestDocs }, function joinNeighbours() {
        this.on(`${alias}.document_id`, '=', story).andOn(`${alias}.locale`, '=', 's.locale');
      });
    }
    query.select({ neighbours: 'nd.neighbours', ownerNeighbours: 'od.neighbours' });
    citers.select({ neighbours: db.raw('null'), ownerNeighbours: db.raw('null') });
  }
  // One round trip: each part as a derived table (SQLite refuses ORDER BY/LIMIT inside a bare UNION part).
  return db.select('*').from(query.as('stored')).unionAll(db.select('*').from(citers.as('citing')));
});

/**
 * Stored suggestions of one or more stories, best first, joined to the suggested stories'
 * published rows (so a story that is not published is never returned, whatever the table holds),
 * without what editors and the config keep out (see keepOut); stories whose published related
 * list holds the owner come first. One query: the stored lists and the citing links, on their indexes.
 */
export const readStored = async (
  strapi: Core.Strapi,
  db: Db,
  owners: string[],
  locale: string,
  options: { limit?: number; exclude?: string[] } = {}
): Promise<SuggestedStory[]> => {
  if (owners.length === 0) return [];
  const exclude = options.exclude ?? [];
  const { maxAgeDays, direction, neighbourOrder } = getConfig(strapi).suggestions;
  const shape: StoredShape = {
    owners: owners.length,
    exclude: exclude.length,
    limit: options.limit ?? null,
    localized: Boolean(locale),
    neighbours: neighbourOrder,
    keptOut: { tags: excludedTagTerms(strapi), maxAgeDays, direction },
  };
  const params: Record<string, unknown> = { locale };
  owners.forEach((owner, i) => (params[`owner${i}`] = owner));
  exclude.forEach((documentId, i) => (params[`exclude${i}`] = documentId));
  const rows = await readStoredRows<Row & NeighbourColumns & { cites: number | string }>(strapi, db, shape, params);
  const part = (cites: number) => rows.filter((row) => Number(row.cites) === cites);
  const byOwner = (a: SuggestedStory, b: SuggestedStory) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0);
  const stored = neighbourOrder
    ? inNeighbourOrder(part(0))
    : part(0)
        .map(toStory)
        .sort((a, b) => byOwner(a, b) || b.score - a.score || (a.documentId < b.documentId ? -1 : 1));
  const citing = part(1).map(toStory).sort((a, b) => byOwner(a, b) || (b.publicationDate ?? '').localeCompare(a.publicationDate ?? '') || (a.documentId < b.documentId ? -1 : 1));
  return withCiters(stored, citing, options.limit);
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
  // Qualified: the filters' subqueries have a `document_id` of their own.
  keepOut(strapi, db, query, { owner, target: `${name}.${column('documentId')}`, excludedFlag: `${name}.${column('excludeFromSuggestions')}`, locale, window: false });
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
