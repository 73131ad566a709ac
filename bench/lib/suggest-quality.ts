import type { Core } from '@strapi/strapi';

import type { SuggestionsService } from '../../server/src/services/suggestions';
import { readStored } from '../../server/src/services/suggestions/engine/read';
import type { DatabaseClient } from '../../tests/helpers/database';
import { generateArchive, precisionAtK, type SyntheticArchive } from '../../tests/helpers/news-archive';
import { describeQuality, loadRealNews, measureArchiveQuality, MAX_K, type ArchiveQuality, type QualityReport } from '../../tests/helpers/real-news';
import { seed } from './archive';
import { bootBench } from './boot';

/** bench:suggest's quality part: precision on the real-news archives and on the synthetic one, each on a fresh instance. */

/** precision@5 of the stored lists on the synthetic archive's topics (a sample of at most ~2,000 topic stories). */
export const syntheticPrecision = async (strapi: Core.Strapi, archive: SyntheticArchive, ids: Map<string, string>) => {
  const byId = new Map([...ids.entries()].map(([key, id]) => [id, key]));
  const step = Math.max(1, Math.floor(archive.stories.length / 2000));
  const sample = archive.stories.filter((story) => story.topic !== null).filter((_, i) => i % step === 0);
  const lists = new Map<string, string[]>();
  for (const story of sample) {
    const stored = await readStored(strapi, strapi.db.connection, [ids.get(story.key) as string], 'ru', { limit: 5 });
    lists.set(story.key, stored.map((item) => byId.get(item.documentId) ?? ''));
  }
  return precisionAtK(archive.stories, (story) => lists.get(story.key) ?? [], 5, (story) => lists.has(story.key));
};

export const syntheticArchive = (size: number) => generateArchive({ stories: size, seed: size, correspondents: 12 });

export interface QualityRow {
  db: DatabaseClient;
  real: ArchiveQuality;
  /** The held-out archives (tests/fixtures/real-news-heldout, -heldout-2): events the scorer was not tuned on. */
  heldOut: ArchiveQuality;
  heldOut2: ArchiveQuality;
  syntheticStories: number;
  synthetic: number;
}

/** A real-news archive on a fresh instance of its own, so no other story competes with it. */
export const realNewsQuality = async (db: DatabaseClient, dir?: string): Promise<ArchiveQuality> => {
  const app = await bootBench({ db });
  try {
    return await measureArchiveQuality(app.strapi, { archive: dir ? loadRealNews(dir) : undefined, recencyOff: true });
  } finally {
    await app.stop();
  }
};

/** Synthetic precision alone (no speed measurements): seed, reindex, measure. */
export const syntheticQuality = async (db: DatabaseClient, size: number) => {
  const app = await bootBench({ db });
  try {
    const archive = syntheticArchive(size);
    const ids = await seed(app.strapi, archive);
    await (app.strapi.plugin('newsroom').service('suggestions') as SuggestionsService).reindex({ fresh: true });
    return await syntheticPrecision(app.strapi, archive, ids);
  } finally {
    await app.stop();
  }
};

export const summary = (report: QualityReport) => ({ precision: report.precision, stories: report.stories, ks: report.ks, unrelatedShare: report.unrelatedShare, events: report.events });

export const printQuality = (row: QualityRow) => {
  const lines = [
    ...describeQuality(`  ${row.db} real archive, tags stripped`, row.real.withoutTags),
    ...describeQuality(`  ${row.db} real archive, with tags`, row.real.withTags),
    ...(row.real.withoutTagsOrRecency ? describeQuality(`  ${row.db} real archive, tags stripped, no recency decay`, row.real.withoutTagsOrRecency) : []),
    ...[row.heldOut, row.heldOut2].flatMap((report, at) => [
      ...describeQuality(`  ${row.db} held-out real archive ${at + 1} (no tags)`, report.withoutTags),
      ...(report.withoutTagsOrRecency ? describeQuality(`  ${row.db} held-out real archive ${at + 1}, no recency decay`, report.withoutTagsOrRecency) : []),
    ]),
    `  ${row.db} synthetic archive (${row.syntheticStories} stories): precision@${MAX_K} ${row.synthetic.toFixed(3)} (k = ${MAX_K})`,
  ];
  console.log(lines.join('\n'));
};
