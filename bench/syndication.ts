// npm run bench:syndication -- [--sizes 1000,100000] [--db sqlite|postgres|mysql] [--reps 30]
//
// Sitemaps and feeds on a synthetic archive (tests/helpers/news-archive, dated up to now over two
// years, seeded with bulk inserts like bench:suggest, plus the tag and last-change rows the plugin's
// hooks would write). For each database and size, a fresh instance answers each route over HTTP,
// one request at a time: p50/p99, the answer's size and the SQL statements one answer costs. The
// baseline is the same route on the smallest archive (the growth ratio): a route that answers from
// one indexed query stays near 1× however large the archive.
import './lib/env';

import type { Core } from '@strapi/strapi';

import type { NewsroomConfig } from '../server/src/config';
import { TABLES } from '../server/src/models';
import { foldText } from '../server/src/utils/fold';
import { generateArchive } from '../tests/helpers/news-archive';
import type { DatabaseClient } from '../tests/helpers/database';
import { seed, time } from './lib/archive';
import { percentile } from './lib/report';
import { parseArgs } from './lib/args';
import { bootBench, takeStatistics, type BenchApp } from './lib/boot';
import { fmt, machine, table, writeResult } from './lib/report';

/** `--sizes 1000,100000 --db sqlite --reps 30` (lib/args refuses unknown flags). */
const parse = () => {
  const args = parseArgs({ sizes: '1000,100000', db: 'sqlite', reps: 30 });
  const sizes = args.sizes.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 50)) throw new Error('--sizes: integers ≥ 50, comma-separated');
  if (!Number.isInteger(args.reps) || args.reps < 3) throw new Error('--reps: an integer ≥ 3');
  return { sizes, dbs: [args.db as DatabaseClient], reps: args.reps };
};

const DAY = 24 * 3600 * 1000;

/** The rows the publish hooks write beside the articles: folded tags (filters) and the last published change. */
const indexArchive = async (strapi: Core.Strapi, archive: ReturnType<typeof generateArchive>, ids: Map<string, string>) => {
  const db = strapi.db.connection;
  // SQLite takes at most 500 rows in one multi-row insert; a story has at most a few tags.
  const CHUNK = 100;
  for (let start = 0; start < archive.stories.length; start += CHUNK) {
    const chunk = archive.stories.slice(start, start + CHUNK);
    const tags = chunk.flatMap((story) => story.tags.map((tag) => ({ document_id: ids.get(story.key) as string, locale: 'ru', tag, tag_key: foldText(tag), publication_date: new Date(story.dateMs) })));
    const changes = chunk.map((story) => ({ document_id: ids.get(story.key) as string, locale: 'ru', fingerprint: 'bench', modified_at: new Date(story.dateMs + 3600 * 1000) }));
    await db.transaction(async (trx) => {
      for (let at = 0; at < tags.length; at += 400) await trx(TABLES.tags).insert(tags.slice(at, at + 400));
      await trx(TABLES.modifications).insert(changes);
    });
  }
};

interface Target {
  name: string;
  path: string;
  /** Requests timed (the 50,000-URL page is slow to build: fewer). */
  reps?: number;
}

interface Measured {
  name: string;
  p50: number;
  p99: number;
  kb: number;
  queries: number;
}

/** Each route answered `reps` times, one request in flight, timed from request to the last byte read. */
const measureRoutes = async (app: BenchApp, targets: Target[], reps: number): Promise<Measured[]> => {
  const results: Measured[] = [];
  for (const target of targets) {
    const get = async () => {
      const res = await fetch(`${app.url}${target.path}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${target.path}: ${res.status} ${body.slice(0, 200)}`);
      return body;
    };
    for (let i = 0; i < 3; i += 1) await get();
    const { result: body, queries } = await app.queries.measure(get);
    const samples: number[] = [];
    for (let i = 0; i < (target.reps ?? reps); i += 1) samples.push((await time(get))[0]);
    results.push({
      name: target.name,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      kb: Buffer.byteLength(body) / 1024,
      queries: queries.filter((sql) => !/up_permissions|up_roles/.test(sql)).length,
    });
  }
  return results;
};

const targetsFor = (tags: { rare: string; common: string }, correspondent: string, size: number, pageSize: number): Target[] => [
  { name: 'sitemap-news.xml', path: '/api/newsroom/sitemap-news.xml' },
  { name: size > pageSize ? 'sitemap.xml (index)' : 'sitemap.xml (all)', path: '/api/newsroom/sitemap.xml', reps: size > pageSize ? undefined : 10 },
  ...(size > pageSize ? [{ name: `sitemap.xml?page=2 (${pageSize} URLs)`, path: '/api/newsroom/sitemap.xml?page=2', reps: 10 }] : []),
  { name: 'feeds/rss.xml', path: '/api/newsroom/feeds/rss.xml' },
  { name: 'feeds/atom.xml', path: '/api/newsroom/feeds/atom.xml' },
  { name: 'correspondent rss', path: `/api/newsroom/correspondents/${correspondent}/feeds/rss.xml` },
  { name: 'tag rss: rare tag', path: `/api/newsroom/tags/${encodeURIComponent(tags.rare)}/feeds/rss.xml` },
  { name: 'tag rss: common tag', path: `/api/newsroom/tags/${encodeURIComponent(tags.common)}/feeds/rss.xml` },
  { name: 'list ?filters[tags]: rare tag', path: `/api/newsroom/articles?filters[tags]=${encodeURIComponent(tags.rare)}` },
  { name: 'list ?filters[tags]: common tag', path: `/api/newsroom/articles?filters[tags]=${encodeURIComponent(tags.common)}` },
];

const main = async () => {
  const args = parse();
  const rows: Array<{ db: DatabaseClient; stories: number; seedS: number; routes: Measured[] }> = [];
  for (const db of args.dbs) {
    for (const size of args.sizes) {
      const app = await bootBench({ db });
      try {
        const archive = generateArchive({ stories: size, seed: size, correspondents: 12, endMs: Date.now() - 3600 * 1000, spanDays: 730 });
        const [seedMs] = await time(async () => {
          const seeded = await seed(app.strapi, archive);
          await indexArchive(app.strapi, archive, seeded);
          return seeded;
        });
        // A bulk seed leaves PostgreSQL without table statistics (autovacuum gathers them a while later): measure the state a live database is in.
        await takeStatistics(app);
        const recent = archive.stories.filter((story) => story.dateMs > Date.now() - 2 * DAY).length;
        console.log(`  ${db} ${size}: seeded in ${(seedMs / 1000).toFixed(1)} s (${recent} stories in the last two days)`);
        const config = app.strapi.config.get('plugin::newsroom') as NewsroomConfig;
        const pageSize = Math.min(50000, Math.max(50, Math.floor(size / 2)));
        // The page cache off: the story list is served through it, and the warm-up would leave only the auth query to time.
        app.strapi.config.set('plugin::newsroom', { ...config, cache: false, siteUrl: 'https://news.example.kz', sitemap: { pageSize: size >= 100000 ? 50000 : pageSize } });
        // A tag on a handful of stories: the feed must not walk the archive to find them.
        const counts = new Map<string, number>();
        for (const story of archive.stories) for (const tag of story.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
        const byCount = [...counts.entries()].sort((x, y) => x[1] - y[1]);
        const tags = { rare: byCount[0][0], common: byCount[byCount.length - 1][0] };
        console.log(`  tags: rare "${tags.rare}" on ${byCount[0][1]} stories, common "${tags.common}" on ${byCount[byCount.length - 1][1]}`);
        const person = (await app.strapi.db.connection(TABLES.correspondents).first('slug')) as { slug: string };
        const routes = await measureRoutes(app, targetsFor(tags, person.slug, size, size >= 100000 ? 50000 : pageSize), args.reps);
        rows.push({ db, stories: size, seedS: seedMs / 1000, routes });
      } finally {
        await app.stop();
      }
    }
  }

  console.log(`\nbench:syndication — sizes ${args.sizes.join(', ')} on ${args.dbs.join(', ')}; one request at a time, p50/p99 ms`);
  const baseline = new Map(rows.filter((row) => row.stories === args.sizes[0]).flatMap((row) => row.routes.map((route) => [`${row.db}:${route.name.replace(/ \(.*$/, '')}`, route.p50])));
  console.log(
    table(
      ['db', 'stories', 'route', 'p50 ms', 'p99 ms', 'KB', 'SQL', `× ${args.sizes[0]}`],
      rows.flatMap((row) =>
        row.routes.map((route) => {
          const base = baseline.get(`${row.db}:${route.name.replace(/ \(.*$/, '')}`);
          return [row.db, row.stories, route.name, fmt(route.p50, 2), fmt(route.p99, 2), fmt(route.kb, 0), route.queries, base ? `${fmt(route.p50 / base, 2)}×` : '–'];
        })
      )
    )
  );
  console.log(`results: ${writeResult(`syndication-${Date.now()}.json`, { args, machine: machine(), rows })}`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
