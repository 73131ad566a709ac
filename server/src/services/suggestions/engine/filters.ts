import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { getConfig } from '../../../config';
import { TABLES } from '../../../models';
import { foldText } from '../../../utils/fold';
import type { Db } from './store';

const DAY_MS = 86_400_000;

/** The configured excluded tags as the index holds them (`#<folded tag>`, see features.ts). */
export const excludedTagTerms = (strapi: Core.Strapi): string[] => [...new Set(getConfig(strapi).suggestions.excludeTags.map((tag) => `#${foldText(tag)}`.slice(0, 160)))];

export interface TimeWindow {
  maxAgeDays: number | null;
  direction: 'any' | 'older' | 'newer';
}

/** A window that keeps anything out (a limit or a direction). */
export const hasWindow = (window: TimeWindow | undefined): window is TimeWindow => Boolean(window && (window.maxAgeDays || window.direction !== 'any'));

/** `suggestions.maxAgeDays` and `suggestions.direction`: may a story dated `candidateMs` be suggested for one dated `ownerMs`? */
export const withinWindow = (window: TimeWindow | undefined, ownerMs: number, candidateMs: number): boolean => {
  if (!window) return true;
  if (window.direction === 'older' && candidateMs > ownerMs) return false;
  if (window.direction === 'newer' && candidateMs < ownerMs) return false;
  return !window.maxAgeDays || ownerMs - candidateMs <= window.maxAgeDays * DAY_MS;
};

export interface FilterColumns {
  /** The story the list is for: a column of the query (`db.ref`) or a documentId. */
  owner: Knex.Ref<string, Record<string, string>> | string;
  /** Column holding the suggested story's documentId. */
  target: string;
  /** Column of the suggested story's published `excludeFromSuggestions`. */
  excludedFlag: string;
  /** Locale key ('' without i18n). */
  locale: string;
  /** Apply the time window in SQL (the owner is an indexed story, its date is in suggest_docs). */
  window: boolean;
}

/**
 * What editors and the config keep out of every suggestion read (panel, backfill, public fill):
 * stories dismissed for the owner, stories their editor excluded, stories with an excluded tag,
 * stories outside the time window. Read-time, so a dismissal or a config change needs no recompute.
 */
export const keepOut = (strapi: Core.Strapi, db: Db, query: Knex.QueryBuilder, at: FilterColumns): Knex.QueryBuilder => {
  const one = db.raw('1');
  query.whereNotExists(
    db({ d: TABLES.suggestDismissals }).select(one).where('d.document_id', at.owner).where('d.locale', at.locale).where('d.dismissed_document_id', db.ref(at.target))
  );
  query.where((q) => q.whereNull(at.excludedFlag).orWhere(at.excludedFlag, false));
  const tags = excludedTagTerms(strapi);
  if (tags.length > 0) {
    query.whereNotExists(db({ x: TABLES.suggestTerms }).select(one).where('x.document_id', db.ref(at.target)).where('x.locale', at.locale).whereIn('x.term', tags));
  }
  const { maxAgeDays, direction } = getConfig(strapi).suggestions;
  if (at.window && hasWindow({ maxAgeDays, direction })) {
    const dates = db({ od: TABLES.suggestDocs })
      .join({ cd: TABLES.suggestDocs }, 'cd.locale', 'od.locale')
      .select(one)
      .where('od.document_id', at.owner)
      .where('od.locale', at.locale)
      .where('cd.document_id', db.ref(at.target));
    if (direction === 'older') dates.where('cd.date_ms', '<=', db.ref('od.date_ms'));
    if (direction === 'newer') dates.where('cd.date_ms', '>=', db.ref('od.date_ms'));
    if (maxAgeDays) dates.whereRaw('?? >= ?? - ?', ['cd.date_ms', 'od.date_ms', maxAgeDays * DAY_MS]);
    query.whereExists(dates);
  }
  return query;
};
