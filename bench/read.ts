// npm run bench:read -- [--db sqlite|postgres|mysql] [--connections 10] [--duration 10] [--warmup 3] [--stories 200] [--rounds 1] [--quiet 120] [--sqlite-tuning] [--profile a,b,c|all]
import './lib/env';

import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Redis from 'ioredis';

import { parseArgs } from './lib/args';
import { bootBench, takeStatistics, type BenchApp } from './lib/boot';
import { CORE_PUBLIC_ACTIONS, grantPublic, registerCoreRestApi } from './lib/core-api';
import { articlePath, assemble, linksPath, readArticle, readLinks, summarizePluginPage, targetsPath } from './lib/core-page';
import { AUTH_NOOP_PATH, FLOOR_PATH, NOOP_PATH, registerFloor, registerNoop } from './lib/floor';
import { waitForQuiet } from './lib/cpu';
import { runLoad, type LoadResult, type LoadSpec, type LoadTarget } from './lib/load';
import { createProfiler, type ProfileSummary } from './lib/profile';
import { fmt, LOAD_HEADERS, loadRow, machine, median, RESULTS_DIR, shortSql, sqliteSettings, table, tuneSqlite, writeResult } from './lib/report';
import { LOCALE, seedStories } from './lib/seed';
import type { DatabaseClient } from '../tests/helpers/database';

const PLUGIN_PATH = '/api/newsroom/articles/:slug';
type Key = 'a' | 'b' | 'c' | 'd' | 'dr' | 'e' | 'auth' | 'noop';
const REDIS_URL = process.env.NEWSROOM_BENCH_REDIS ?? 'redis://127.0.0.1:6379';

const METHOD = [
  'One Strapi instance of the playground (plugin TypeScript sources) in this process, listening on 127.0.0.1; a throwaway database.',
  'Seed: N published stories (Document Service with the plugin hooks, replaceDraft, publish), each with 2 correspondents and 8 related entries (7 stories + 1 external link).',
  'Load: autocannon in a forked process (so it never shares the server event loop), same connections/duration for each target after a warm-up, one request in flight per connection, slugs rotated over all stories.',
  '(a) plugin: GET /api/newsroom/articles/:slug, one request per page, with the page cache off (cache: false set in-process for this run).',
  '(b) core REST: the page as a front end must build it from Strapi core routes registered for the plugin content types: 1) articles?filters[slug]&populate correspondents(+photo),cover; 2) related-links?filters[article]=documentId&filters[version]=published&sort=position; 3) articles?filters[documentId][$in]=targets; assembled in link order. The three requests are sequential (each needs the previous answer); one page = the chain. Public role granted find on those routes.',
  '(c) floor: GET /bench/floor/:slug on the same server (same global middlewares), auth:false, two hand-written SQL statements sent together through strapi.db.connection, same JSON as (a).',
  '(d) plugin cached: the same route with the page cache on (the default), every page cached by the warm-up: answered from memory, no SQL beyond auth.',
  "(d') plugin cached with cache.redis: the same as (d) with the cache shared through Redis (REDIS_URL, a prefix of this run's own): hits still come from the in-process LRU; Redis is read on a miss only.",
  '(e) revalidation: the same route with If-None-Match set to each page\'s ETag: answered 304 with no body.',
  "(ref) GET /api/bench/auth-noop/:slug: a no-op behind Strapi's content-API auth with the story route's scope (one SQL statement, the Public role's permission): the ceiling of any public read.",
  '(ref) GET /bench/noop/:slug: the same server and middlewares, auth:false, no SQL, a tiny JSON answer: the ceiling of any route on this instance and machine.',
  'Page latency is taken in the load generator from building the first request to parsing the last answer; pages/s = completed pages / measured seconds.',
];

/** Deletes what the (d') run left in Redis under its own prefix. */
const dropRedisPrefix = async (redisUrl: string, prefix: string) => {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
};

const getJson = async (url: string) => {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { data: unknown };
};

/** The core REST page of `slug`, requested the way the load generator does. */
const corePage = async (base: string, slug: string, maxRelated: number) => {
  const first = await fetch(base + articlePath(slug));
  const firstBody = await first.text();
  const article = first.status === 200 ? readArticle(firstBody) : null;
  if (!article) throw new Error(`core REST: no article for ${slug}: ${first.status} ${firstBody.slice(0, 300)}`);
  const second = await fetch(base + linksPath(article.documentId, maxRelated));
  const secondBody = await second.text();
  if (second.status !== 200) throw new Error(`core REST related-links: ${second.status} ${secondBody.slice(0, 300)}`);
  const links = readLinks(secondBody);
  const targets = links.map((link) => link.target).filter((target): target is string => Boolean(target));
  const third = await fetch(base + targetsPath(targets));
  const thirdBody = await third.text();
  if (third.status !== 200) throw new Error(`core REST targets: ${third.status} ${thirdBody.slice(0, 300)}`);
  return assemble(article, links, thirdBody);
};

const main = async () => {
  const args = parseArgs({ db: 'sqlite', connections: 10, duration: 10, warmup: 3, stories: 200, rounds: 1, sqliteTuning: false, quiet: 120, profile: 'none' });
  const db = args.db as DatabaseClient;
  console.log(`bench:read on ${db}: ${args.stories} stories, ${args.connections} connections × ${args.duration} s (warm-up ${args.warmup} s), ${args.rounds} round(s)`);
  let app: BenchApp | undefined;
  try {
    app = await bootBench({
      db,
      beforeBootstrap: registerCoreRestApi,
      beforeListen: async (strapi) => {
        await grantPublic(strapi, CORE_PUBLIC_ACTIONS);
        await registerFloor(strapi);
        registerNoop(strapi);
      },
    });
    const { strapi, url } = app;
    if (args.sqliteTuning) await tuneSqlite(strapi);
    const seeded = await seedStories(strapi, args.stories);
    await takeStatistics(app);
    const maxRelated = (strapi.config.get('plugin::newsroom') as { maxRelated: number }).maxRelated;

    // Same page from all three targets (checked on a spread of stories before anything is timed).
    const checks = seeded.slugs.filter((_, i) => i % Math.max(1, Math.floor(seeded.slugs.length / 10)) === 0);
    let floorSame = true;
    let coreSame = true;
    for (const slug of checks) {
      const plugin = (await getJson(`${url}${PLUGIN_PATH.replace(':slug', encodeURIComponent(slug))}`)).data as Parameters<typeof summarizePluginPage>[0];
      const floor = (await getJson(`${url}${FLOOR_PATH.replace(':slug', encodeURIComponent(slug))}`)).data;
      if (!isDeepStrictEqual(plugin, floor)) {
        floorSame = false;
        console.error(`floor differs from the plugin for ${slug}:\n plugin ${JSON.stringify(plugin).slice(0, 600)}\n floor  ${JSON.stringify(floor).slice(0, 600)}`);
      }
      const core = await corePage(url, slug, maxRelated);
      if (!isDeepStrictEqual(summarizePluginPage(plugin), core)) {
        coreSame = false;
        console.error(`core REST page differs from the plugin for ${slug}:\n plugin ${JSON.stringify(summarizePluginPage(plugin))}\n core   ${JSON.stringify(core)}`);
      }
      if (plugin.related.length !== 8 || plugin.correspondents.length !== 2) throw new Error(`seed check: ${slug} has ${plugin.related.length} related, ${plugin.correspondents.length} correspondents`);
    }
    console.log(`same page from all three: floor ${floorSame ? 'identical JSON' : 'DIFFERS'}, core REST ${coreSame ? 'same content' : 'DIFFERS'} (${checks.length} stories checked)`);

    // SQL per page (warm: the checks above ran every path once).
    const slug = seeded.slugs[Math.floor(seeded.slugs.length / 2)];
    const stories = strapi.plugin('newsroom').service('stories');
    strapi.plugin('newsroom').service('page-cache').clear();
    const pluginHttp = await app.queries.measure(() => getJson(`${url}${PLUGIN_PATH.replace(':slug', slug)}`));
    const pluginCached = await app.queries.measure(() => getJson(`${url}${PLUGIN_PATH.replace(':slug', slug)}`));
    const pluginService = await app.queries.measure(() => stories.findPage(slug, { locale: LOCALE, lang: 'ru' }));
    const coreHttp = await app.queries.measure(() => corePage(url, slug, maxRelated));
    const floorHttp = await app.queries.measure(() => getJson(`${url}${FLOOR_PATH.replace(':slug', slug)}`));
    const queries = {
      pluginRequest: pluginHttp.queries.length,
      pluginCachedRequest: pluginCached.queries.length,
      pluginService: pluginService.queries.length,
      corePage: coreHttp.queries.length,
      floorRequest: floorHttp.queries.length,
      pluginRequestSql: pluginHttp.queries.map((sql) => shortSql(sql, 400)),
      corePageSql: coreHttp.queries.map((sql) => shortSql(sql, 400)),
    };
    console.log(`\nSQL queries per page (knex 'query' events during one request):`);
    console.log(`  (a) plugin route: ${queries.pluginRequest} (stories.findPage alone: ${queries.pluginService}; the rest is the route: Strapi's content-API auth)`);
    for (const sql of pluginHttp.queries) console.log(`      ${shortSql(sql)}`);
    console.log(`  (d) plugin route, page cached: ${queries.pluginCachedRequest} (auth alone)`);
    console.log(`  (b) core REST page (3 requests): ${queries.corePage}`);
    console.log(`  (c) floor: ${queries.floorRequest}`);

    // (e) revalidates with each page's current ETag, read with the cache on.
    const etags: Record<string, string> = {};
    for (const story of seeded.slugs) {
      const response = await fetch(`${url}${PLUGIN_PATH.replace(':slug', encodeURIComponent(story))}`);
      await response.arrayBuffer();
      etags[story] = response.headers.get('etag') ?? '';
    }
    const authNoop = await fetch(`${url}${AUTH_NOOP_PATH.replace(':slug', slug)}`);
    if (authNoop.status !== 200) throw new Error(`auth-noop answered ${authNoop.status}: the Public role lacks the story route's permission`);

    const targets: Array<{ key: Key; label: string; target: LoadTarget; uncached?: boolean; redis?: boolean }> = [
      { key: 'a', label: '(a) plugin GET /api/newsroom/articles/:slug (no cache)', target: { type: 'paths', method: 'GET', template: PLUGIN_PATH }, uncached: true },
      { key: 'b', label: '(b) core REST page (3 chained requests)', target: { type: 'core-page', maxRelated } },
      { key: 'c', label: '(c) floor GET /bench/floor/:slug (raw SQL)', target: { type: 'paths', method: 'GET', template: FLOOR_PATH } },
      { key: 'd', label: '(d) plugin GET, page cached', target: { type: 'paths', method: 'GET', template: PLUGIN_PATH } },
      { key: 'dr', label: "(d') plugin GET, page cached, cache.redis", target: { type: 'paths', method: 'GET', template: PLUGIN_PATH }, redis: true },
      { key: 'e', label: '(e) plugin GET, If-None-Match → 304', target: { type: 'paths', method: 'GET', template: PLUGIN_PATH, etags, status: 304 } },
      { key: 'auth', label: '(ref) GET no-op behind content-API auth', target: { type: 'paths', method: 'GET', template: AUTH_NOOP_PATH } },
      { key: 'noop', label: '(ref) Strapi stack, no-op route, no SQL', target: { type: 'paths', method: 'GET', template: NOOP_PATH } },
    ];
    const rounds: Record<Key, LoadResult[]> = { a: [], b: [], c: [], d: [], dr: [], e: [], auth: [], noop: [] };
    const warnings: string[] = [];
    const profiles: Partial<Record<Key, ProfileSummary>> = {};
    const cacheConfig = strapi.config.get('plugin::newsroom.cache') as object;
    const redisPrefix = `newsroom-bench-${process.pid}-${Date.now()}:`;
    for (let round = 0; round < args.rounds; round++) {
      // Odd rounds run the targets in reverse order, so drift in the machine's load favours none of them.
      for (const { key, label, target, uncached, redis } of round % 2 === 0 ? targets : [...targets].reverse()) {
        strapi.config.set('plugin::newsroom.cache', uncached ? false : redis ? { ...cacheConfig, redis: REDIS_URL, redisPrefix } : cacheConfig);
        const share = await waitForQuiet(args.quiet);
        if (share > 0.25) warnings.push(`${label}: the machine was ${Math.round(share * 100)}% busy before the run (waited ${args.quiet} s for quiet)`);
        const spec: LoadSpec = { url, target, slugs: seeded.slugs, connections: args.connections, duration: args.duration, warmup: args.warmup };
        process.stdout.write(`${args.rounds > 1 ? `round ${round + 1}: ` : ''}${label} … `);
        const profiling = round === 0 && (args.profile === 'all' || args.profile.split(',').includes(key));
        let summary: ProfileSummary | undefined;
        const profiler = profiling ? createProfiler() : undefined;
        const result = await runLoad(
          spec,
          db,
          profiler && {
            start: () => profiler.start(),
            stop: async () => {
              summary = await profiler.stop(path.join(RESULTS_DIR, `read-${db}-${key}.cpuprofile`));
            },
          }
        );
        if (summary) profiles[key] = summary;
        rounds[key].push(result);
        console.log(`${fmt(result.pagesPerSecond)} pages/s, p50 ${fmt(result.latencyMs.p50, 2)} ms, p99 ${fmt(result.latencyMs.p99, 2)} ms, server CPU ${fmt(result.cpu?.serverMsPerPage ?? NaN, 2)} ms/page, others ${Math.round((result.cpu?.otherBusyShare ?? 0) * 100)}%`);
      }
    }
    strapi.config.set('plugin::newsroom.cache', cacheConfig);
    await dropRedisPrefix(REDIS_URL, redisPrefix);
    const [a, b, c, d, dr, e, auth, noop] = (['a', 'b', 'c', 'd', 'dr', 'e', 'auth', 'noop'] as const).map((key) => median(rounds[key]));
    // Ratios per round (each round measures all targets within a minute or so), then their median.
    const mid = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)];
    const perRound = rounds.a.map((ra, r) => ({
      aOverB: ra.pagesPerSecond / rounds.b[r].pagesPerSecond,
      aOverC: ra.pagesPerSecond / rounds.c[r].pagesPerSecond,
      dOverAuth: rounds.d[r].pagesPerSecond / rounds.auth[r].pagesPerSecond,
      dOverB: rounds.d[r].pagesPerSecond / rounds.b[r].pagesPerSecond,
      drOverAuth: rounds.dr[r].pagesPerSecond / rounds.auth[r].pagesPerSecond,
      eOverAuth: rounds.e[r].pagesPerSecond / rounds.auth[r].pagesPerSecond,
      cpuAOverB: (rounds.b[r].cpu?.serverMsPerPage ?? NaN) / (ra.cpu?.serverMsPerPage ?? NaN),
      cpuAOverC: (rounds.c[r].cpu?.serverMsPerPage ?? NaN) / (ra.cpu?.serverMsPerPage ?? NaN),
      others: Math.max(...(['a', 'b', 'c'] as const).map((k) => rounds[k][r].cpu?.otherBusyShare ?? 0)),
    }));
    const ratios = {
      aOverB: mid(perRound.map((x) => x.aOverB)),
      aOverC: mid(perRound.map((x) => x.aOverC)),
      dOverAuth: mid(perRound.map((x) => x.dOverAuth)),
      dOverB: mid(perRound.map((x) => x.dOverB)),
      drOverAuth: mid(perRound.map((x) => x.drOverAuth)),
      eOverAuth: mid(perRound.map((x) => x.eOverAuth)),
    };

    console.log(`\nbench:read on ${db} — ${args.connections} connections × ${args.duration} s after ${args.warmup} s warm-up, ${args.stories} stories${args.rounds > 1 ? `, median of ${args.rounds} rounds` : ''}`);
    console.log(table(LOAD_HEADERS, targets.map(({ label }, index) => loadRow(label, [a, b, c, d, dr, e, auth, noop][index]))));
    const cpuRatios = { aOverB: mid(perRound.map((x) => x.cpuAOverB)), aOverC: mid(perRound.map((x) => x.cpuAOverC)) };
    const scope = args.rounds > 1 ? ` (median of ${args.rounds} per-round ratios)` : '';
    console.log(`\na/b = ${fmt(ratios.aOverB, 2)} (goal ≥ 3)   a/c = ${fmt(ratios.aOverC, 2)} (goal ≥ 0.5)   from measured pages/s${scope}`);
    console.log(`a/b = ${fmt(cpuRatios.aOverB, 2)}             a/c = ${fmt(cpuRatios.aOverC, 2)}                from server CPU per page${scope}`);
    console.log(
      `cached: d/auth-noop = ${fmt(ratios.dOverAuth, 2)} (goal ≥ 0.8)   d/b = ${fmt(ratios.dOverB, 1)} (goal ≥ 10)   with Redis: d'/auth-noop = ${fmt(ratios.drOverAuth, 2)}   304: e/auth-noop = ${fmt(ratios.eOverAuth, 2)}${scope}`
    );
    if (args.rounds > 1) {
      console.log(
        table(
          ['round', 'a/b', 'a/c', 'a/b (CPU)', 'a/c (CPU)', 'others max'],
          perRound.map((x, r) => [String(r + 1), fmt(x.aOverB, 2), fmt(x.aOverC, 2), fmt(x.cpuAOverB, 2), fmt(x.cpuAOverC, 2), `${Math.round(x.others * 100)}%`])
        )
      );
    }
    console.log(`SQL per page: plugin ${queries.pluginRequest} (service ${queries.pluginService}), core REST ${queries.corePage}, floor ${queries.floorRequest}`);
    for (const [key, summary] of Object.entries(profiles)) {
      console.log(`\nCPU profile of the server during (${key}) — ${summary.file}, ${summary.totalMs} ms on CPU`);
      console.log(table(['self time by package / file', 'ms', '%'], summary.selfByOwner.slice(0, 12).map((row) => [row.owner, row.ms, row.share])));
      console.log(table(['inclusive time (frame)', 'ms', '%'], summary.inclusive.slice(0, 30).map((row) => [row.frame, row.ms, row.share])));
    }
    for (const warning of warnings) console.log(`warning: ${warning}`);
    console.log('\nMethod:\n' + METHOD.map((line) => `  - ${line}`).join('\n'));

    const file = writeResult(`read-${db}.json`, {
      bench: 'read',
      at: new Date().toISOString(),
      db,
      args,
      machine: machine(),
      sqlite: await sqliteSettings(strapi),
      method: METHOD,
      seed: { stories: seeded.slugs.length, correspondents: seeded.correspondents.length, relatedPerStory: 8 },
      samePage: { floorIdenticalJson: floorSame, coreSameContent: coreSame, storiesChecked: checks.length },
      queries,
      results: { a, b, c, cached: d, cachedRedis: dr, revalidated: e, authNoop: auth, reference: noop },
      rounds,
      ratios: {
        ...Object.fromEntries(Object.entries(ratios).map(([key, value]) => [key, Number(value.toFixed(3))])),
        fromServerCpu: { aOverB: Number(cpuRatios.aOverB.toFixed(3)), aOverC: Number(cpuRatios.aOverC.toFixed(3)) },
        perRound,
        goals: { aOverB: 3, aOverC: 0.5, dOverAuth: 0.8, dOverB: 10 },
      },
      profiles,
      warnings,
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await app?.stop();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
