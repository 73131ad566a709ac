import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../shared/manifest';
import type { RelatedEntry, RelatedEntryStatus, RelatedList, StaleListDetails } from '../../../shared/contracts/related-stories';
import { getConfig } from '../config';
import { loadBylineNames } from '../utils/bylines';
import { toIso } from '../utils/columns';
import { inTransaction, isSqlite, localeKey, retryOnDeadlock, tableOf } from '../utils/db';
import { relatedEntries, type NormalizedEntry } from '../../../shared/schemas/related-stories';
import { ConflictError, fieldErrors, notFound, type FieldPath } from '../utils/errors';
import { resolveLocale } from '../utils/locale';
import { validate as validateSchema } from '../utils/validate';
import { TABLES } from '../models';

export type ListVersion = 'draft' | 'published';

export type { NormalizedEntry };

export interface StoredEntry extends NormalizedEntry {
  position: number;
}

/** A story in one locale, as the admin routes name it (locale null without i18n). */
export interface StoryRef {
  documentId: string;
  locale: string | null;
}

export interface ListOwner {
  documentId: string;
  locale: string | null | undefined;
}

/** The list changed since the editor loaded it: a 409. */
export class StaleListError extends ConflictError<StaleListDetails> {
  constructor(details: StaleListDetails) {
    super('The related list was changed by someone else since you loaded it. Reload it, then save again.', details);
  }
}


/**
 * A story's related list: an ordered list of entries per story, locale and version. Editors edit the
 * draft list; publishing copies it to the published list readers get. Every change is checked whole
 * before anything is written and written in one transaction, so a refusal leaves the list as it was.
 */
const relatedStoriesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const articles = () => tableOf(strapi, UIDS.article);

  const links = () => strapi.db.query(UIDS.relatedLink);
  const listWhere = (owner: ListOwner, version: ListVersion) => ({
    article: owner.documentId,
    articleLocale: localeKey(owner.locale),
    version,
  });

  const readRows = async (owner: ListOwner, version: ListVersion): Promise<StoredEntry[]> => {
    const rows = await links().findMany({
      where: listWhere(owner, version),
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: ['target', 'url', 'label', 'position'],
    });
    return rows.map((row) => ({ target: row.target ?? null, url: row.url ?? null, label: row.label ?? null, position: row.position }));
  };

  // Callers hold a transaction: the query engine joins it through Strapi's transaction context.
  const writeRows = async (owner: ListOwner, version: ListVersion, entries: NormalizedEntry[]) => {
    await links().deleteMany({ where: listWhere(owner, version) });
    if (entries.length === 0) return;
    const now = new Date();
    await links().createMany({
      data: entries.map((entry, position) => ({
        ...listWhere(owner, version),
        position,
        target: entry.target,
        url: entry.url,
        label: entry.label,
        // related-link has no draft & publish: its rows count as published, as Strapi's own do.
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    });
  };

  /** The story's draft now differs from what readers have: the Content Manager shows it as modified and offers Publish. */
  const markDraftModified = async (trx: Knex.Transaction, owner: ListOwner) => {
    const { name, column } = articles();
    const draft = trx(name).where(column('documentId'), owner.documentId).whereNull(column('publishedAt'));
    if (owner.locale) draft.andWhere(column('locale'), owner.locale);
    await draft.update({ [column('updatedAt')]: new Date() });
  };

  const readRevision = async (trx: Knex.Transaction, owner: ListOwner) => {
    const row = await trx(TABLES.listRevisions).where({ document_id: owner.documentId, locale: localeKey(owner.locale) }).first('revision');
    return Number(row?.revision ?? 0);
  };

  /**
   * Moves the list's revision one up (compare-and-set when `expected` is given); false when `expected` is stale.
   * UPDATE before INSERT: MySQL's INSERT IGNORE on an existing row takes a shared lock, and two savers
   * holding one deadlock on their UPDATEs.
   */
  const advanceRevision = async (trx: Knex.Transaction, owner: ListOwner, expected?: number): Promise<boolean> => {
    const key = { document_id: owner.documentId, locale: localeKey(owner.locale) };
    const bump = async () => (await trx(TABLES.listRevisions).where(expected === undefined ? key : { ...key, revision: expected }).increment('revision', 1)) > 0;
    if (await bump()) return true;
    // No row yet (the list was never saved), or a stale `expected`.
    await trx(TABLES.listRevisions).insert({ ...key, revision: 0 }).onConflict(['document_id', 'locale']).ignore();
    return bump();
  };

  return {
    /** The story an admin request names (its locale, or the default one), or a 404. */
    async owner(documentId: string, locale: string | undefined): Promise<StoryRef> {
      const resolved = await resolveLocale(strapi, locale);
      const count = await strapi.db.query(UIDS.article).count({ where: { documentId, ...(resolved ? { locale: resolved } : {}) } });
      if (count === 0) throw notFound(`No story "${documentId}"${resolved ? ` in locale "${resolved}"` : ''}`);
      return { documentId, locale: resolved };
    },

    /**
     * Checks a whole list for `owner` and returns it normalized, or throws one 400 listing every
     * problem with its path (`related[2].url must be ...`): the shared schema's rules, then the
     * database's (every target a story of the owner's locale).
     */
    async validate(owner: ListOwner, input: unknown, basePath: FieldPath = ['related']): Promise<NormalizedEntry[]> {
      const entries = validateSchema(relatedEntries({ maxRelated: getConfig(strapi).maxRelated, owner: owner.documentId }), input, { at: basePath });
      const problems: Array<{ path: FieldPath; rule: string }> = [];
      const seenTargets = new Map<string, number>();
      entries.forEach((entry, index) => entry.target && seenTargets.set(entry.target, index));

      // One query for all targets: each must be a story of the owner's locale (a draft is fine).
      // Reading their draft rows FOR SHARE holds off a concurrent delete until this save commits,
      // so the delete then sees (and removes) the entries; or it went first and the target is gone.
      const targets = [...seenTargets.keys()].sort();
      if (targets.length > 0) {
        const { name, column } = articles();
        const found = new Set(
          await inTransaction(strapi, async (trx) => {
            const query = trx(name).whereIn(column('documentId'), targets).whereNull(column('publishedAt')).orderBy(column('documentId'));
            if (owner.locale) query.andWhere(column('locale'), owner.locale);
            if (!isSqlite(strapi)) query.forShare();
            return (await query.pluck(column('documentId'))) as string[];
          })
        );
        for (const [target, index] of seenTargets) {
          if (!found.has(target)) {
            problems.push({ path: [...basePath, index, 'target'], rule: `must be an existing story: no story "${target}"${owner.locale ? ` in locale "${owner.locale}"` : ''}` });
          }
        }
      }

      if (problems.length > 0) throw fieldErrors(problems);
      return entries;
    },

    async read(owner: ListOwner, version: ListVersion): Promise<StoredEntry[]> {
      return inTransaction(strapi, () => readRows(owner, version));
    },

    /** Remembers that a story was published once, so an unpublished target is told from a never-published one. */
    async markPublished(owner: ListOwner) {
      await inTransaction(strapi, (trx) =>
        trx(TABLES.publications)
          .insert({ document_id: owner.documentId, locale: localeKey(owner.locale), first_published_at: new Date() })
          .onConflict(['document_id', 'locale'])
          .ignore()
      );
    },

    /** The draft list as the editor's panel shows it: each entry with its story and what readers see. */
    async describe(owner: ListOwner): Promise<RelatedList> {
      const db = strapi.db.connection;
      const { name, column } = articles();
      const [entries, revision] = await Promise.all([this.read(owner, 'draft'), this.revision(owner)]);
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
      const everPublished = new Set(
        targets.length
          ? ((await db(TABLES.publications).whereIn('document_id', targets).andWhere('locale', localeKey(owner.locale)).pluck('document_id')) as string[])
          : []
      );
      const drafts = new Map(rows.filter((row) => !row.publishedAt).map((row) => [row.documentId, row]));
      const published = new Set(rows.filter((row) => row.publishedAt).map((row) => row.documentId));
      const bylines = await loadBylineNames(strapi, [...drafts.values()].map((row) => Number(row.id)));
      return {
        documentId: owner.documentId,
        locale: owner.locale ?? null,
        revision,
        maxRelated: getConfig(strapi).maxRelated,
        timeZone: getConfig(strapi).timeZone,
        entries: entries.map((entry, position): RelatedEntry => {
          if (entry.url) {
            return { position, target: null, url: entry.url, label: entry.label, status: 'external', story: null, domain: new URL(entry.url).hostname };
          }
          const story = drafts.get(entry.target ?? '');
          const status: RelatedEntryStatus = published.has(entry.target ?? '') ? 'published' : everPublished.has(entry.target ?? '') ? 'unpublished' : 'draft';
          return {
            position,
            target: entry.target,
            url: null,
            label: entry.label,
            status,
            story: story
              ? {
                  documentId: story.documentId,
                  title: story.title,
                  slug: story.slug,
                  publicationDate: toIso(story.publicationDate),
                  correspondents: bylines.get(Number(story.id)) ?? [],
                }
              : null,
            domain: null,
          };
        }),
      };
    },

    /** Marks the draft list changed (a single entry was written), so older saves are refused. */
    async touch(owner: ListOwner) {
      await inTransaction(strapi, async (trx) => {
        await advanceRevision(trx, owner);
        await markDraftModified(trx, owner);
      });
    },

    async revision(owner: ListOwner): Promise<number> {
      return inTransaction(strapi, (trx) => readRevision(trx, owner));
    },

    /**
     * Replaces the draft list in one transaction. With `expectedRevision`, the save is refused with a
     * StaleListError when another save landed first (compare-and-set on the revision row).
     */
    async replaceDraft(owner: ListOwner, input: unknown, expectedRevision?: number) {
      // Two first saves of a list can still deadlock on MySQL's gap locks; the victim runs again and then sees it is stale.
      return retryOnDeadlock(strapi, () =>
        inTransaction(strapi, async (trx) => {
          const entries = await this.validate(owner, input);
          if (!(await advanceRevision(trx, owner, expectedRevision))) {
            throw new StaleListError({ code: 'STALE_LIST', expectedRevision: expectedRevision ?? 0, currentRevision: await readRevision(trx, owner) });
          }
          await writeRows(owner, 'draft', entries);
          await markDraftModified(trx, owner);
          return { entries, revision: await readRevision(trx, owner) };
        }),
      );
    },

    /** Copies one version's list over the other (publish: draft → published; discard draft: the reverse). */
    async copyVersion(owner: ListOwner, from: ListVersion, to: ListVersion) {
      await inTransaction(strapi, async (trx) => {
        const rows = await readRows(owner, from);
        await writeRows(owner, to, rows);
        if (to === 'draft') await advanceRevision(trx, owner);
      });
    },

    /** Copies a story's draft list to another story (clone). */
    async copyToDocument(from: ListOwner, to: ListOwner) {
      await inTransaction(strapi, async () => {
        const rows = (await readRows(from, 'draft')).filter((row) => row.target !== to.documentId);
        await writeRows(to, 'draft', rows);
      });
    },

    async deleteVersion(owner: ListOwner, version: ListVersion) {
      await inTransaction(strapi, () => links().deleteMany({ where: listWhere(owner, version) }));
    },

    /** Drops a deleted story's own lists and revision rows ('*': every locale). */
    async deleteOwnLists(documentId: string, locale: string | '*') {
      await inTransaction(strapi, async (trx) => {
        const scope = locale === '*' ? {} : { articleLocale: localeKey(locale) };
        await links().deleteMany({ where: { article: documentId, ...scope } });
        for (const table of [TABLES.listRevisions, TABLES.publications]) {
          const rows = trx(table).where({ document_id: documentId });
          if (locale !== '*') rows.andWhere({ locale: localeKey(locale) });
          await rows.delete();
        }
      });
    },

    /**
     * Removes a deleted story from every list that cited it and records each removal, so editors can
     * see what was lost. `titles` are the story's titles per locale, read before it was deleted.
     */
    async removeDeletedTarget(target: string, locale: string | '*', titles: Map<string, string>) {
      return inTransaction(strapi, async (trx) => {
        const where = { target, ...(locale === '*' ? {} : { articleLocale: localeKey(locale) }) };
        // A locking read: on MySQL a plain read would use this transaction's older snapshot and miss
        // entries a concurrent save committed while the delete waited for it.
        const { name: linkTable, column: linkColumn } = tableOf(strapi, UIDS.relatedLink);
        const citedQuery = trx(linkTable)
          .where(linkColumn('target'), target)
          .select({ article: linkColumn('article'), articleLocale: linkColumn('articleLocale'), version: linkColumn('version'), position: linkColumn('position'), label: linkColumn('label') });
        if (locale !== '*') citedQuery.andWhere(linkColumn('articleLocale'), localeKey(locale));
        if (!isSqlite(strapi)) citedQuery.forUpdate();
        const cited = (await citedQuery) as Array<{ article: string; articleLocale: string | null; version: ListVersion; position: number; label: string | null }>;
        if (cited.length === 0) return 0;
        const now = new Date();
        await trx(TABLES.lostLinks).insert(
          cited.map((row) => ({
            article: row.article,
            article_locale: row.articleLocale ?? '',
            version: row.version,
            position: row.position,
            target,
            target_title: (titles.get(row.articleLocale ?? '') ?? '').slice(0, 255),
            label: row.label ?? null,
            reason: 'target-deleted',
            lost_at: now,
          }))
        );
        await links().deleteMany({ where });
        const drafts = new Map<string, ListOwner>();
        for (const row of cited) {
          if (row.version === 'draft') drafts.set(`${row.article}\u0000${row.articleLocale}`, { documentId: row.article, locale: row.articleLocale });
        }
        for (const owner of drafts.values()) await advanceRevision(trx, owner);
        return cited.length;
      });
    },

    /** Removals recorded by `removeDeletedTarget`, newest first. */
    async lostLinks(options: { since?: Date; limit?: number } = {}) {
      return inTransaction(strapi, (trx) => {
        const query = trx(TABLES.lostLinks).orderBy('lost_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 50);
        if (options.since) query.where('lost_at', '>=', options.since);
        return query.select('article', 'article_locale', 'version', 'position', 'target', 'target_title', 'label', 'reason', 'lost_at');
      });
    },
  };
};

export type RelatedStoriesService = ReturnType<typeof relatedStoriesService>;
export default relatedStoriesService;
