import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import type { DisplayLanguage, Pagination, PublicRelatedStory } from '../../../../shared/contracts/public-api';
import type { AcceptSuggestions, BackfillStory, DraftHasChangesDetails, Suggestion, SuggestionList } from '../../../../shared/contracts/suggestions';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { createDismissals } from './dismissals';
import { BATCH_SIZE, recomputeBatch } from './engine/batch';
import { createEngine, type RecomputeResult } from './engine/engine';
import { toIso, toMs } from '../../utils/columns';
import { createQueue } from './engine/queue';
import { describeScored, readStored, toPublicRelated, type SuggestedStory } from './engine/read';
import { reindex, type ReindexOptions } from './engine/reindex';
import { checkIndexVersion } from './engine/version';
import { localeKey, retryOnDeadlock, tableOf } from '../../utils/db';
import { editorWrites } from '../../utils/editor-writes';
import { ConflictError, fieldError } from '../../utils/errors';
import { getService } from '../../utils/services';
import type { StoryRef } from '../related-stories';
import { pageKeys, type KeySet } from '../pages/keys';

/** Accepting with `publish: true` would also publish other unpublished edits, or the story was never published: a 409. */
export class SuggestionConflictError extends ConflictError<DraftHasChangesDetails> {}

const toSuggestion = (story: SuggestedStory, inList: Set<string>): Suggestion => ({
  documentId: story.documentId,
  locale: story.locale,
  title: story.title,
  slug: story.slug,
  publicationDate: story.publicationDate,
  score: story.score,
  reasons: story.reasons,
  inList: inList.has(story.documentId),
});

/**
 * Related-story suggestions: computed off the request path when a story is published,
 * stored per story, read with one indexed query. The document hooks call `schedule` (publish, edit
 * while published) and `remove` (unpublish, delete); the public read calls `fillRelated`; editors
 * use `forStory`, `backfill` and `accept`; `reindex` recomputes the archive.
 */
const suggestionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = createEngine(strapi);
  const dismissals = createDismissals(strapi);
  /** Recomputes stories of one locale in their queue order: one pass for several, one by one if a newer version got in meanwhile. */
  const recomputeMany = async (documentIds: string[], locale: string, breath?: () => Promise<void>) => {
    const batch = documentIds.length > 1 ? await recomputeBatch(strapi, engine.store, documentIds, locale, breath) : null;
    if (batch) return batch;
    const results = new Map<string, RecomputeResult>();
    for (const documentId of documentIds) results.set(documentId, await engine.recompute(documentId, locale));
    return results;
  };
  const queue = createQueue(strapi, BATCH_SIZE, async (documentIds, locale, askedAtMs) => {
    const results = await recomputeMany(documentIds, locale, editorWrites.paceFrom(askedAtMs));
    const changed = new Set([...documentIds, ...[...results.values()].flatMap((result) => result.placedIn)]);
    await getService(strapi, 'pages').suggestionsChanged([...changed], locale || null);
  });
  const db = () => strapi.db.connection;
  const articles = () => tableOf(strapi, UIDS.article);

  const publishedRow = async (ref: StoryRef) => {
    const { name, column } = articles();
    const query = db()(name).where(column('documentId'), ref.documentId).whereNotNull(column('publishedAt'));
    if (ref.locale) query.where(column('locale'), ref.locale);
    return query.first({ id: column('id'), updatedAt: column('updatedAt') }) as Promise<{ id: number; updatedAt: unknown } | undefined>;
  };

  return {
    /** After a publish or an edit of a published story: recompute once the save has committed. Never throws. */
    schedule(documentId: string, locales: Array<string | null>) {
      return queue.schedule(documentId, locales.map(localeKey));
    },

    /** After an unpublish or a delete, in the same transaction: out of the index and out of every list. */
    remove(documentId: string, locales: Array<string | null>) {
      return engine.remove(documentId, locales.map(localeKey));
    },

    /** After a delete (no row of the story left in the locale): its dismissals and those naming it go too. */
    forgetDismissals(documentId: string, locale: string | null) {
      return dismissals.forget(documentId, localeKey(locale));
    },

    /** Recomputes one story now (what a queued job does). */
    recompute(documentId: string, locale: string | null) {
      return engine.recompute(documentId, localeKey(locale));
    },

    /** Recomputes several stories of one locale in one pass, as their queued jobs would one by one in this order. */
    recomputeMany(documentIds: string[], locale: string | null) {
      return recomputeMany(documentIds, localeKey(locale));
    },

    /** Shutdown: the queue stops before the database closes (the plugin's destroy). */
    stop() {
      return queue.stop();
    },

    /** Resolves when this instance has worked off the queue. */
    idle() {
      return queue.idle();
    },

    /** Works off jobs left by any instance (e.g. queued before a restart). */
    async drain() {
      queue.kick();
      await queue.idle();
    },

    /** At boot: warns once when the index was built by another scorer version (see version.ts). */
    checkIndexVersion() {
      return checkIndexVersion(strapi);
    },

    reindex(options: ReindexOptions = {}) {
      return reindex(strapi, engine, options);
    },

    /** The editor's panel: the stored list of a published story, or one computed now for a draft. */
    async forStory(ref: StoryRef, limit: number): Promise<SuggestionList> {
      const key = localeKey(ref.locale);
      const draft = await getService(strapi, 'related-stories').read(ref, 'draft');
      const inList = new Set(draft.map((entry) => entry.target).filter((target): target is string => Boolean(target)));
      if (await publishedRow(ref)) {
        const [stories, doc, pending, dismissed] = await Promise.all([
          readStored(strapi, db(), [ref.documentId], key, { limit }),
          engine.store.readDoc(db(), ref.documentId, key),
          queue.pending(ref.documentId, key),
          dismissals.list(ref),
        ]);
        return {
          documentId: ref.documentId,
          locale: ref.locale,
          source: 'stored',
          pending,
          computedAt: doc?.computedAt ? toIso(doc.computedAt) : null,
          suggestions: stories.map((story) => toSuggestion(story, inList)),
          dismissed,
        };
      }
      const [live, dismissed] = await Promise.all([engine.live(ref.documentId, key), dismissals.list(ref)]);
      const stories = (await describeScored(strapi, db(), ref.documentId, key, live)).slice(0, limit);
      return { documentId: ref.documentId, locale: ref.locale, source: 'live', pending: false, computedAt: null, suggestions: stories.map((story) => toSuggestion(story, inList)), dismissed };
    },

    /** An editor's "not related": `target` leaves the story's suggestions (panel, backfill, public fill) until undone. */
    async dismiss(ref: StoryRef, input: { target: string; reason?: string | null }, by: number | null) {
      const dismissed = await dismissals.dismiss(ref, input, by);
      // With autoFill the story's public related list may have shown it.
      await getService(strapi, 'pages').suggestionsChanged([ref.documentId], ref.locale || null);
      return dismissed;
    },

    /** Undoes a dismissal: the story is suggested again where its score puts it. */
    async undoDismissal(ref: StoryRef, target: string) {
      const undone = await dismissals.undo(ref, target);
      if (undone) await getService(strapi, 'pages').suggestionsChanged([ref.documentId], ref.locale || null);
      return undone;
    },

    /**
     * The public read's fill: up to `count` stored suggestions after the editor's entries, never one
     * of `exclude` (the editor's picks), only published stories. One query.
     */
    async fillRelated(knex: Knex, ref: StoryRef, exclude: string[], count: number, lang: DisplayLanguage, keys?: KeySet): Promise<PublicRelatedStory[]> {
      if (count <= 0) return [];
      const stories = await readStored(strapi, knex, [ref.documentId], localeKey(ref.locale), { limit: count, exclude });
      for (const story of stories) keys?.add(pageKeys.story(story.documentId, ref.locale));
      return toPublicRelated(strapi, stories, lang);
    },

    /** Published stories whose related list is empty (draft and published) and that have suggestions, newest first. */
    async backfill(options: { locale: string | null; page: number; pageSize: number; limit: number }): Promise<{ data: BackfillStory[]; pagination: Pagination }> {
      const key = localeKey(options.locale);
      const { name, column } = articles();
      const a = (attribute: string) => `a.${column(attribute)}`;
      const base = () => {
        const query = db()({ a: name })
          .whereNotNull(a('publishedAt'))
          .whereNotExists(db()({ l: TABLES.relatedLinks }).whereRaw('?? = ??', ['l.article', a('documentId')]).where('l.article_locale', key).select(db().raw('1')))
          // With stored suggestions, or cited by a published list (a citing story is proposed).
          .where((q) =>
            q
              .whereExists(db()({ s: TABLES.suggestions }).whereRaw('?? = ??', ['s.document_id', a('documentId')]).where('s.locale', key).select(db().raw('1')))
              .orWhereExists(db()({ c: TABLES.relatedLinks }).whereRaw('?? = ??', ['c.target', a('documentId')]).where({ 'c.version': 'published', 'c.article_locale': key }).select(db().raw('1')))
          );
        if (options.locale) query.where(a('locale'), options.locale);
        return query;
      };
      const total = Number(((await base().count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
      const rows = total === 0
        ? []
        : ((await base()
            .orderByRaw('case when ?? is null then 1 else 0 end', [a('publicationDate')])
            .orderBy([{ column: a('publicationDate'), order: 'desc' }, { column: a('id'), order: 'desc' }])
            .offset((options.page - 1) * options.pageSize)
            .limit(options.pageSize)
            .select({ documentId: a('documentId'), locale: a('locale'), title: a('title'), slug: a('slug'), publicationDate: a('publicationDate') })) as Array<{
            documentId: string;
            locale: string | null;
            title: string;
            slug: string | null;
            publicationDate: unknown;
          }>);
      const ids = rows.map((row) => row.documentId);
      const [proposals, revisions] = await Promise.all([
        readStored(strapi, db(), ids, key),
        ids.length ? (db()(TABLES.listRevisions).where({ locale: key }).whereIn('document_id', ids).select('document_id', 'revision') as Promise<Array<{ document_id: string; revision: number | string }>>) : Promise.resolve([]),
      ]);
      const revisionOf = new Map(revisions.map((row) => [row.document_id, Number(row.revision)]));
      const data = rows.map((row): BackfillStory => {
        return {
          documentId: row.documentId,
          locale: row.locale ?? null,
          title: row.title,
          slug: row.slug ?? null,
          publicationDate: toIso(row.publicationDate),
          revision: revisionOf.get(row.documentId) ?? 0,
          proposed: proposals.filter((story) => story.owner === row.documentId).slice(0, options.limit).map((story) => toSuggestion(story, new Set())),
        };
      });
      return { data, pagination: { page: options.page, pageSize: options.pageSize, pageCount: Math.ceil(total / options.pageSize), total } };
    },

    /**
     * Saves the proposal (or the editor's choice of it) as the story's draft list, through
     * related-stories.replaceDraft with the revision the editor saw. Readers get it when the story
     * is next published; with `publish: true` it is published now, but only when that releases
     * nothing else (the draft has no other unpublished edits).
     */
    async accept(ref: StoryRef, input: AcceptSuggestions.Request['body']): Promise<AcceptSuggestions.Response['data']> {
      const key = localeKey(ref.locale);
      const { suggestions, maxRelated } = getConfig(strapi);
      const proposal = Math.min(suggestions.autoFillTo, maxRelated);
      const targets = input.targets ?? (await readStored(strapi, db(), [ref.documentId], key, { limit: proposal })).map((story) => story.documentId);
      if (targets.length === 0) throw fieldError(['targets'], 'has nothing to accept: the story has no suggestions yet');
      if (input.publish) {
        const published = await publishedRow(ref);
        if (!published) throw new SuggestionConflictError('The story was never published: publish it from its edit view.', { code: 'NOT_PUBLISHED' });
        const { name, column } = articles();
        const draftQuery = db()(name).where(column('documentId'), ref.documentId).whereNull(column('publishedAt'));
        if (ref.locale) draftQuery.where(column('locale'), ref.locale);
        const draft = (await draftQuery.first({ updatedAt: column('updatedAt') })) as { updatedAt: unknown } | undefined;
        // The Content Manager's own rule for "modified": the draft was saved after the published version.
        if (draft && (toMs(draft.updatedAt) ?? 0) > (toMs(published.updatedAt) ?? 0)) {
          throw new SuggestionConflictError('The story has unpublished edits: publishing now would release them too. Save the list, then review and publish the story.', {
            code: 'DRAFT_HAS_CHANGES',
          });
        }
      }
      const related = getService(strapi, 'related-stories');
      // A deadlock victim (MySQL, two editors at once) runs whole again and then meets the other's revision.
      await retryOnDeadlock(strapi, () =>
        strapi.db.transaction(async () => {
          await related.replaceDraft(ref, targets.map((target) => ({ target })), input.revision);
          if (input.publish) await strapi.documents(UIDS.article).publish({ documentId: ref.documentId, ...(ref.locale ? { locale: ref.locale } : {}) });
        }),
      );
      return { list: await related.describe(ref), published: Boolean(input.publish), needsPublish: !input.publish };
    },
  };
};

export type SuggestionsService = ReturnType<typeof suggestionsService>;
export default suggestionsService;
