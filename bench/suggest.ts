// npm run bench:suggest -- [--sizes 1000,10000,100000] [--db sqlite,postgres] [--reads 2000] [--recomputes 40] [--quality-only | --speed-only]
//
// Quality first, on each database: the real-news archive (tests/fixtures/real-news) published
// through the Document Service on a fresh instance, precision@k of its stored lists with tags, with
// tags stripped, and with tags stripped and no recency decay; the held-out archive
// (tests/fixtures/real-news-heldout, events the scorer was not tuned on) likewise; then precision@5
// on the synthetic archive. `--quality-only` stops there (the synthetic archive at the first size only).
//
// Speed, on synthetic archives: for each database and archive size,
// a fresh Strapi instance on a throwaway database is seeded, fully reindexed, then measured:
//   - read: a story's stored top 10 (the one indexed query the panel and the public autoFill use),
//     and the whole public related read with autoFill on (story row + picks + fill);
//   - recompute: one story edited and recomputed (index rows, own list, neighbours' lists);
//   - reindex: the whole archive (index, counts, in-memory scoring), with its three phases;
//   - quality: precision@5 of the stored lists on the archive's known topics.
// Seeding writes the article rows (draft + published), bylines and correspondents with bulk knex
// inserts: the Document Service with the plugin's hooks costs ~20 ms a story, which is what the
// integration tests exercise; here it would only delay the measurements by an hour at 100,000.
import './lib/env';

import { UIDS } from '../shared/manifest';
import type { NewsroomConfig } from '../server/src/config';
import type { SuggestionsService } from '../server/src/services/suggestions';
import type { StoriesService } from '../server/src/services/stories';
import { readStored } from '../server/src/services/suggestions/engine/read';
import { tableOf } from '../server/src/utils/db';
import { HELD_OUT_2_DIR, HELD_OUT_DIR } from '../tests/helpers/real-news';
import type { DatabaseClient } from '../tests/helpers/database';
import { seed, time } from './lib/archive';
import { percentile } from './lib/report';
import { bootBench, takeStatistics } from './lib/boot';
import { machine, table, writeResult } from './lib/report';
import { printQuality, realNewsQuality, summary, syntheticArchive, syntheticPrecision, syntheticQuality, type QualityRow } from './lib/suggest-quality';
import { TABLES } from '../server/src/models';

interface Args {
  sizes: number[];
  dbs: DatabaseClient[];
  reads: number;
  recomputes: number;
  qualityOnly: boolean;
  speedOnly: boolean;
}

const parse = (argv: string[]): Args => {
  const args: Args = { sizes: [1000, 10000, 100000], dbs: ['sqlite', 'postgres'], reads: 2000, recomputes: 40, qualityOnly: false, speedOnly: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--speed-only') {
      args.speedOnly = true;
      continue;
    }
    if (argv[i] === '--quality-only') {
      args.qualityOnly = true;
      continue;
    }
    const [flag, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--sizes') args.sizes = value.split(',').map(Number);
    else if (flag === '--db') args.dbs = value.split(',') as DatabaseClient[];
    else if (flag === '--reads') args.reads = Number(value);
    else if (flag === '--recomputes') args.recomputes = Number(value);
    else throw new Error(`unknown flag ${flag} (known: --sizes, --db, --reads, --recomputes, --quality-only, --speed-only)`);
  }
  if (args.sizes.some((n) => !Number.isInteger(n) || n < 50)) throw new Error('--sizes: integers ≥ 50, comma-separated');
  if (args.dbs.some((db) => !['sqlite', 'postgres', 'mysql'].includes(db))) throw new Error('--db: sqlite, postgres and/or mysql');
  return args;
};

interface Row {
  db: DatabaseClient;
  stories: number;
  indexRows: number;
  seedS: number;
  reindexS: number;
  phases: Record<string, number>;
  readP50: number;
  readP99: number;
  /** The same reads in the stored score's order (`neighbourOrder: false`), alternated with them. */
  plainReadP50: number;
  publicP50: number;
  publicP99: number;
  plainPublicP50: number;
  recomputeP50: number;
  recomputeP99: number;
  precision: number;
}

const measure = async (db: DatabaseClient, size: number, args: Args): Promise<Row> => {
  const app = await bootBench({ db });
  const { strapi } = app;
  try {
    const service = strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
    const archive = syntheticArchive(size);
    const [seedMs, ids] = await time(() => seed(strapi, archive));
    console.log(`  ${db} ${size}: seeded in ${(seedMs / 1000).toFixed(1)} s`);

    const marks: Record<string, number> = {};
    let phase = '';
    const started = Date.now();
    const [reindexMs] = await time(() =>
      service.reindex({
        fresh: true,
        onProgress: (progress) => {
          if (progress.phase !== phase) {
            marks[progress.phase] = Date.now() - started;
            phase = progress.phase;
          }
        },
      })
    );
    const phases = { index: marks.score !== undefined ? marks.score / 1000 : reindexMs / 1000, scoring: (reindexMs - (marks.score ?? reindexMs)) / 1000 };
    console.log(`  ${db} ${size}: reindexed in ${(reindexMs / 1000).toFixed(1)} s (index + counts ${phases.index.toFixed(1)} s, scoring ${phases.scoring.toFixed(1)} s)`);
    // A live PostgreSQL has statistics by now (autovacuum, or an ANALYZE): the reads' plans depend on them.
    await takeStatistics(app);
    const indexRows = Number(((await strapi.db.connection(TABLES.suggestTerms).count({ n: '*' }).first()) as { n: number | string }).n);

    // Reads: random stories' top 10, one indexed query each; then the public related read with autoFill.
    const all = [...ids.values()];
    const pickId = (i: number) => all[(i * 7919) % all.length];
    const knex = strapi.db.connection;
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    // In shared-neighbour order (the default) and in the stored score's order, alternating blocks of 100 in this process.
    const ordered = (neighbourOrder: boolean, autoFill = false) => strapi.config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, autoFill, neighbourOrder } });
    const alternate = async (count: number, read: (i: number) => Promise<unknown>, autoFill = false) => {
      const timed = { neighbours: [] as number[], plain: [] as number[] };
      for (let i = 0; i < count; i += 1) {
        const neighbourOrder = Math.floor(i / 100) % 2 === 0;
        ordered(neighbourOrder, autoFill);
        timed[neighbourOrder ? 'neighbours' : 'plain'].push((await time(() => read(i)))[0]);
      }
      return timed;
    };
    for (const neighbourOrder of [true, false]) {
      ordered(neighbourOrder);
      for (let i = 0; i < 100; i += 1) await readStored(strapi, knex, [pickId(i)], 'ru', { limit: 10 });
    }
    const reads = await alternate(args.reads * 2, (i) => readStored(strapi, knex, [pickId(i + 100)], 'ru', { limit: 10 }));
    const stories = strapi.plugin('newsroom').service('stories') as StoriesService;
    const publicReads = await alternate(Math.min(args.reads, 1000) * 2, (i) => stories.findRelated(`story-${(i * 104729) % size}`, { locale: 'ru', lang: 'ru' }), true);
    ordered(true, true);

    // Recompute after an edit: the published text changes (so the index rows are rewritten), then the job runs.
    const articles = tableOf(strapi, UIDS.article);
    const recomputes: number[] = [];
    for (let i = 0; i < args.recomputes + 3; i += 1) {
      const id = pickId(i * 31 + 5);
      await knex(articles.name)
        .where(articles.column('documentId'), id)
        .whereNotNull(articles.column('publishedAt'))
        .update({ [articles.column('title')]: `Обновлено ${i}: ${archive.stories[i % archive.stories.length].title}` });
      const [ms] = await time(() => service.recompute(id, 'ru'));
      if (i >= 3) recomputes.push(ms);
    }

    const precision = await syntheticPrecision(strapi, archive, ids);

    return {
      db,
      stories: size,
      indexRows,
      seedS: seedMs / 1000,
      reindexS: reindexMs / 1000,
      phases,
      readP50: percentile(reads.neighbours, 50),
      readP99: percentile(reads.neighbours, 99),
      plainReadP50: percentile(reads.plain, 50),
      publicP50: percentile(publicReads.neighbours, 50),
      publicP99: percentile(publicReads.neighbours, 99),
      plainPublicP50: percentile(publicReads.plain, 50),
      recomputeP50: percentile(recomputes, 50),
      recomputeP99: percentile(recomputes, 99),
      precision,
    };
  } finally {
    await app.stop();
  }
};

const main = async () => {
  const args = parse(process.argv.slice(2));
  console.log(
    args.qualityOnly
      ? `bench:suggest --quality-only — real-news archive and a ${args.sizes[0]}-story synthetic archive on ${args.dbs.join(', ')}`
      : `bench:suggest — sizes ${args.sizes.join(', ')} on ${args.dbs.join(', ')}; ${args.reads} reads, ${args.recomputes} recomputes per size`
  );
  const quality: QualityRow[] = [];
  for (const db of args.speedOnly ? [] : args.dbs) {
    const real = await realNewsQuality(db);
    const heldOut = await realNewsQuality(db, HELD_OUT_DIR);
    const heldOut2 = await realNewsQuality(db, HELD_OUT_2_DIR);
    // The speed runs measure synthetic precision at every size anyway; alone, the first size is enough.
    const synthetic = args.qualityOnly ? await syntheticQuality(db, args.sizes[0]) : Number.NaN;
    quality.push({ db, real, heldOut, heldOut2, syntheticStories: args.sizes[0], synthetic });
    if (args.qualityOnly) printQuality(quality[quality.length - 1]);
  }
  const qualityResult = () =>
    quality.map((row) => ({
      db: row.db,
      syntheticStories: row.syntheticStories,
      synthetic: row.synthetic,
      ...Object.fromEntries(Object.entries(row.real).map(([name, report]) => [name, summary(report)])),
      ...Object.fromEntries(
        (['heldOut', 'heldOut2'] as const).flatMap((name) => [
          [name, summary(row[name].withoutTags)],
          [`${name}NoRecency`, row[name].withoutTagsOrRecency ? summary(row[name].withoutTagsOrRecency) : null],
        ])
      ),
    }));
  if (args.qualityOnly) {
    console.log(`\nwritten: ${writeResult(`suggest-quality-${args.dbs.join('-')}.json`, { machine: machine(), args, quality: qualityResult() })}`);
    return;
  }
  const rows: Row[] = [];
  for (const db of args.dbs) {
    for (const size of args.sizes) {
      rows.push(await measure(db, size, args));
      const row = rows[rows.length - 1];
      console.log(`  ${db} ${size}: read p50 ${row.readP50.toFixed(2)} ms (stored order ${row.plainReadP50.toFixed(2)}: ${(row.readP50 / row.plainReadP50).toFixed(2)}x), recompute p50 ${row.recomputeP50.toFixed(1)} ms, precision@5 ${row.precision.toFixed(3)}`);
    }
  }
  const f = (n: number, digits = 2) => n.toFixed(digits);
  console.log(
    `\n${table(
      ['db', 'stories', 'index rows', 'seed s', 'reindex s (index+counts / scoring)', 'top-10 read p50/p99 ms (stored order p50)', 'public related read p50/p99 ms (stored order p50)', 'recompute p50/p99 ms', 'precision@5'],
      rows.map((row) => [
        row.db,
        row.stories,
        row.indexRows,
        f(row.seedS, 1),
        `${f(row.reindexS, 1)} (${f(row.phases.index, 1)} / ${f(row.phases.scoring, 1)})`,
        `${f(row.readP50)} / ${f(row.readP99)} (${f(row.plainReadP50)})`,
        `${f(row.publicP50)} / ${f(row.publicP99)} (${f(row.plainPublicP50)})`,
        `${f(row.recomputeP50, 1)} / ${f(row.recomputeP99, 1)}`,
        f(row.precision, 3),
      ])
    )}`
  );
  const growth: string[] = [];
  for (const db of args.dbs) {
    const mine = rows.filter((row) => row.db === db);
    for (let i = 1; i < mine.length; i += 1) {
      const [before, after] = [mine[i - 1], mine[i]];
      const x = (a: number, b: number) => `×${(b / a).toFixed(2)}`;
      growth.push(`${db} ${before.stories} → ${after.stories} (${x(before.stories, after.stories)} stories): read p50 ${x(before.readP50, after.readP50)}, recompute p50 ${x(before.recomputeP50, after.recomputeP50)}, reindex ${x(before.reindexS, after.reindexS)}`);
    }
  }
  if (growth.length > 0) console.log(`\ngrowth:\n${growth.join('\n')}`);
  const goal = rows.filter((row) => row.stories >= 100000);
  for (const row of goal) {
    console.log(`goal at ${row.stories} on ${row.db}: read p50 ${f(row.readP50)} ms (< 1: ${row.readP50 < 1 ? 'met' : 'NOT met'}), recompute p50 ${f(row.recomputeP50, 1)} ms (< 200: ${row.recomputeP50 < 200 ? 'met' : 'NOT met'})`);
  }
  console.log('\nquality:');
  for (const row of quality) {
    row.synthetic = rows.find((entry) => entry.db === row.db && entry.stories === row.syntheticStories)?.precision ?? Number.NaN;
    printQuality(row);
  }
  console.log(`\nwritten: ${writeResult(`suggest-${args.dbs.join('-')}.json`, { machine: machine(), args, rows, quality: qualityResult() })}`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
