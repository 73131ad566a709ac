// npm run bench:write -- [--db sqlite|postgres|mysql] [--count 50] [--rounds 4] [--concurrency 1] [--stories 50]
//                        [--connections 10] [--duration 10] [--warmup 3] [--quiet 120] [--sqlite-tuning] [--profile]
import './lib/env';

import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { parseArgs } from './lib/args';
import { bootBench, type BenchApp } from './lib/boot';
import { AUTH_NOOP_PATH, NOOP_PATH, registerNoop } from './lib/floor';
import { runLoad, waitForQuiet, type LoadResult } from './lib/load';
import { createProfiler, type ProfileSummary } from './lib/profile';
import { fmt, LOAD_HEADERS, loadRow, machine, RESULTS_DIR, shortSql, sqliteSettings, table, tuneSqlite, writeResult } from './lib/report';
import { ARTICLE, LOCALE, relatedEntries, seedStories, settle, storyData } from './lib/seed';
import type { DatabaseClient } from '../tests/helpers/database';
import { TABLES } from '../server/src/models';

const VIEW_PATH = '/api/newsroom/articles/:slug/view';

const METHOD = [
  'One Strapi instance of the playground (plugin TypeScript sources) in this process; a throwaway database seeded with N published stories (the related targets and correspondents).',
  'One operation = what an editor does to put a story out: strapi.documents(article).create (draft, 2 correspondents, sample-sized body, explicit slug), related-stories.replaceDraft (7 stories + 1 external link), strapi.documents(article).publish.',
  'Hooks on/off: the plugin registers its Document Service middlewares in register(); the bench wraps those three (and only those, recognised by their source file) with a switch, so "off" runs the same operations on the same content type and tables with the plugin middlewares skipped. Off does less: no slug reservation, no search index, and publish does not copy the related list (checked after each round).',
  'Publishing with the hooks on also queues background work (related-story suggestions, recomputed after the commit): a round is timed until the last publish returned (what editors wait for) and, separately, until that background work is done.',
  'Isolated: afterwards the same operation one story at a time in ABBA order, background work drained between stories and not timed: the hooks\' cost in the editor\'s own wait.',
  'Rounds alternate on/off in ABBA order (on, off, off, on, …) so a database that grows during the run favours neither; each mode\'s rate is total operations / total seconds over its rounds.',
  'Views: autocannon (forked process) POST /api/newsroom/articles/:slug/view rotating over the seeded stories, same connections/duration/warm-up as bench:read; the counters are checked afterwards (sum of counts moved by the number of 200 answers, plus at most the requests in flight when autocannon stops).',
  '(ref) POST /bench/noop/:slug: the same server and middlewares, auth:false, no SQL: the ceiling of any route on this instance and machine.',
  "(ref) POST /api/bench/auth-noop/:slug: the same no-op behind Strapi's content-API auth with the view route's scope (the Public role's permission check): the ceiling of any public route.",
];

interface WriteRound {
  mode: 'on' | 'off';
  operations: number;
  /** Until the last publish returned (what editors wait for). */
  seconds: number;
  perSecond: number;
  /** Until the plugin's background work the round caused was done too. */
  secondsWithBackground: number;
  perSecondWithBackground: number;
  latencyMs: { p50: number; p99: number; mean: number };
  publishedListLength: number;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Create → replaceDraft → publish of story `i` (its own slug and title). */
const writeStory = async (strapi: Core.Strapi, i: number, tag: string, pool: string[], correspondents: string[]) => {
  const byline = [correspondents[i % correspondents.length], correspondents[(i + 1) % correspondents.length]];
  const data = { ...storyData(i, byline, `${tag} `), slug: `bench-${tag}-${i}` };
  const created = await strapi.documents(ARTICLE).create({ locale: LOCALE, data: data as never });
  await strapi.plugin('newsroom').service('related-stories').replaceDraft({ documentId: created.documentId, locale: LOCALE }, relatedEntries(i, pool));
  await strapi.documents(ARTICLE).publish({ documentId: created.documentId, locale: LOCALE });
  return created.documentId;
};

const publishedListLength = async (strapi: Core.Strapi, documentId: string) =>
  (await strapi.db.query('plugin::newsroom.related-link').count({ where: { article: documentId, articleLocale: LOCALE, version: 'published' } })) as number;

const main = async () => {
  const args = parseArgs({
    db: 'sqlite',
    count: 50,
    rounds: 4,
    concurrency: 1,
    stories: 50,
    connections: 10,
    duration: 10,
    warmup: 3,
    quiet: 120,
    sqliteTuning: false,
    profile: false,
  });
  const db = args.db as DatabaseClient;
  console.log(
    `bench:write on ${db}: ${args.rounds} rounds × ${args.count} stories (concurrency ${args.concurrency}), then views with ${args.connections} connections × ${args.duration} s`
  );
  let app: BenchApp | undefined;
  try {
    app = await bootBench({ db, hookSwitch: true, beforeListen: registerNoop });
    const { strapi, url, hooks } = app;
    if (args.sqliteTuning) await tuneSqlite(strapi);
    const seeded = await seedStories(strapi, args.stories);
    console.log(`plugin Document Service middlewares behind the switch: ${hooks.wrapped}`);

    // SQL per operation, hooks on and off.
    hooks.enabled = true;
    const onOp = await app.queries.measure(() => writeStory(strapi, 0, 'q-on', seeded.documentIds, seeded.correspondents));
    // Work a publish leaves for later (the suggestions queue), counted apart.
    const onBackground = await app.queries.measure(() => settle(strapi));
    hooks.enabled = false;
    const offOp = await app.queries.measure(() => writeStory(strapi, 0, 'q-off', seeded.documentIds, seeded.correspondents));
    await settle(strapi);
    hooks.enabled = true;
    const commits = (queries: string[]) => queries.filter((sql) => /^\s*commit/i.test(sql)).length;
    const opQueries = {
      hooksOn: onOp.queries.length,
      hooksOff: offOp.queries.length,
      commitsOn: commits(onOp.queries),
      commitsOff: commits(offOp.queries),
      backgroundOn: onBackground.queries.length,
      backgroundCommitsOn: commits(onBackground.queries),
    };
    console.log(
      `SQL per operation (create + replaceDraft + publish): hooks on ${opQueries.hooksOn} statements in ${opQueries.commitsOn} transactions` +
        ` (+ ${opQueries.backgroundOn} in ${opQueries.backgroundCommitsOn} afterwards, in the background), hooks off ${opQueries.hooksOff} in ${opQueries.commitsOff}`
    );

    const modes: Array<'on' | 'off'> = Array.from({ length: args.rounds }, (_, r) => (r % 4 === 0 || r % 4 === 3 ? 'on' : 'off'));
    const rounds: WriteRound[] = [];
    const warnings: string[] = [];
    const profiles: Record<string, ProfileSummary> = {};
    let next = 0;
    for (const [r, mode] of modes.entries()) {
      const share = await waitForQuiet(args.quiet);
      if (share > 0.25) warnings.push(`write round ${r + 1} (${mode}): the machine was ${Math.round(share * 100)}% busy before the round`);
      hooks.enabled = mode === 'on';
      const profiler = args.profile && r < 2 ? createProfiler() : undefined;
      await profiler?.start();
      const latencies: number[] = [];
      const ids: string[] = [];
      const start = process.hrtime.bigint();
      let issued = 0;
      const worker = async () => {
        while (issued < args.count) {
          issued += 1;
          const i = ++next;
          const t0 = process.hrtime.bigint();
          ids.push(await writeStory(strapi, i, `r${r}`, seeded.documentIds, seeded.correspondents));
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, args.concurrency) }, worker));
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      await settle(strapi);
      const secondsWithBackground = Number(process.hrtime.bigint() - start) / 1e9;
      if (profiler) profiles[mode] = await profiler.stop(path.join(RESULTS_DIR, `write-${db}-hooks-${mode}.cpuprofile`));
      hooks.enabled = true;
      const sorted = latencies.sort((x, y) => x - y);
      const listLength = await publishedListLength(strapi, ids[0]);
      rounds.push({
        mode,
        operations: ids.length,
        seconds: round2(seconds),
        perSecond: round2(ids.length / seconds),
        secondsWithBackground: round2(secondsWithBackground),
        perSecondWithBackground: round2(ids.length / secondsWithBackground),
        latencyMs: { p50: round2(percentile(sorted, 0.5)), p99: round2(percentile(sorted, 0.99)), mean: round2(sorted.reduce((s, v) => s + v, 0) / sorted.length) },
        publishedListLength: listLength,
      });
      console.log(`round ${r + 1}: hooks ${mode.padEnd(3)} ${fmt(ids.length / seconds)} stories/s (${fmt(ids.length / secondsWithBackground)} with background work), p50 ${fmt(percentile(sorted, 0.5), 1)} ms, p99 ${fmt(percentile(sorted, 0.99), 1)} ms, published list ${listLength} entries`);
    }
    const summary = (mode: 'on' | 'off') => {
      const of = rounds.filter((round) => round.mode === mode);
      const operations = of.reduce((s, round) => s + round.operations, 0);
      const seconds = of.reduce((s, round) => s + round.seconds, 0);
      const withBackground = of.reduce((s, round) => s + round.secondsWithBackground, 0);
      const p50s = of.map((round) => round.latencyMs.p50).sort((x, y) => x - y);
      return {
        rounds: of.length,
        operations,
        seconds: round2(seconds),
        perSecond: round2(operations / seconds),
        perSecondWithBackground: round2(operations / withBackground),
        medianP50Ms: p50s[Math.floor((p50s.length - 1) / 2)],
      };
    };
    const on = summary('on');
    const off = summary('off');
    // Isolated: the same operations one at a time, the background work drained after each and not
    // timed, so the editor's wait is measured without the previous story's recompute competing for it.
    const isolated: Record<'on' | 'off', number[]> = { on: [], off: [] };
    for (const mode of ['on', 'off', 'off', 'on'] as const) {
      hooks.enabled = mode === 'on';
      for (let k = 0; k < Math.max(5, Math.floor(args.count / 2)); k++) {
        const i = ++next;
        const t0 = process.hrtime.bigint();
        await writeStory(strapi, i, `iso-${mode}`, seeded.documentIds, seeded.correspondents);
        isolated[mode].push(Number(process.hrtime.bigint() - t0) / 1e6);
        await settle(strapi);
      }
    }
    hooks.enabled = true;
    const meanOf = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    const isolatedOn = meanOf(isolated.on);
    const isolatedOff = meanOf(isolated.off);
    const hookCostIsolated = isolatedOn / isolatedOff;
    const hookCost = off.perSecond / on.perSecond;
    const hookCostWithBackground = off.perSecondWithBackground / on.perSecondWithBackground;

    // Views.
    const countsSum = async () => Number(((await strapi.db.connection(TABLES.viewCounts).sum({ total: 'views' }).first()) as { total: number | string | null } | undefined)?.total ?? 0);
    const viewQueries = await app.queries.measure(() => fetch(`${url}${VIEW_PATH.replace(':slug', seeded.slugs[0])}`, { method: 'POST' }).then((r) => r.text()));
    const authQueries = await app.queries.measure(async () => {
      const response = await fetch(`${url}${AUTH_NOOP_PATH.replace(':slug', seeded.slugs[0])}`, { method: 'POST' });
      if (response.status !== 200) throw new Error(`auth-noop answered ${response.status}: the Public role lacks the view permission`);
      return response.text();
    });
    const share = await waitForQuiet(args.quiet);
    if (share > 0.25) warnings.push(`views: the machine was ${Math.round(share * 100)}% busy before the run`);
    const before = await countsSum();
    let viewProfile: ProfileSummary | undefined;
    const viewProfiler = args.profile ? createProfiler() : undefined;
    const views: LoadResult = await runLoad(
      { url, target: { type: 'paths', method: 'POST', template: VIEW_PATH }, slugs: seeded.slugs, connections: args.connections, duration: args.duration, warmup: args.warmup },
      db,
      viewProfiler && {
        start: () => viewProfiler.start(),
        stop: async () => {
          viewProfile = await viewProfiler.stop(path.join(RESULTS_DIR, `write-${db}-views.cpuprofile`));
        },
      }
    );
    const moved = (await countsSum()) - before;
    if (viewProfile) profiles.views = viewProfile;
    await waitForQuiet(args.quiet);
    const noop = await runLoad(
      { url, target: { type: 'paths', method: 'POST', template: NOOP_PATH }, slugs: seeded.slugs, connections: args.connections, duration: args.duration, warmup: args.warmup },
      db
    );
    await waitForQuiet(args.quiet);
    const authNoop = await runLoad(
      { url, target: { type: 'paths', method: 'POST', template: AUTH_NOOP_PATH }, slugs: seeded.slugs, connections: args.connections, duration: args.duration, warmup: args.warmup },
      db
    );

    console.log(`\nbench:write on ${db}`);
    console.log(
      table(
        ['create + replaceDraft + publish', 'stories/s', 'incl. background', 'median p50 ms', 'rounds', 'stories', 'SQL/story', 'commits/story'],
        [
          ['plugin hooks on', fmt(on.perSecond), fmt(on.perSecondWithBackground), fmt(on.medianP50Ms), on.rounds, on.operations, `${opQueries.hooksOn} (+${opQueries.backgroundOn} bg)`, `${opQueries.commitsOn} (+${opQueries.backgroundCommitsOn} bg)`],
          ['plugin hooks off', fmt(off.perSecond), fmt(off.perSecondWithBackground), fmt(off.medianP50Ms), off.rounds, off.operations, opQueries.hooksOff, opQueries.commitsOff],
        ]
      )
    );
    console.log(`hooks cost: off/on = ${fmt(hookCost, 2)}× sustained (goal ≤ 1.25×); ${fmt(hookCostWithBackground, 2)}× counting the background work publishing leaves`);
    console.log(
      `isolated (one story at a time, background drained in between, not timed): ${fmt(isolatedOn, 1)} ms with hooks vs ${fmt(isolatedOff, 1)} ms without = ${fmt(hookCostIsolated, 2)}×`
    );
    console.log('');
    console.log(table(LOAD_HEADERS, [loadRow('POST /api/newsroom/articles/:slug/view', views), loadRow('(ref) POST /api/bench/auth-noop/:slug (stack + auth)', authNoop), loadRow('(ref) POST /bench/noop/:slug (stack only)', noop)]));
    console.log(`views/s = ${fmt(views.pagesPerSecond)} (goal ≥ 1,500/s on SQLite); SQL per view: ${viewQueries.queries.length} statements in ${commits(viewQueries.queries)} transactions`);
    console.log(
      `public-route ceiling (stack + auth, ${authQueries.queries.length} SQL statements of Strapi's own): ${fmt(authNoop.pagesPerSecond)}/s; views reach ${fmt((100 * views.pagesPerSecond) / authNoop.pagesPerSecond)}% of it`
    );
    const answered = views.pages + (views.warmupPages ?? 0);
    const countersOk = moved >= answered && moved <= answered + 2 * args.connections;
    console.log(`counters moved by ${moved} for ${answered} answered views (warm-up included; up to ${args.connections} per run may still be in flight at stop): ${countersOk ? 'consistent' : 'INCONSISTENT'}`);
    for (const sql of viewQueries.queries) console.log(`    ${shortSql(sql)}`);
    for (const [key, profile] of Object.entries(profiles)) {
      console.log(`\nCPU profile (${key}) — ${profile.file}, ${profile.totalMs} ms on CPU`);
      console.log(table(['self time by package / file', 'ms', '%'], profile.selfByOwner.slice(0, 12).map((row) => [row.owner, row.ms, row.share])));
    }
    for (const warning of warnings) console.log(`warning: ${warning}`);
    console.log('\nMethod:\n' + METHOD.map((line) => `  - ${line}`).join('\n'));

    const file = writeResult(`write-${db}.json`, {
      bench: 'write',
      at: new Date().toISOString(),
      db,
      args,
      machine: machine(),
      sqlite: await sqliteSettings(strapi),
      method: METHOD,
      hooksWrapped: hooks.wrapped,
      queriesPerStory: opQueries,
      queriesPerStorySql: {
        hooksOn: onOp.queries.map((sql) => shortSql(sql, 300)),
        backgroundOn: onBackground.queries.map((sql) => shortSql(sql, 300)),
        hooksOff: offOp.queries.map((sql) => shortSql(sql, 300)),
      },
      createPublish: { hooksOn: on, hooksOff: off, hookCost: Number(hookCost.toFixed(3)), hookCostWithBackground: Number(hookCostWithBackground.toFixed(3)), isolated: { meanMsOn: round2(isolatedOn), meanMsOff: round2(isolatedOff), hookCost: Number(hookCostIsolated.toFixed(3)), stories: isolated.on.length }, goal: 1.25, rounds },
      views: { ...views, queriesPerView: viewQueries.queries.length, commitsPerView: commits(viewQueries.queries), queriesPerViewSql: viewQueries.queries.map((sql) => shortSql(sql, 300)), countersMoved: moved, answeredViews: views.pages + (views.warmupPages ?? 0), countersConsistent: moved >= views.pages + (views.warmupPages ?? 0) && moved <= views.pages + (views.warmupPages ?? 0) + 2 * args.connections, goalSqlite: 1500 },
      noopReference: noop,
      authNoopReference: authNoop,
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
