import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../shared/manifest';
import type { CitedBy, RelatedList, StaleListDetails } from '../../../../shared/contracts/related-stories';
import { relatedEntries, type NormalizedEntry } from '../../../../shared/schemas/related-stories';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { inTransaction, isSqlite, localeKey, retryOnDeadlock, tableOf } from '../../utils/db';
import { editorWrites } from '../../utils/editor-writes';
import { ConflictError, fieldErrors, notFound, type FieldPath } from '../../utils/errors';
import { resolveLocale } from '../../utils/locale';
import { validate as validateSchema } from '../../utils/validate';
import { readCitedBy } from './cited-by';
import { describeList } from './describe';
import { listStore, type ListOwner, type ListVersion, type StoredEntry, type StoryRef } from './list-store';
import { readLostLinks, removeDeletedTarget } from './lost-links';

export type { ListOwner, ListVersion, NormalizedEntry, StoredEntry, StoryRef };

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
  const { links, listWhere, readRows, writeRows, copyRows, markDraftModified, readRevision, advanceRevision } = listStore(strapi);

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
        const { name, column } = tableOf(strapi, UIDS.article);
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

    /** The draft list as the editor's panel shows it: each entry with its story and what readers see. */
    async describe(owner: ListOwner): Promise<RelatedList> {
      const [entries, revision] = await Promise.all([this.read(owner, 'draft'), this.revision(owner)]);
      return describeList(strapi, owner, entries, revision);
    },

    /** The stories whose lists hold this one (incoming references), and how many show it to readers. */
    async citedBy(story: StoryRef): Promise<CitedBy> {
      return readCitedBy(strapi, story);
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
      return editorWrites.around(() => retryOnDeadlock(strapi, () =>
        inTransaction(strapi, async (trx) => {
          const entries = await this.validate(owner, input);
          if (!(await advanceRevision(trx, owner, expectedRevision))) {
            throw new StaleListError({ code: 'STALE_LIST', expectedRevision: expectedRevision ?? 0, currentRevision: await readRevision(trx, owner) });
          }
          await writeRows(owner, 'draft', entries);
          await markDraftModified(trx, owner);
          return { entries, revision: await readRevision(trx, owner) };
        }),
      ));
    },

    /** Copies one version's list over the other (publish: draft → published; discard draft: the reverse); `empty`: `to` has no rows yet. */
    async copyVersion(owner: ListOwner, from: ListVersion, to: ListVersion, empty = false) {
      await inTransaction(strapi, async (trx) => {
        await copyRows(trx, owner, from, to, empty);
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

    /** Removes a deleted story from every list that cited it, recording each removal for the editors. */
    removeDeletedTarget(target: string, locale: string | '*', titles: Map<string, string>) {
      return removeDeletedTarget(strapi, target, locale, titles);
    },

    /** Removals recorded by `removeDeletedTarget`, newest first. */
    lostLinks(options: { since?: Date; limit?: number } = {}) {
      return readLostLinks(strapi, options);
    },
  };
};

export type RelatedStoriesService = ReturnType<typeof relatedStoriesService>;
export default relatedStoriesService;
