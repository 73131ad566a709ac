import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import Redis from 'ioredis';

import { UIDS } from '../../shared/manifest';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { freePort, callServer, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { pollUntil } from '../helpers/webhooks';

/**
 * `cache.redis`: instances on one database share cached pages through Redis and invalidate each
 * other. Writes go to one instance, reads to another, and every read is compared with the same read
 * on a third instance that caches nothing. The cross-instance lag is printed, never asserted.
 */
const SEED = 20261206;
const STEPS = Number(process.env.NEWSROOM_SHARED_CACHE_STEPS ?? 30);
const PREFIX = `newsroom-test-${randomBytes(4).toString('hex')}:`;
const REDIS = 'redis://127.0.0.1:6379';

let database: TestDatabase;
let reference: ServerProcess;
let token = '';
const started: ServerProcess[] = [];

/** Lines of a server's output from now on. */
const watchLog = (server: ServerProcess) => {
  const lines: string[] = [];
  const take = (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean));
  server.child.stdout?.on('data', take);
  server.child.stderr?.on('data', take);
  return lines;
};

/** Each server's output since it started: a 500 is never expected here, and its cause is in the server's log, not the test's. */
const serverLogs = new Map<ServerProcess, string[]>();

/** Every server's page-cache lines, in boot order: whether each saw Redis go and come back is what a disagreement turns on. */
const cacheLog = () =>
  [...serverLogs.values()].map((lines, at) => `server ${at + 1}:\n${lines.filter((line) => line.includes('page cache')).join('\n') || '(no page-cache lines)'}`).join('\n');

const logOf = (server: ServerProcess) => serverLogs.get(server) ?? [];

const call = async (server: ServerProcess, method: string, path: string, body?: unknown, auth = true) => {
  const res = await callServer(server, method, path, { body, token: auth ? token : undefined });
  if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}; the server's last log lines:\n${logOf(server).slice(-40).join('\n')}`);
  return res;
};

const boot = async (env: Record<string, string>) => {
  const server = await startServerProcess({ ...database.env, NEWSROOM_SKIP_SAMPLE: 'true', NEWSROOM_VIEWS_FLUSH_MS: '0', STRAPI_LOG_LEVEL: 'info', ...env });
  started.push(server);
  serverLogs.set(server, watchLog(server));
  return server;
};

const articles = `/content-manager/collection-types/${UIDS.article}`;
const publish = async (server: ServerProcess, documentId: string) =>
  expect((await call(server, 'POST', `${articles}/${documentId}/actions/publish?locale=ru`, {})).status).toBe(200);

const createStory = async (server: ServerProcess, title: string, published: boolean) => {
  const created = await call(server, 'POST', `${articles}?locale=ru`, { title });
  expect(created.status).toBe(201);
  if (published) await publish(server, created.body.data.documentId);
  return created.body.data.documentId as string;
};

/** Polls the reading instance until each path answers what the uncached instance answers; the lag of each is when the first agreeing read was sent, in ms after the write answered. */
const agree = async (reader: ServerProcess, paths: string[], since: number, limitMs = 10_000) => {
  const lags = new Map<string, number>();
  let disagreement = '';
  let retried = 0;
  while (lags.size < paths.length) {
    const open = paths.filter((path) => !lags.has(path));
    await Promise.all(
      open.map(async (path) => {
        const asked = Date.now();
        const [got, truth] = await Promise.all([call(reader, 'GET', path, undefined, false), call(reference, 'GET', path, undefined, false)]);
        if (got.status === truth.status && JSON.stringify(got.body) === JSON.stringify(truth.body)) lags.set(path, asked - since);
        else {
          retried += 1;
          disagreement = `${path}: ${got.status} ${JSON.stringify(got.body).slice(0, 300)} ≠ ${truth.status} ${JSON.stringify(truth.body).slice(0, 300)}`;
        }
      })
    );
    if (lags.size < paths.length && Date.now() - since > limitMs) throw new Error(`no agreement within ${limitMs} ms of the write answered at ${new Date(since).toISOString()}: ${disagreement}\n${cacheLog()}`);
  }
  return { lags: [...lags.values()], retried };
};

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

const redis = new Redis(REDIS, { lazyConnect: true });

beforeAll(async () => {
  database = await createTestDatabase();
  reference = await boot({ NEWSROOM_CACHE: 'false' });
  const registered = await call(reference, 'POST', '/admin/register-admin', { email: 'shared@newsroom.test', password: 'Shared-Cache-1', firstname: 'Shared', lastname: 'Cache' }, false);
  expect(registered.status).toBe(200);
  token = registered.body.data.token;
  await redis.connect();
}, 240_000);

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  await database?.drop();
  // Everything this run wrote lives under its own prefix.
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

type Op =
  | { op: 'create'; title: string; publish: boolean }
  | { op: 'editTitle'; slot: number; title: string }
  | { op: 'publish' | 'unpublish' | 'delete'; slot: number }
  | { op: 'setList'; slot: number; targets: number[] };

const slot = fc.nat({ max: 7 });
const title = fc.constantFrom('Партнерство ради развития', 'Қазақстан', 'Итоги года', 'Съезд в Щучинске', 'Өскемен', 'ОИС 2025');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), title, publish: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('editTitle' as const), slot, title }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('publish' as const), slot }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('unpublish' as const, 'delete' as const), slot }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('setList' as const), slot, targets: fc.uniqueArray(slot, { maxLength: 4 }) }) }
);

describe('two instances sharing the page cache through Redis', () => {
  it('agree with an uncached read after seeded random writes on the other instance', async () => {
    const env = { NEWSROOM_CACHE_REDIS: REDIS, NEWSROOM_CACHE_REDIS_PREFIX: PREFIX };
    const [writer, reader] = await Promise.all([boot(env), boot(env)]);
    const [ops] = fc.sample(fc.array(op, { minLength: STEPS, maxLength: STEPS }), { seed: SEED, numRuns: 1 });
    const stories: string[] = [];
    const lags: number[] = [];
    let staleFirst = 0;
    const pick = (n: number) => (stories.length ? stories[n % stories.length] : undefined);
    const paths = () => ['/api/newsroom/articles?pagination[pageSize]=100', ...stories.flatMap((id) => [`/api/newsroom/articles/${id}`, `/api/newsroom/articles/${id}/related`])];
    for (const step of ops) {
      const story = 'slot' in step ? pick(step.slot) : undefined;
      if (step.op === 'create') stories.push(await createStory(writer, step.title, step.publish));
      else if (story && step.op === 'editTitle') {
        expect((await call(writer, 'PUT', `${articles}/${story}?locale=ru`, { title: step.title })).status).toBe(200);
        await publish(writer, story);
      } else if (story && step.op === 'publish') await publish(writer, story);
      else if (story && step.op === 'unpublish') expect([200, 400]).toContain((await call(writer, 'POST', `${articles}/${story}/actions/unpublish?locale=ru`, {})).status);
      else if (story && step.op === 'delete') {
        expect((await call(writer, 'DELETE', `${articles}/${story}?locale=ru`)).status).toBe(200);
        stories.splice(stories.indexOf(story), 1);
      } else if (story && step.op === 'setList') {
        const path = `/newsroom/articles/${story}/related?locale=ru`;
        const current = await call(writer, 'GET', path);
        const entries = [...new Set(step.targets.map(pick))].filter((target) => target && target !== story).map((target) => ({ target }));
        expect((await call(writer, 'PUT', path, { revision: current.body.data.revision, entries })).status).toBe(200);
        await publish(writer, story);
      }
      const since = Date.now();
      const agreed = await agree(reader, paths(), since);
      staleFirst += agreed.retried;
      lags.push(...agreed.lags);
    }
    // The shared cache was really used: pages and key sets live in Redis under this run's prefix.
    expect((await redis.keys(`${PREFIX}page:*`)).length).toBeGreaterThan(0);
    process.stdout.write(
      `shared cache on ${process.env.DATABASE_CLIENT ?? 'sqlite'}: ${ops.length} writes, ${lags.length} reads on the other instance agreed; lag p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms, over 1 s: ${lags.filter((lag) => lag > 1000).length}; stale answers before agreeing: ${staleFirst}\n`
    );
  }, 600_000);
});

/** A Redis of this test's own, so it can go away: in memory only, on loopback. */
const startRedis = async (port: number): Promise<ChildProcess> => {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await pollUntil(async () => (await probe.connect().then(() => probe.ping()).catch(() => undefined)) === 'PONG');
  probe.disconnect();
  return child;
};

const stopRedis = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** The line an instance logs once its page cache is back (its outage line ends "until it is back", so not just "is back"). */
const cameBack = (line: string) => line.includes('page cache: Redis at') && line.includes('is back; caching again');

describe('when Redis goes away', () => {
  let own: ChildProcess | undefined;
  afterAll(async () => {
    if (own && own.exitCode === null) await stopRedis(own);
  });

  it('reads go to the database, each instance logs it once, and the cache comes back with Redis', async () => {
    const port = await freePort();
    own = await startRedis(port);
    const env = { NEWSROOM_CACHE_REDIS: `redis://127.0.0.1:${port}`, NEWSROOM_CACHE_REDIS_PREFIX: PREFIX };
    const [writer, reader] = await Promise.all([boot(env), boot(env)]);
    const logs = [writer, reader].map(logOf);
    const local = new Redis(port, '127.0.0.1', { lazyConnect: true });
    const shared = async () => {
      await local.connect().catch(() => undefined);
      return (await local.keys(`${PREFIX}page:*`)).length;
    };
    const story = await createStory(writer, 'До отключения', true);
    const paths = [`/api/newsroom/articles/${story}`, '/api/newsroom/articles?pagination[pageSize]=100'];
    await pollUntil(async () => {
      await agree(reader, paths, Date.now());
      return (await shared()) >= 2;
    });
    local.disconnect();

    await stopRedis(own);
    const edit = async (text: string) => {
      expect((await call(writer, 'PUT', `${articles}/${story}?locale=ru`, { title: text })).status).toBe(200);
      await publish(writer, story);
    };
    // Without Redis: every read is a 200 with what the database holds, on both instances, write after write.
    for (const text of ['Без Redis', 'Без Redis, снова']) {
      await edit(text);
      for (const server of [reader, writer]) {
        const res = await call(server, 'GET', paths[0], undefined, false);
        expect([res.status, res.body.data.title]).toEqual([200, text]);
        await agree(server, paths, Date.now());
      }
    }
    // ioredis keeps retrying in the background: still one line per instance.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    for (const lines of logs) expect(lines.filter((line) => line.includes('page cache: Redis at') && line.includes('unavailable'))).toHaveLength(1);

    own = await startRedis(port);
    await pollUntil(() => logs.every((lines) => lines.some(cameBack)), 20_000);
    await edit('Redis вернулся');
    await agree(reader, paths, Date.now());
    expect((await call(reader, 'GET', paths[0], undefined, false)).body.data.title).toBe('Redis вернулся');
    // Cached in Redis again as reads come (a read that raced the write's invalidation is rightly not stored), and a write on one instance still reaches the other's cache.
    await pollUntil(async () => {
      for (const path of paths) expect((await call(reader, 'GET', path, undefined, false)).status).toBe(200);
      return (await shared()) >= 2;
    });
    await edit('После возвращения');
    await agree(reader, paths, Date.now());
    local.disconnect();
    for (const lines of logs) expect(lines.filter((line) => line.includes('unavailable'))).toHaveLength(1);
  }, 300_000);

  it('come back when their first try to return times out on live connections, and writes reach the other again', async () => {
    if (own && own.exitCode === null) await stopRedis(own);
    const port = await freePort();
    own = await startRedis(port);
    const env = { NEWSROOM_CACHE_REDIS: `redis://127.0.0.1:${port}`, NEWSROOM_CACHE_REDIS_PREFIX: PREFIX };
    const [writer, reader] = await Promise.all([boot(env), boot(env)]);
    const logs = [writer, reader].map(logOf);
    const story = await createStory(writer, 'До паузы', true);
    const paths = [`/api/newsroom/articles/${story}`];
    await agree(reader, paths, Date.now());
    // Redis takes no writes for 6 s and drops both instances' connections: they reconnect at once (reads and
    // SUBSCRIBE pass), but clearing the shared pages on their return times out (5 s) while the connections stay up.
    const admin = new Redis(port, '127.0.0.1');
    try {
      await admin.call('CLIENT', 'PAUSE', '6000', 'WRITE');
      await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    } finally {
      admin.disconnect();
    }
    await pollUntil(() => logs.every((lines) => lines.some((line) => line.includes('unavailable'))), 20_000);
    await pollUntil(() => logs.every((lines) => lines.some(cameBack)), 30_000);
    const edited = 'После паузы';
    expect((await call(writer, 'PUT', `${articles}/${story}?locale=ru`, { title: edited })).status).toBe(200);
    await publish(writer, story);
    await agree(reader, paths, Date.now());
    expect((await call(reader, 'GET', paths[0], undefined, false)).body.data.title).toBe(edited);
    await Promise.all([writer.stop(), reader.stop()]);
  }, 120_000);
});
