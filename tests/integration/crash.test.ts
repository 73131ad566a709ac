import { UIDS } from '../../shared/manifest';
import { spawn } from 'node:child_process';
import path from 'node:path';

import { connect, createTestDatabase, type TestDatabase } from '../helpers/database';
import { BROWSER } from '../helpers/http';
import { REPO } from '../helpers/paths';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { TABLES } from '../../server/src/models';

/**
 * The Strapi process is killed with SIGKILL (no shutdown hook runs) while related lists are being
 * saved; after a restart every list is one of the lists that were sent, whole, never a mix.
 */
let database: TestDatabase;
let server: ServerProcess;
let token = '';
const env = () => ({ ...database.env, NEWSROOM_SKIP_SAMPLE: 'true', NEWSROOM_MAX_RELATED: '100', STRAPI_LOG_LEVEL: 'error' });

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServerProcess(env());
  const registered = await call('POST', '/admin/register-admin', { email: 'crash@newsroom.test', password: 'Crash-Test-1', firstname: 'Crash', lastname: 'Test' });
  token = registered.body.data.token;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('a killed process never leaves a half-written list', () => {
  it('keeps every list whole through SIGKILL in the middle of saves', async () => {
    const targets: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const res = await call('POST', `/content-manager/collection-types/${UIDS.article}?locale=ru`, { title: `Цель краша ${i}` });
      targets.push(res.body.data.documentId);
    }
    const owners: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      owners.push((await call('POST', `/content-manager/collection-types/${UIDS.article}?locale=ru`, { title: `Список краша ${i}` })).body.data.documentId);
    }
    // The candidate lists: every save sends one of these, all 40 entries long, in different orders.
    const candidates = [targets, [...targets].reverse(), [...targets.slice(20), ...targets.slice(0, 20)]];

    for (let round = 0; round < 3; round += 1) {
      let sent = 0;
      let answered = 0;
      const saves = owners.flatMap((owner) =>
        candidates.map(async (list) => {
          const current = await call('GET', `/newsroom/articles/${owner}/related?locale=ru`).catch(() => null);
          if (!current || current.status !== 200) return;
          sent += 1;
          const saved = await call('PUT', `/newsroom/articles/${owner}/related?locale=ru`, { revision: current.body.data.revision, entries: list.map((target) => ({ target })) }).catch(() => null);
          if (saved) answered += 1;
        })
      );
      // Kill once the server has answered a save and others are still unanswered: those die in flight.
      const deadline = Date.now() + 30_000;
      while (!(answered > 0 && sent > answered) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      const inFlight = sent - answered;
      await server.kill();
      expect({ round, answeredBeforeKill: answered > 0, inFlight: inFlight > 0 }).toEqual({ round, answeredBeforeKill: true, inFlight: true });
      await Promise.allSettled(saves);
      server = await startServerProcess(env());

      for (const owner of owners) {
        const res = await call('GET', `/newsroom/articles/${owner}/related?locale=ru`);
        expect(res.status).toBe(200);
        const list = (res.body.data.entries as Array<{ target: string; position: number }>).map((entry) => entry.target);
        const whole = list.length === 0 || candidates.some((candidate) => JSON.stringify(candidate) === JSON.stringify(list));
        expect(whole).toBe(true);
        expect(res.body.data.entries.map((entry: { position: number }) => entry.position)).toEqual(list.map((_, index) => index));
      }
    }
  });
});

/** `npm run newsroom -- reindex` as its own process, on the test's database. */
const reindexProcess = (flags: string[]) => {
  const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(REPO, 'scripts', 'newsroom.ts'), 'reindex', ...flags], {
    cwd: REPO,
    env: { ...process.env, ...env(), NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output }))
  );
  return { child, exit };
};

describe('a killed reindex resumes', () => {
  it('SIGKILL in the middle of scoring: the run continues from its checkpoint, every list whole, the same as a fresh run', async () => {
    const words = ['энергетика', 'безопасность', 'экспорт', 'инвестиции', 'образование', 'медицина'];
    for (let i = 0; i < 90; i += 1) {
      const topic = words[i % words.length];
      const res = await call('POST', `/content-manager/collection-types/${UIDS.article}/actions/publish?locale=ru`, {
        title: `Новости: ${topic} ${i}`,
        lead: `Правительство обсудило ${topic} и планы на год ${2000 + i}`,
        tags: [topic],
      });
      expect(res.status).toBe(200);
    }
    await server.stop();
    const db = connect(database);
    try {
      const checkpoint = async () => {
        const row = (await db('strapi_core_store_settings').where({ key: 'plugin_newsroom_suggestions-reindex' }).first('value')) as { value: string } | undefined;
        return row ? (JSON.parse(row.value) as { phase: string; lastId: number }) : null;
      };
      const lists = async () =>
        (await db(TABLES.suggestions).orderBy([{ column: 'document_id' }, { column: 'suggested_document_id' }]).select('document_id', 'suggested_document_id', 'score', 'reasons')) as Array<Record<string, unknown>>;

      // One story per checkpoint, killed as soon as the scoring phase has saved its first one.
      const killed = reindexProcess(['--fresh', '--batch', '1']);
      let seen: { phase: string; lastId: number } | null = null;
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && killed.child.exitCode === null) {
        seen = await checkpoint().catch(() => null);
        if (seen?.phase === 'score' && seen.lastId > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      killed.child.kill('SIGKILL');
      const first = await killed.exit;
      if (first.signal !== 'SIGKILL') throw new Error(`the reindex ended before scoring could be interrupted (exit ${first.code}, checkpoint ${JSON.stringify(seen)}):\n${first.output}`);
      const atKill = await checkpoint();
      expect(atKill?.phase).toBe('score');

      const resumed = await reindexProcess([]).exit;
      expect(resumed.code).toBe(0);
      expect(resumed.output).toContain('resumed and finished');
      expect((await checkpoint())?.phase).toBe('done');
      const afterResume = await lists();
      expect(afterResume.length).toBeGreaterThan(90);

      const fresh = await reindexProcess(['--fresh']).exit;
      expect(fresh.code).toBe(0);
      expect(fresh.output).not.toContain('resumed');
      expect(await lists()).toEqual(afterResume);
    } finally {
      await db.destroy();
    }
    server = await startServerProcess(env());
  }, 300_000);
});

describe('a killed process loses at most one flush interval of views', () => {
  it('SIGKILL under view load: every view answered before the last interval is counted, none is counted twice', async () => {
    const interval = 1000; // views.flushIntervalMs: the playground's default
    const published = await call('POST', `/content-manager/collection-types/${UIDS.article}/actions/publish?locale=ru`, { title: 'Просмотры до краша' });
    expect(published.status).toBe(200);
    const slug = published.body.data.slug as string;
    const answeredAt: number[] = [];
    let sent = 0;
    let stop = false;
    const reader = async () => {
      while (!stop) {
        sent += 1;
        const res = await fetch(`${server.url}/api/newsroom/articles/${slug}/view`, { method: 'POST', headers: { 'User-Agent': BROWSER } }).catch(() => null);
        if (res?.status === 200) answeredAt.push(Date.now());
        else return;
      }
    };
    const readers = Array.from({ length: 8 }, reader);
    // Load long enough for several flushes to have written views, then kill mid-stream.
    const loadedSince = Date.now();
    while (Date.now() - loadedSince < 3 * interval || answeredAt.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    const killedAt = Date.now();
    await server.kill();
    stop = true;
    await Promise.all(readers);
    server = await startServerProcess(env());

    // The public route, as a reader (an admin token is not a content-API token).
    const page = (await (await fetch(`${server.url}/api/newsroom/articles/${slug}`)).json()) as { data: { views: number } };
    const counted = page.data.views;
    const answered = answeredAt.length;
    // A view answered at t is written by the flush that starts at most one interval later; 250 ms covers that flush's own write and the answer's trip to this process.
    const inLastInterval = answeredAt.filter((at) => at > killedAt - interval - 250).length;
    const lost = answered - counted;
    console.log(`views: ${answered} answered before SIGKILL, ${counted} counted after restart: ${lost} lost; bound (answered in the last ${interval} ms + 250 ms): ${inLastInterval}`);
    // Views sent but unanswered at the kill may have been counted (answered in memory, flushed, reply lost).
    expect(counted).toBeLessThanOrEqual(sent);
    expect(lost).toBeLessThanOrEqual(inLastInterval);
  }, 120_000);
});
