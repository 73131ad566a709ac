import path from 'node:path';

import type { BenchApp } from './boot';
import { commits } from './create-publish';
import { AUTH_NOOP_PATH, NOOP_PATH } from './floor';
import { waitForQuiet } from './cpu';
import { runLoad, type LoadResult } from './load';
import { createProfiler, type ProfileSummary } from './profile';
import { fmt, LOAD_HEADERS, loadRow, RESULTS_DIR, shortSql, table } from './report';
import type { Seeded } from './seed';
import { TABLES } from '../../server/src/models';
import { BROWSER } from '../../tests/helpers/user-agents';
import type { NewsroomConfig } from '../../server/src/config';
import Redis from 'ioredis';

const VIEW_PATH = '/api/newsroom/articles/:slug/view';
const CLICK_PATH = '/api/newsroom/articles/:slug/related-click';

export interface ReaderEventArgs {
  db: string;
  /** Redis URL for the second pass (`counters.redis`), or "none". */
  redis: string;
  connections: number;
  duration: number;
  warmup: number;
  quiet: number;
  profile: boolean;
  /** views.dedupeWindowSeconds for the run (0: the default, every view counts); > 0 sends each request as a new reader. */
  dedupe: number;
}

/** bench:write's reader part: views and related clicks against the no-op references on the same instance, buffered and then (with Redis) shared. */
export const benchReaderEvents = async (app: BenchApp, seeded: Seeded, args: ReaderEventArgs, profiles: Record<string, ProfileSummary>, warnings: string[]) => {
  const { strapi, url } = app;
  const db = args.db;
  const load = (template: string, around?: Parameters<typeof runLoad>[2], bodies?: Record<string, string>) =>
    runLoad({ url, target: { type: 'paths', method: 'POST', template, bodies, readers: args.dedupe > 0 }, slugs: seeded.slugs, connections: args.connections, duration: args.duration, warmup: args.warmup }, db, around);
  const flush = async () => {
    await strapi.plugin('newsroom').service('views').flush();
    await strapi.plugin('newsroom').service('related-clicks').flush();
  };
  const sumOf = async (table: string, column: string) => {
    await flush();
    return Number(((await strapi.db.connection(table).sum({ total: column }).first()) as { total: number | string | null } | undefined)?.total ?? 0);
  };
  if (args.dedupe > 0) {
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    strapi.config.set('plugin::newsroom', { ...config, views: { ...config.views, dedupeWindowSeconds: args.dedupe } });
  }
  // Each story's first related entry, as its front end would report a click on it.
  const bodies: Record<string, string> = {};
  for (const slug of seeded.slugs) {
    const [entry] = ((await (await fetch(`${url}/api/newsroom/articles/${slug}/related`)).json()) as { data: Array<{ slug?: string; url?: string; external: boolean; suggested: boolean }> }).data;
    bodies[slug] = JSON.stringify({ ...(entry.external ? { url: entry.url } : { target: entry.slug }), position: 1, origin: entry.suggested ? 'suggested' : 'editor' });
  }
  const first = seeded.slugs[0];
  // A reader's browser: node's own user agent is a bot to the counters, and a bot's view takes the crawler path.
  const headers = { 'user-agent': BROWSER };
  const post = (path: string, body?: string) => fetch(`${url}${path.replace(':slug', first)}`, { method: 'POST', headers: body ? { ...headers, 'content-type': 'application/json' } : headers, body }).then((r) => r.text());
  // Warm: the lookup of published stories is kept in process, as it is under load.
  await post(VIEW_PATH);
  // Warm: the story's related list clicks are checked against is kept in process too.
  await post(CLICK_PATH, bodies[first]);
  const viewQueries = await app.queries.measure(() => post(VIEW_PATH));
  const clickQueries = await app.queries.measure(() => post(CLICK_PATH, bodies[first]));
  const flushQueries = await app.queries.measure(flush);
  const authQueries = await app.queries.measure(async () => {
    const response = await fetch(`${url}${AUTH_NOOP_PATH.replace(':slug', first)}`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`auth-noop answered ${response.status}: the Public role lacks the view permission`);
    return response.text();
  });

  const authLoad = (duration: number) =>
    runLoad({ url, target: { type: 'paths', method: 'POST', template: AUTH_NOOP_PATH }, slugs: seeded.slugs, connections: args.connections, duration, warmup: args.warmup }, db);
  /** Two loads of one target as one: rates and server CPU a page over both. */
  const joined = (a: LoadResult, b: LoadResult): LoadResult => {
    const pages = a.pages + b.pages;
    const seconds = a.seconds + b.seconds;
    const cpu = (r: LoadResult) => (r.cpu?.serverMsPerPage ?? 0) * r.pages;
    return { ...a, pages, seconds, requests: a.requests + b.requests, pagesPerSecond: pages / seconds, requestsPerSecond: (a.requests + b.requests) / seconds, cpu: a.cpu && { ...a.cpu, serverMsPerPage: (cpu(a) + cpu(b)) / pages, otherBusyShare: (a.cpu.otherBusyShare + (b.cpu?.otherBusyShare ?? 0)) / 2 } };
  };

  /** One counted load, bracketed by the ceiling (half a load before, half after), so both see the same machine: events/s and whether the table moved by the answers. */
  const counted = async (name: string, template: string, table: string, column: string, postBodies?: Record<string, string>) => {
    const share = await waitForQuiet(args.quiet);
    if (share > 0.25) warnings.push(`${name}: the machine was ${Math.round(share * 100)}% busy before the run`);
    const ceilingBefore = await authLoad(args.duration / 2);
    const before = await sumOf(table, column);
    const profiler = args.profile ? createProfiler() : undefined;
    const result = await load(
      template,
      profiler && {
        start: () => profiler.start(),
        stop: async () => {
          profiles[name] = await profiler.stop(path.join(RESULTS_DIR, `write-${db}-${name}.cpuprofile`));
        },
      },
      postBodies
    );
    const moved = (await sumOf(table, column)) - before;
    const ceiling = joined(ceilingBefore, await authLoad(args.duration / 2));
    const answered = result.pages + (result.warmupPages ?? 0);
    return { name, template, result, ceiling, moved, answered, consistent: moved >= answered && moved <= answered + 2 * args.connections };
  };
  const pass = async (suffix: string) => [
    await counted(`views${suffix}`, VIEW_PATH, TABLES.viewCounts, 'views'),
    await counted(`clicks${suffix}`, CLICK_PATH, TABLES.relatedClicks, 'clicks', bodies),
  ];

  const runs = await pass('');
  await waitForQuiet(args.quiet);
  const noop = await load(NOOP_PATH);
  if (args.redis !== 'none') {
    // Second pass with counters.redis: the same instance counting into Redis, under a prefix of its own.
    const keyPrefix = `newsroom-bench:${process.pid}:`;
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    strapi.config.set('plugin::newsroom', { ...config, counters: { redis: args.redis, keyPrefix } });
    const counters = strapi.plugin('newsroom').service('counters');
    await counters.start();
    if (!counters.active) warnings.push(`redis: ${args.redis} did not answer; the Redis pass counted through the database`);
    runs.push(...(await pass('+redis')));
    const redis = new Redis(args.redis);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  const authNoop = runs.map((run) => run.ceiling).reduce(joined);
  const share = (run: (typeof runs)[number]) => run.result.pagesPerSecond / run.ceiling.pagesPerSecond;
  const cpuShare = (run: (typeof runs)[number]) => (run.ceiling.cpu && run.result.cpu ? run.ceiling.cpu.serverMsPerPage / run.result.cpu.serverMsPerPage : NaN);

  const print = () => {
    console.log(
      table(LOAD_HEADERS, [
        ...runs.map((run) => loadRow(`POST ${run.template}${run.name.endsWith('+redis') ? ' (counters.redis)' : ''}`, run.result)),
        loadRow('(ref) POST /api/bench/auth-noop/:slug (stack + auth)', authNoop),
        loadRow('(ref) POST /bench/noop/:slug (stack only)', noop),
      ])
    );
    console.log(`public-route ceiling (stack + auth, ${authQueries.queries.length} SQL statements of Strapi's own): ${fmt(authNoop.pagesPerSecond)}/s over all its loads; each target is compared with the ceiling measured around it`);
    for (const run of runs) {
      console.log(
        `${run.name}/s = ${fmt(run.result.pagesPerSecond)}: ${fmt(100 * share(run))}% of the ceiling around it, ${fmt(run.ceiling.pagesPerSecond)}/s (goal for views ≥ 80%); by server CPU a request ${fmt(100 * cpuShare(run))}%; ` +
          `table moved by ${run.moved} for ${run.answered} answered (up to ${args.connections} in flight at stop): ${run.consistent ? 'consistent' : 'INCONSISTENT'}`
      );
    }
    console.log(
      `SQL per view (buffered, lookups warm): ${viewQueries.queries.length} statements in ${commits(viewQueries.queries)} transactions; per click: ${clickQueries.queries.length}; ` +
        `+ ${flushQueries.queries.length} in ${commits(flushQueries.queries)} per flush`
    );
    for (const sql of [...viewQueries.queries, ...clickQueries.queries, ...flushQueries.queries]) console.log(`    ${shortSql(sql)}`);
  };
  const views = runs[0];
  return {
    print,
    json: {
      views: {
        ...views.result,
        queriesPerView: viewQueries.queries.length,
        commitsPerView: commits(viewQueries.queries),
        queriesPerViewSql: viewQueries.queries.map((sql) => shortSql(sql, 300)),
        queriesPerClickSql: clickQueries.queries.map((sql) => shortSql(sql, 300)),
        queriesPerFlushSql: flushQueries.queries.map((sql) => shortSql(sql, 300)),
        countersMoved: views.moved,
        answeredViews: views.answered,
        countersConsistent: views.consistent,
        shareOfCeiling: Number(share(views).toFixed(3)),
        goalSqlite: 1500,
      },
      readerEvents: runs.map((run) => ({
        name: run.name,
        perSecond: run.result.pagesPerSecond,
        ceilingPerSecond: run.ceiling.pagesPerSecond,
        shareOfCeiling: Number(share(run).toFixed(3)),
        shareOfCeilingByCpu: Number(cpuShare(run).toFixed(3)),
        moved: run.moved,
        answered: run.answered,
        consistent: run.consistent,
      })),
      noopReference: noop,
      authNoopReference: authNoop,
    },
  };
};
