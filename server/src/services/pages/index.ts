import type { Core } from '@strapi/strapi';

import { getConfig } from '../../config';
import { inTransaction } from '../../utils/db';
import { getService } from '../../utils/services';
import { pageKeys } from './keys';
import { createNotifier, emptyChange, type PagesChanged } from './notifier';
import { bylinedStories, citingStories, correspondentSlugs, ownRowsAndCiting, publicStories, type CitingStory, type OwnRow, type PublicStory } from './snapshot';

/** What readers saw before a write, taken inside its transaction before the write runs. */
export type PagesBefore =
  | { kind: 'stories'; documentId: string; locales: string[]; stories: PublicStory[]; citing: CitingStory[] }
  | { kind: 'correspondent'; documentId: string; slugs: string[]; stories: CitingStory[] };

/**
 * The write side of the page cache: which public pages a write changed. A write takes `before`
 * inside its transaction; `afterWrite` hands it to `changed`, which compares with what readers
 * will see and, once the transaction commits, drops those pages from the cache and queues the
 * `newsroom.pages.changed` event. Draft-only writes change nothing and send nothing.
 */
const pagesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getConfig(strapi).cache || null;
  const notifier = createNotifier(strapi, () => settings()?.webhook ?? { coalesceMs: 0, maxDelayMs: 0 });
  const pathOf = (slug: string) => getConfig(strapi).publicPath.replace(':slug', encodeURIComponent(slug));

  /** Story pages before and after: their own keys, the lists they join or leave, every page citing them. */
  const storyChange = (before: Extract<PagesBefore, { kind: 'stories' }>, after: PublicStory[]): PagesChanged => {
    const change = emptyChange();
    const keys = new Set<string>();
    const paths = new Set<string>();
    for (const story of [...before.stories, ...after]) {
      keys.add(pageKeys.story(story.documentId, story.locale));
      keys.add(pageKeys.latest(story.locale));
      keys.add(pageKeys.allStories());
      for (const slug of story.bylines) keys.add(pageKeys.correspondentStories(slug));
      for (const tag of story.tags) keys.add(pageKeys.tagStories(story.locale, tag));
      paths.add(pathOf(story.slug));
    }
    for (const old of before.stories) {
      const now = after.find((story) => story.locale === old.locale);
      if (now && now.slug !== old.slug) change.moved.push({ documentId: old.documentId, locale: old.locale, from: pathOf(old.slug), to: pathOf(now.slug) });
    }
    // Pages citing the story show its title, date and address: they change only if readers saw or will see it.
    // Their own key too: a cached page that hid the story while it was unpublished did not carry its key.
    if (keys.size > 0) {
      for (const story of before.citing) {
        keys.add(pageKeys.story(story.documentId, story.locale));
        paths.add(pathOf(story.slug));
      }
    }
    return { ...change, keys: [...keys], paths: [...paths] };
  };

  const correspondentChange = (before: Extract<PagesBefore, { kind: 'correspondent' }>, slugs: string[], stories: CitingStory[]): PagesChanged => {
    const keys = new Set([pageKeys.correspondent(before.documentId), ...[...before.slugs, ...slugs].map(pageKeys.correspondentStories)]);
    // A byline added from the correspondent's side: that story's pages did not carry the correspondent's key yet.
    const id = (story: CitingStory) => `${story.documentId}:${story.locale ?? ''}`;
    const had = new Set(before.stories.map(id));
    for (const story of stories) if (!had.has(id(story))) keys.add(pageKeys.story(story.documentId, story.locale));
    const paths = new Set([...before.stories, ...stories].map((story) => pathOf(story.slug)));
    return { ...emptyChange(), keys: [...keys], paths: [...paths] };
  };

  /** Acts once the surrounding transaction commits (nothing if it rolls back). */
  const whenCommitted = async (work: () => void) => {
    if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(work));
    else work();
  };

  return {
    /** Before a story write: what readers see of it now, and which published pages cite it. */
    async beforeStories(documentId: string, locales: string[]): Promise<PagesBefore | undefined> {
      if (!settings()) return undefined;
      // One query at a time: a transaction is one connection (pg deprecates queries queued on a busy client).
      const [stories, citing] = await inTransaction(strapi, async (trx) => [await publicStories(strapi, trx, [documentId], locales), await citingStories(strapi, trx, documentId, locales)] as const);
      return { kind: 'stories', documentId, locales, stories, citing };
    },

    /**
     * Before a publish: the story's own rows in `locales` (draft and published: the publish's checks need them
     * whatever the cache) and what readers see now, read with them in one statement where it can be.
     */
    async beforePublish(documentId: string, locales: string[]): Promise<{ own: OwnRow[]; pages: PagesBefore | undefined }> {
      const cached = Boolean(settings());
      return inTransaction(strapi, async (trx) => {
        const { own, citing } = await ownRowsAndCiting(strapi, trx, documentId, locales, cached);
        if (!cached) return { own, pages: undefined };
        const stories = own.some((row) => row.publishedAt !== null) ? await publicStories(strapi, trx, [documentId], locales) : [];
        return { own, pages: { kind: 'stories', documentId, locales, stories, citing } };
      });
    },

    /** Before a story that readers have never seen is created published. */
    nothingBefore(documentId: string, locales: string[]): PagesBefore | undefined {
      return settings() ? { kind: 'stories', documentId, locales, stories: [], citing: [] } : undefined;
    },

    /** Before a correspondent write: their slugs and the published stories carrying their byline. */
    async beforeCorrespondent(documentId: string | undefined): Promise<PagesBefore | undefined> {
      if (!settings()) return undefined;
      if (!documentId) return { kind: 'correspondent', documentId: '', slugs: [], stories: [] };
      const [slugs, stories] = await inTransaction(strapi, async (trx) => [await correspondentSlugs(strapi, trx, documentId), await bylinedStories(strapi, trx, documentId)] as const);
      return { kind: 'correspondent', documentId, slugs, stories };
    },

    /** From afterWrite, inside the transaction: what changed for readers, acted on after the commit. `after`: the story's published versions when the write already read them. */
    async changed(before: PagesBefore, documentId: string, after?: PublicStory[]): Promise<PagesChanged> {
      let change: PagesChanged;
      if (before.kind === 'stories') {
        change = storyChange(before, after ?? (await inTransaction(strapi, (trx) => publicStories(strapi, trx, [documentId], before.locales))));
      } else {
        const id = before.documentId || documentId;
        const [slugs, stories] = await inTransaction(strapi, async (trx) => [await correspondentSlugs(strapi, trx, id), await bylinedStories(strapi, trx, id)] as const);
        change = correspondentChange({ ...before, documentId: id }, slugs, stories);
      }
      if (change.keys.length > 0) await whenCommitted(() => this.publish(change));
      return change;
    },

    /** A committed change: drop the cached pages now, tell the front ends soon (coalesced). */
    publish(change: PagesChanged) {
      getService(strapi, 'page-cache').invalidate(change.keys);
      notifier.add(change);
    },

    /** Stories' stored suggestions changed (recomputed, or another story placed in them): with autoFill their pages show them. */
    async suggestionsChanged(documentIds: string[], locale: string | null) {
      getService(strapi, 'related-clicks').forgetLists();
      if (!settings() || !getConfig(strapi).suggestions.autoFill || documentIds.length === 0) return;
      const stories = await publicStories(strapi, strapi.db.connection, documentIds, locale ? [locale] : []);
      this.publish({ keys: stories.map((story) => pageKeys.story(story.documentId, story.locale)), paths: stories.map((story) => pathOf(story.slug)), moved: [] });
    },

    /** Sends what is pending now (shutdown, tests); answers what was sent. */
    flush() {
      return notifier.flush();
    },
  };
};

export type PagesService = ReturnType<typeof pagesService>;
export default pagesService;
