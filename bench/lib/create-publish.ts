import path from 'node:path';

import type { Core } from '@strapi/strapi';

import type { BenchApp } from './boot';
import { waitForQuiet } from './cpu';
import { createProfiler, type ProfileSummary } from './profile';
import { fmt, percentile, RESULTS_DIR, shortSql, table } from './report';
import { ARTICLE, LOCALE, relatedEntries, settle, storyData, type Bodies, type Seeded } from './seed';

export interface CreatePublishArgs {
  db: string;
  count: number;
  rounds: number;
  concurrency: number;
  quiet: number;
  profile: boolean;
  bodies: Bodies;
  /** Stories written in each mode before the timed rounds, not timed. */
  warmStories: number;
}

export interface WriteRound {
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

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Create → replaceDraft → publish of story `i` (its own slug and title). */
const writeStory = async (strapi: Core.Strapi, i: number, tag: string, pool: string[], correspondents: string[], bodies: Bodies) => {
  const byline = [correspondents[i % correspondents.length], correspondents[(i + 1) % correspondents.length]];
  const data = { ...storyData(i, byline, `${tag} `, bodies, 1000), slug: `bench-${tag}-${i}` };
  const created = await strapi.documents(ARTICLE).create({ locale: LOCALE, data: data as never });
  await strapi.plugin('newsroom').service('related-stories').replaceDraft({ documentId: created.documentId, locale: LOCALE }, relatedEntries(i, pool));
  await strapi.documents(ARTICLE).publish({ documentId: created.documentId, locale: LOCALE });
  return created.documentId;
};

const publishedListLength = async (strapi: Core.Strapi, documentId: string) =>
  (await strapi.db.query('plugin::newsroom.related-link').count({ where: { article: documentId, articleLocale: LOCALE, version: 'published' } })) as number;


export const commits = (queries: string[]) => queries.filter((sql) => /^\s*commit/i.test(sql)).length;

/** bench:write's first part: create + replaceDraft + publish with the plugin's hooks on and off (see bench/README.md). */
export const benchCreatePublish = async (app: BenchApp, seeded: Seeded, args: CreatePublishArgs, profiles: Record<string, ProfileSummary>, warnings: string[]) => {
  const { strapi, hooks } = app;
  const db = args.db;
    // SQL per operation, hooks on and off.
  hooks.enabled = true;
  const onOp = await app.queries.measure(() => writeStory(strapi, 0, 'q-on', seeded.documentIds, seeded.correspondents, args.bodies));
  // Work a publish leaves for later (the suggestions queue), counted apart.
  const onBackground = await app.queries.measure(() => settle(strapi));
  hooks.enabled = false;
  const offOp = await app.queries.measure(() => writeStory(strapi, 0, 'q-off', seeded.documentIds, seeded.correspondents, args.bodies));
  await settle(strapi);
  hooks.enabled = true;
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
  let next = 0;
  // Untimed warm-up in both modes: without it the first round (always "on") also paid for the hooks' code warming up.
  for (const mode of ['on', 'off'] as const) {
    hooks.enabled = mode === 'on';
    for (let k = 0; k < args.warmStories; k++) await writeStory(strapi, ++next, `warm-${mode}`, seeded.documentIds, seeded.correspondents, args.bodies);
    await settle(strapi);
  }
  hooks.enabled = true;
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
        ids.push(await writeStory(strapi, i, `r${r}`, seeded.documentIds, seeded.correspondents, args.bodies));
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
      latencyMs: { p50: round2(percentile(sorted, 50)), p99: round2(percentile(sorted, 99)), mean: round2(sorted.reduce((s, v) => s + v, 0) / sorted.length) },
      publishedListLength: listLength,
    });
    console.log(`round ${r + 1}: hooks ${mode.padEnd(3)} ${fmt(ids.length / seconds)} stories/s (${fmt(ids.length / secondsWithBackground)} with background work), p50 ${fmt(percentile(sorted, 50), 1)} ms, p99 ${fmt(percentile(sorted, 99), 1)} ms, published list ${listLength} entries`);
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
      await writeStory(strapi, i, `iso-${mode}`, seeded.documentIds, seeded.correspondents, args.bodies);
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

  const print = () => {
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
  };
  return {
    print,
    json: {
      queriesPerStory: opQueries,
      queriesPerStorySql: {
        hooksOn: onOp.queries.map((sql) => shortSql(sql, 300)),
        backgroundOn: onBackground.queries.map((sql) => shortSql(sql, 300)),
        hooksOff: offOp.queries.map((sql) => shortSql(sql, 300)),
      },
      createPublish: { hooksOn: on, hooksOff: off, hookCost: Number(hookCost.toFixed(3)), hookCostWithBackground: Number(hookCostWithBackground.toFixed(3)), isolated: { meanMsOn: round2(isolatedOn), meanMsOff: round2(isolatedOff), hookCost: Number(hookCostIsolated.toFixed(3)), stories: isolated.on.length }, goal: 1.25, rounds },
    },
  };
};
