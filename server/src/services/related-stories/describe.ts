import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../shared/manifest';
import type { RelatedEntry, RelatedEntryStatus, RelatedList } from '../../../../shared/contracts/related-stories';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { loadBylineNames } from '../../utils/bylines';
import { toIso } from '../../utils/columns';
import { localeKey, tableOf } from '../../utils/db';
import type { ListOwner, StoredEntry } from './list-store';

/** A draft list as the editor's panel shows it: each entry with its story and what readers see of it. */
export const describeList = async (strapi: Core.Strapi, owner: ListOwner, entries: StoredEntry[], revision: number): Promise<RelatedList> => {
  const db = strapi.db.connection;
  const { name, column } = tableOf(strapi, UIDS.article);
  const targets = entries.map((entry) => entry.target).filter((target): target is string => Boolean(target));
  const rows = targets.length
    ? ((await db(name)
        .whereIn(column('documentId'), targets)
        .andWhere((q) => (owner.locale ? q.where(column('locale'), owner.locale) : q))
        .select({
          id: column('id'),
          documentId: column('documentId'),
          title: column('title'),
          slug: column('slug'),
          publicationDate: column('publicationDate'),
          publishedAt: column('publishedAt'),
        })) as Array<{ id: number; documentId: string; title: string; slug: string | null; publicationDate: unknown; publishedAt: unknown }>)
    : [];
  // Published once and not deleted: a modifications row (every first publish writes one), or, for stories published before it existed, a publications row.
  const publishedIn = (table: string) => db(table).select('document_id').whereIn('document_id', targets).andWhere('locale', localeKey(owner.locale));
  const everPublished = new Set(
    targets.length ? ((await publishedIn(TABLES.modifications).union(publishedIn(TABLES.publications))) as Array<{ document_id: string }>).map((row) => row.document_id) : []
  );
  const drafts = new Map(rows.filter((row) => !row.publishedAt).map((row) => [row.documentId, row]));
  const published = new Set(rows.filter((row) => row.publishedAt).map((row) => row.documentId));
  const bylines = await loadBylineNames(strapi, [...drafts.values()].map((row) => Number(row.id)));
  const { maxRelated, timeZone } = getConfig(strapi);
  return {
    documentId: owner.documentId,
    locale: owner.locale ?? null,
    revision,
    maxRelated,
    timeZone,
    entries: entries.map((entry, position): RelatedEntry => {
      if (entry.url) return { position, target: null, url: entry.url, label: entry.label, status: 'external', story: null, domain: new URL(entry.url).hostname };
      const story = drafts.get(entry.target ?? '');
      const status: RelatedEntryStatus = published.has(entry.target ?? '') ? 'published' : everPublished.has(entry.target ?? '') ? 'unpublished' : 'draft';
      return {
        position,
        target: entry.target,
        url: null,
        label: entry.label,
        status,
        story: story
          ? { documentId: story.documentId, title: story.title, slug: story.slug, publicationDate: toIso(story.publicationDate), correspondents: bylines.get(Number(story.id)) ?? [] }
          : null,
        domain: null,
      };
    }),
  };
};
