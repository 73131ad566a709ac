import { TABLES } from '../../../models';
import { CANDIDATES, POSTINGS_HALF, TopList, candidateRank, contribution, type CandidateVector, type PlannedFeature, type ScoringOptions, type StoryFeatures } from './scoring';
import type { Db } from './store';

const PAGE = 20_000;

/**
 * One locale's inverted index held in typed arrays, for the full reindex: scoring 100,000 stories
 * against the database costs a few queries each; in memory it is a few microseconds of array walks.
 * It answers exactly what the database path (db-source.ts) answers — same postings, same
 * nearest-in-time cut for common features, same tie order — so both paths give the same lists.
 * About 25 bytes per index row (100,000 stories ≈ 5 million rows ≈ 130 MB).
 */
export class MemoryIndex {
  private readonly docIndex = new Map<string, number>();
  private readonly termIndex = new Map<string, number>();
  private docIds: string[] = [];
  private terms: string[] = [];
  private docDates = new Float64Array(0);
  private termStart = new Int32Array(1);
  private termDocs = new Int32Array(0);
  private termWeights = new Float64Array(0);
  private docStart = new Int32Array(1);
  private docTerms = new Int32Array(0);
  private docWeights = new Float64Array(0);
  private partial = new Float64Array(0);
  private touchedMark = new Uint8Array(0);
  private termMark = new Int32Array(0);

  get size() {
    return this.docIds.length;
  }

  /** Reads the locale's index rows page by page (keyset on id) and builds both directions. */
  static async load(db: Db, locale: string): Promise<MemoryIndex> {
    const index = new MemoryIndex();
    const postDoc: number[] = [];
    const postTerm: number[] = [];
    const postWeight: number[] = [];
    const dates: number[] = [];
    let lastId = 0;
    for (;;) {
      // Keyset on the primary key alone: with `locale = ?` in the WHERE clause SQLite reads the
      // locale through the term index and sorts it whole for every page.
      const rows = (await db(TABLES.suggestTerms).where('id', '>', lastId).orderBy('id', 'asc').limit(PAGE).select('id', 'locale', 'document_id', 'term', 'weight', 'date_ms')) as Array<{
        id: number;
        locale: string;
        document_id: string;
        term: string;
        weight: number | string;
        date_ms: number | string;
      }>;
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.locale !== locale) continue;
        let doc = index.docIndex.get(row.document_id);
        if (doc === undefined) {
          doc = index.docIds.length;
          index.docIndex.set(row.document_id, doc);
          index.docIds.push(row.document_id);
          dates.push(Number(row.date_ms));
        }
        let term = index.termIndex.get(row.term);
        if (term === undefined) {
          term = index.terms.length;
          index.termIndex.set(row.term, term);
          index.terms.push(row.term);
        }
        postDoc.push(doc);
        postTerm.push(term);
        postWeight.push(Number(row.weight));
      }
      lastId = Number(rows[rows.length - 1].id);
    }
    index.build(postDoc, postTerm, postWeight, dates);
    return index;
  }

  private build(postDoc: number[], postTerm: number[], postWeight: number[], dates: number[]) {
    const docs = this.docIds.length;
    const terms = this.terms.length;
    const count = postDoc.length;
    this.docDates = Float64Array.from(dates);
    // Every story's place in (date, documentId) order: postings of a term are kept in that order.
    const order = Array.from({ length: docs }, (_, i) => i).sort((a, b) => dates[a] - dates[b] || (this.docIds[a] < this.docIds[b] ? -1 : 1));
    const rank = new Int32Array(docs);
    order.forEach((doc, position) => (rank[doc] = position));

    this.termStart = new Int32Array(terms + 1);
    for (const term of postTerm) this.termStart[term + 1] += 1;
    for (let t = 0; t < terms; t += 1) this.termStart[t + 1] += this.termStart[t];
    const fill = this.termStart.slice(0, terms);
    const byTerm = new Int32Array(count);
    for (let i = 0; i < count; i += 1) byTerm[fill[postTerm[i]]++] = i;
    this.termDocs = new Int32Array(count);
    this.termWeights = new Float64Array(count);
    for (let t = 0; t < terms; t += 1) {
      const slice = Array.from(byTerm.subarray(this.termStart[t], this.termStart[t + 1])).sort((a, b) => rank[postDoc[a]] - rank[postDoc[b]]);
      slice.forEach((posting, offset) => {
        this.termDocs[this.termStart[t] + offset] = postDoc[posting];
        this.termWeights[this.termStart[t] + offset] = postWeight[posting];
      });
    }

    this.docStart = new Int32Array(docs + 1);
    for (const doc of postDoc) this.docStart[doc + 1] += 1;
    for (let d = 0; d < docs; d += 1) this.docStart[d + 1] += this.docStart[d];
    const docFill = this.docStart.slice(0, docs);
    this.docTerms = new Int32Array(count);
    this.docWeights = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      const at = docFill[postDoc[i]]++;
      this.docTerms[at] = postTerm[i];
      this.docWeights[at] = postWeight[i];
    }
    this.partial = new Float64Array(docs);
    this.touchedMark = new Uint8Array(docs);
    this.termMark = new Int32Array(terms);
  }

  /** Same result as shortlist(readPostings(...)) on the database. */
  shortlist(story: StoryFeatures, planned: PlannedFeature[], options: ScoringOptions): string[] {
    const self = this.docIndex.get(story.documentId) ?? -1;
    const touched: number[] = [];
    const add = (doc: number, value: number) => {
      if (!this.touchedMark[doc]) {
        this.touchedMark[doc] = 1;
        touched.push(doc);
      }
      this.partial[doc] += value;
    };
    for (const feature of planned) {
      const term = this.termIndex.get(feature.term);
      if (term === undefined) continue;
      const start = this.termStart[term];
      const end = this.termStart[term + 1];
      const value = (i: number) => contribution(feature.kind, feature.weight, this.termWeights[i], feature.rarity, options);
      if (!feature.capped) {
        for (let i = start; i < end; i += 1) if (this.termDocs[i] !== self) add(this.termDocs[i], value(i));
        continue;
      }
      // First posting dated after the story; before it, walk back (date desc, id desc) like the SQL does.
      let low = start;
      let high = end;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.docDates[this.termDocs[middle]] <= story.dateMs) low = middle + 1;
        else high = middle;
      }
      let taken = 0;
      for (let i = low - 1; i >= start && taken < POSTINGS_HALF; i -= 1) {
        if (this.termDocs[i] === self) continue;
        add(this.termDocs[i], value(i));
        taken += 1;
      }
      for (let i = low; i < end && i < low + POSTINGS_HALF; i += 1) add(this.termDocs[i], value(i));
    }
    const top = new TopList<{ documentId: string }>(CANDIDATES);
    for (const doc of touched) {
      top.offer({ documentId: this.docIds[doc] }, candidateRank(this.partial[doc], story.dateMs - this.docDates[doc], options));
      this.partial[doc] = 0;
      this.touchedMark[doc] = 0;
    }
    return top.values().map((entry) => entry.documentId);
  }

  /** The candidates' weights for the story's features: what readOverlaps + candidateVectors give on the database path. */
  vectors(story: StoryFeatures, documentIds: string[]): CandidateVector[] {
    const marked: number[] = [];
    story.features.forEach((feature, index) => {
      const id = this.termIndex.get(feature.term);
      if (id !== undefined) {
        this.termMark[id] = index + 1;
        marked.push(id);
      }
    });
    const out: CandidateVector[] = [];
    for (const documentId of documentIds) {
      const doc = this.docIndex.get(documentId);
      if (doc === undefined || documentId === story.documentId) continue;
      let weights: Array<number | undefined> | null = null;
      for (let i = this.docStart[doc]; i < this.docStart[doc + 1]; i += 1) {
        const at = this.termMark[this.docTerms[i]];
        if (at === 0) continue;
        weights ??= new Array<number | undefined>(story.features.length);
        weights[at - 1] = this.docWeights[i];
      }
      if (weights) out.push({ documentId, dateMs: this.docDates[doc], weights, words: [] });
    }
    for (const id of marked) this.termMark[id] = 0;
    return out;
  }
}
