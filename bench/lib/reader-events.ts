import path from 'node:path';

import type { BenchApp } from './boot';
import { commits } from './create-publish';
import { AUTH_NOOP_PATH, NOOP_PATH } from './floor';
import { runLoad, waitForQuiet, type LoadResult } from './load';
import { createProfiler, type ProfileSummary } from './profile';
import { fmt, LOAD_HEADERS, loadRow, RESULTS_DIR, shortSql, table } from './report';
import type { Seeded } from './seed';
import { TABLES } from '../../server/src/models';

const VIEW_PATH = '/api/newsroom/articles/:slug/view';

export interface ReaderEventArgs {
  db: string;
  connections: number;
  duration: number;
  warmup: number;
  quiet: number;
  profile: boolean;
}

/** bench:write's reader part: views against the no-op references on the same instance (see bench/README.md). */
export const benchReaderEvents = async (app: BenchApp, seeded: Seeded, args: ReaderEventArgs, profiles: Record<string, ProfileSummary>, warnings: string[]) => {
  const { strapi, url } = app;
  const db = args.db;
  const load = (template: string, around?: Parameters<typeof runLoad>[2]) =>
    runLoad({ url, target: { type: 'paths', method: 'POST', template }, slugs: seeded.slugs, connections: args.connections, duration: args.duration, warmup: args.warmup }, db, around);
  const flush = () => strapi.plugin('newsroom').service('views').flush() as Promise<void>;
  // Buffered views are written on the next flush: flush before every reading of the counters.
  const countsSum = async () => {
    await flush();
    return Number(((await strapi.db.connection(TABLES.viewCounts).sum({ total: 'views' }).first()) as { total: number | string | null } | undefined)?.total ?? 0);
  };
  const viewQueries = await app.queries.measure(() => fetch(`${url}${VIEW_PATH.replace(':slug', seeded.slugs[0])}`, { method: 'POST' }).then((r) => r.text()));
  const flushQueries = await app.queries.measure(flush);
  const authQueries = await app.queries.measure(async () => {
    const response = await fetch(`${url}${AUTH_NOOP_PATH.replace(':slug', seeded.slugs[0])}`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`auth-noop answered ${response.status}: the Public role lacks the view permission`);
    return response.text();
  });
  const share = await waitForQuiet(args.quiet);
  if (share > 0.25) warnings.push(`views: the machine was ${Math.round(share * 100)}% busy before the run`);
  const before = await countsSum();
  const viewProfiler = args.profile ? createProfiler() : undefined;
  const views: LoadResult = await load(
    VIEW_PATH,
    viewProfiler && {
      start: () => viewProfiler.start(),
      stop: async () => {
        profiles.views = await viewProfiler.stop(path.join(RESULTS_DIR, `write-${db}-views.cpuprofile`));
      },
    }
  );
  const moved = (await countsSum()) - before;
  await waitForQuiet(args.quiet);
  const noop = await load(NOOP_PATH);
  await waitForQuiet(args.quiet);
  const authNoop = await load(AUTH_NOOP_PATH);

  const answered = views.pages + (views.warmupPages ?? 0);
  const countersOk = moved >= answered && moved <= answered + 2 * args.connections;
  const ratio = views.pagesPerSecond / authNoop.pagesPerSecond;
  const print = () => {
    console.log(table(LOAD_HEADERS, [loadRow('POST /api/newsroom/articles/:slug/view', views), loadRow('(ref) POST /api/bench/auth-noop/:slug (stack + auth)', authNoop), loadRow('(ref) POST /bench/noop/:slug (stack only)', noop)]));
    console.log(
      `views/s = ${fmt(views.pagesPerSecond)} (goal ≥ 1,500/s on SQLite); SQL per view: ${viewQueries.queries.length} statements in ${commits(viewQueries.queries)} transactions, ` +
        `+ ${flushQueries.queries.length} in ${commits(flushQueries.queries)} per viewed story and flush interval`
    );
    console.log(
      `public-route ceiling (stack + auth, ${authQueries.queries.length} SQL statements of Strapi's own): ${fmt(authNoop.pagesPerSecond)}/s; views reach ${fmt(100 * ratio)}% of it (goal ≥ 80%)`
    );
    console.log(`counters moved by ${moved} for ${answered} answered views (warm-up included; up to ${args.connections} per run may still be in flight at stop): ${countersOk ? 'consistent' : 'INCONSISTENT'}`);
    for (const sql of [...viewQueries.queries, ...flushQueries.queries]) console.log(`    ${shortSql(sql)}`);
  };
  return {
    print,
    json: {
      views: {
        ...views,
        queriesPerView: viewQueries.queries.length,
        commitsPerView: commits(viewQueries.queries),
        queriesPerViewSql: viewQueries.queries.map((sql) => shortSql(sql, 300)),
        queriesPerFlushSql: flushQueries.queries.map((sql) => shortSql(sql, 300)),
        countersMoved: moved,
        answeredViews: answered,
        countersConsistent: countersOk,
        shareOfCeiling: Number(ratio.toFixed(3)),
        goalSqlite: 1500,
      },
      noopReference: noop,
      authNoopReference: authNoop,
    },
  };
};
