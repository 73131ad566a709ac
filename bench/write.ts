// npm run bench:write -- [--db sqlite|postgres|mysql] [--only all|views|hooks] [--count 50] [--rounds 4] [--concurrency 1] [--stories 50] [--bodies varied|sample] [--warm-stories 20]
//                        [--connections 10] [--duration 10] [--warmup 3] [--quiet 120] [--sqlite-tuning] [--profile] [--redis redis://127.0.0.1:6379|none] [--dedupe 0]
import './lib/env';

import { parseArgs } from './lib/args';
import { bootBench, takeStatistics, type BenchApp } from './lib/boot';
import { benchCreatePublish } from './lib/create-publish';
import { registerNoop } from './lib/floor';
import type { ProfileSummary } from './lib/profile';
import { benchReaderEvents } from './lib/reader-events';
import { machine, sqliteSettings, table, tuneSqlite, writeResult } from './lib/report';
import { seedStories, type Bodies } from './lib/seed';
import type { DatabaseClient } from '../tests/helpers/database';

const METHOD = [
  'One Strapi instance of the playground (plugin TypeScript sources) in this process; a throwaway database seeded with N published stories (the related targets and correspondents).',
  'One operation = what an editor does to put a story out: strapi.documents(article).create (draft, 2 correspondents, a body of 3–5 paragraphs, explicit slug), related-stories.replaceDraft (7 stories + 1 external link), strapi.documents(article).publish.',
  '--bodies varied (default): each story, seeded or written, carries its own title, lead, body and tags from the synthetic archive (tests/helpers/news-archive.ts), as stories of a real desk differ. --bodies sample: every story carries the sample page\'s lead and body (earlier releases\' figures), so each shares every body word with every other: the worst case for the suggestions recompute.',
  'Hooks on/off: the plugin registers its Document Service middlewares in register(); the bench wraps those three (and only those, recognised by their source file) with a switch, so "off" runs the same operations on the same content type and tables with the plugin middlewares skipped. Off does less: no slug reservation, no search index, and publish does not copy the related list (checked after each round).',
  'Publishing with the hooks on also queues background work (related-story suggestions, recomputed after the commit): a round is timed until the last publish returned (what editors wait for) and, separately, until that background work is done.',
  'Isolated: afterwards the same operation one story at a time in ABBA order, background work drained between stories and not timed: the hooks\' cost in the editor\'s own wait.',
  'Before the rounds, --warm-stories stories (20) in each mode, not timed: the first timed round (always "on") no longer pays for the hooks\' code warming up.',
  'Rounds alternate on/off in ABBA order (on, off, off, on, …) so a database that grows during the run favours neither; each mode\'s rate is total operations / total seconds over its rounds.',
  'Views: autocannon (forked process) POST /api/newsroom/articles/:slug/view rotating over the seeded stories, same connections/duration/warm-up as bench:read; the counters are checked afterwards (sum of counts moved by the number of 200 answers, plus at most the requests in flight when autocannon stops).',
  'Clicks: the same for POST /api/newsroom/articles/:slug/related-click, each story\'s first related entry at position 1 (checked against the related-click day rows).',
  'Redis (unless --redis none): views and clicks again on the same instance with counters.redis set at runtime (a key prefix of its own, deleted afterwards).',
  '--dedupe N: views.dedupeWindowSeconds N for views and clicks, each request a reader of its own (a running number in a browser user agent), so every one pays the dedupe check and still counts.',
  'Ceiling around each target: the auth no-op runs half a load just before and half a load just after each counted load (A B A), and the target is compared with those two halves, so drift in what else the machine runs falls on both; the share by server CPU a request is printed beside the share by rate.',
  '(ref) POST /bench/noop/:slug: the same server and middlewares, auth:false, no SQL: the ceiling of any route on this instance and machine.',
  "(ref) POST /api/bench/auth-noop/:slug: the same no-op behind Strapi's content-API auth with the view route's scope (the Public role's permission check): the ceiling of any public route.",
];

const main = async () => {
  const args = parseArgs({
    db: 'sqlite',
    only: 'all',
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
    dedupe: 0,
    bodies: 'varied',
    warmStories: 20,
    redis: 'redis://127.0.0.1:6379',
  });
  if (!['all', 'views', 'hooks'].includes(args.only)) throw new Error('--only must be "all", "views" or "hooks"');
  if (args.bodies !== 'varied' && args.bodies !== 'sample') throw new Error('--bodies must be "varied" or "sample"');
  const bodies = args.bodies as Bodies;
  const db = args.db as DatabaseClient;
  console.log(
    `bench:write on ${db}: ${args.only === 'views' ? 'views only' : `${args.rounds} rounds × ${args.count} stories (concurrency ${args.concurrency})${args.only === 'hooks' ? '' : ', then views'}`} with ${args.connections} connections × ${args.duration} s, ${bodies} bodies`
  );
  let app: BenchApp | undefined;
  try {
    app = await bootBench({ db, hookSwitch: true, beforeListen: registerNoop });
    const { strapi, hooks } = app;
    if (args.sqliteTuning) await tuneSqlite(strapi);
    const seeded = await seedStories(strapi, args.stories, undefined, bodies);
    await takeStatistics(app);
    console.log(`plugin Document Service middlewares behind the switch: ${hooks.wrapped}`);
    const profiles: Record<string, ProfileSummary> = {};
    const warnings: string[] = [];
    const createPublish = args.only === 'views' ? undefined : await benchCreatePublish(app, seeded, { ...args, bodies }, profiles, warnings);
    const readers = args.only === 'hooks' ? undefined : await benchReaderEvents(app, seeded, args, profiles, warnings);

    console.log(`\nbench:write on ${db}`);
    createPublish?.print();
    console.log('');
    readers?.print();
    for (const [key, profile] of Object.entries(profiles)) {
      console.log(`\nCPU profile (${key}) — ${profile.file}, ${profile.totalMs} ms on CPU`);
      console.log(table(['self time by package / file', 'ms', '%'], profile.selfByOwner.slice(0, 12).map((row) => [row.owner, row.ms, row.share])));
    }
    for (const warning of warnings) console.log(`warning: ${warning}`);
    console.log('\nMethod:\n' + METHOD.map((line) => `  - ${line}`).join('\n'));

    const file = writeResult(`write-${db}${args.only === 'all' ? '' : `-${args.only}`}.json`, {
      bench: 'write',
      at: new Date().toISOString(),
      db,
      args,
      machine: machine(),
      sqlite: await sqliteSettings(strapi),
      method: METHOD,
      hooksWrapped: hooks.wrapped,
      ...createPublish?.json,
      ...readers?.json,
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
