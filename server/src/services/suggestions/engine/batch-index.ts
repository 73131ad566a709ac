import type { Core } from '@strapi/strapi';

import { TABLES } from '../../../models';
import { inTransaction, retryOnDeadlock } from '../../../utils/db';
import { readRows, type Posting } from './db-source';
import { featuresOf, loadContents, type IndexedStory } from './features';
import { insertChunked, type SuggestStore } from './store';

/** A story of a batch once indexed, with what its indexing changed (to see the index as a one-by-one run saw it). */
export interface BatchStep {
  story: IndexedStory;
  version: number;
  /** Change of the feature counts ('' counts the stories); empty when the story was unchanged. */
  delta: Map<string, number>;
  /** Its index rows before the batch ([] when never indexed); undefined when unchanged. */
  before?: Posting[];
}

/**
 * T1 for a batch of one locale, in one transaction: each story's lock row, its published version,
 * its index rows replaced when its content changed. Stories without a published version leave the
 * index (as their own job would). Answers the indexed stories in `documentIds` order.
 */
export const indexBatch = (strapi: Core.Strapi, store: SuggestStore, documentIds: string[], locale: string): Promise<BatchStep[]> =>
  retryOnDeadlock(strapi, () =>
    inTransaction(strapi, async (trx) => {
      const docs = await store.lockDocs(trx, documentIds, locale, true);
      const contents = new Map((await loadContents(strapi, trx, { version: 'published', documentIds, locale })).map((content) => [content.documentId, content]));
      for (const documentId of documentIds) if (!contents.has(documentId)) await store.unindex(trx, documentId, locale, docs.get(documentId) ?? null);
      const steps: BatchStep[] = [];
      for (const documentId of documentIds) {
        const content = contents.get(documentId);
        const doc = docs.get(documentId);
        if (!content || !doc) continue;
        const story = featuresOf(content);
        steps.push(doc.indexed && doc.hash === story.hash ? { story, version: doc.version, delta: new Map() } : { story, version: doc.version + 1, delta: new Map(), before: [] });
      }
      const changed = steps.filter((step) => step.before);
      if (changed.length === 0) return steps;
      const ids = changed.map((step) => step.story.documentId);
      const before = await readRows(trx, locale, ids);
      const total = new Map<string, number>();
      const add = (delta: Map<string, number>, term: string, change: number) => delta.set(term, (delta.get(term) ?? 0) + change);
      for (const step of changed) {
        const { documentId } = step.story;
        step.before = before.filter((row) => row.documentId === documentId);
        for (const row of step.before) add(step.delta, row.term, -1);
        for (const feature of step.story.features) add(step.delta, feature.term, 1);
        if (!docs.get(documentId)?.indexed) add(step.delta, '', 1);
        for (const [term, change] of step.delta) add(total, term, change);
      }
      await trx(TABLES.suggestTerms).where({ locale }).whereIn('document_id', ids).delete();
      await insertChunked(
        trx,
        TABLES.suggestTerms,
        changed.flatMap(({ story }) => story.features.map((feature) => ({ document_id: story.documentId, locale, term: feature.term, weight: feature.weight, word: feature.word, date_ms: story.dateMs })))
      );
      await store.applyStats(trx, locale, total);
      const rows = changed.map(({ story, version }) => ({ document_id: story.documentId, locale, version, indexed: 1, hash: story.hash, date_ms: story.dateMs, computed_at: 0 }));
      for (let start = 0; start < rows.length; start += 400) {
        await trx(TABLES.suggestDocs).insert(rows.slice(start, start + 400)).onConflict(['document_id', 'locale']).merge(['version', 'indexed', 'hash', 'date_ms']);
      }
      return steps;
    })
  );
