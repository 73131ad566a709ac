#!/usr/bin/env node
// `npm run test:e2e`: builds what is stale, starts the playground on a throwaway SQLite file and the
// example front end beside it, runs the browser tests (tests/e2e, Debian chromium through playwright-core)
// and always stops both servers.
// Screenshots go to test-results/e2e; `npm run docs:screenshots` (--update-docs) also copies the
// README's pictures into docs/screenshots, the only run that writes a tracked file.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
const artifacts = path.join(root, 'test-results', 'e2e');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const UPDATE_DOCS = process.argv.includes('--update-docs');
const jestArgs = process.argv.slice(2).filter((arg) => arg !== '--update-docs');

const MINUTE = 60 * 1000;
const LIMITS = { pluginBuild: 5 * MINUTE, adminBuild: 8 * MINUTE, serverReady: 2 * MINUTE, tests: 12 * MINUTE, serverStop: 15 * 1000 };

const started = Date.now();
const timings = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (message) => console.log(`[e2e] ${message}`);

let current = null;

/** Runs a step in its own process group with a hard time limit: a hung build or browser must fail the run, never hang it or outlive it. */
const run = (label, command, args, { timeout, ...options }) =>
  new Promise((resolve, reject) => {
    const begin = Date.now();
    log(`${label}…`);
    const child = spawn(command, args, { stdio: 'inherit', detached: true, ...options });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      // Whatever the step left behind (a browser, a bundler worker) goes with it.
      killGroup(child, 'SIGKILL');
      timings.push([label, Date.now() - begin]);
      if (timedOut) reject(new Error(`${label}: timed out after ${seconds(timeout)}`));
      else if (code !== 0) reject(new Error(`${label}: exit ${code ?? signal}`));
      else resolve();
    });
  });

const killGroup = (child, signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
};

const newest = (target) => {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
};

/** The admin bundle reads admin/src (through the playground's Vite alias), shared/ and the playground's admin and config. */
const adminBuildIsStale = () => {
  const output = path.join(playground, 'dist', 'build', 'index.html');
  if (!fs.existsSync(output) || !fs.existsSync(path.join(playground, 'dist', 'src', 'index.js'))) return true;
  const inputs = ['admin/src', 'shared', 'playground/src', 'playground/config', 'playground/package.json', 'package-lock.json'];
  return Math.max(...inputs.map((input) => newest(path.join(root, input)))) > fs.statSync(output).mtimeMs;
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls Strapi's health route until it answers, the server exits, or the limit passes. */
const waitForServer = async (baseUrl, child, limit) => {
  const deadline = Date.now() + limit;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the playground exited early (${child.exitCode ?? child.signalCode}); see ${path.join(artifacts, 'server.log')}`);
    try {
      const response = await fetch(`${baseUrl}/_health`, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
  throw new Error(`the playground did not answer within ${seconds(limit)}; see ${path.join(artifacts, 'server.log')}`);
};

/** Stops the server's whole process group, politely first. */
const stopServer = async (child) => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const gone = await Promise.race([exited.then(() => true), sleep(LIMITS.serverStop).then(() => false)]);
  if (!gone) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await Promise.race([exited, sleep(2000)]);
  }
};

const copyScreenshots = () => {
  const docs = path.join(root, 'docs', 'screenshots');
  fs.mkdirSync(docs, { recursive: true });
  for (const name of ['related-panel.png', 'related-panel-suggestions.png', 'homepage-widget.png', 'backfill-widget.png', 'cited-by-panel.png', 'unpublish-warning.png', 'story-form.png', 'tags-input.png', 'related-panel-dismissed.png', 'related-clicks-widget.png', 'related-panel-clicks.png']) {
    const from = path.join(artifacts, name);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(docs, name));
  }
};

// What a signal or a failure must clean up, wherever the run is.
let server = null;
let frontEnd = null;
let database = null;
const cleanup = async () => {
  await stopServer(frontEnd);
  await stopServer(server);
  if (database) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${database}${suffix}`, { force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the running step and the playground`);
    if (current) killGroup(current, 'SIGKILL');
    cleanup().finally(() => process.exit(130));
  });
}

const main = async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium); this run never downloads one`);
  }
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };

  await run('type check of the browser tests', process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tests', 'e2e', 'tsconfig.json'), '--noEmit'], { cwd: root, env, timeout: LIMITS.pluginBuild });
  await run('plugin build (if stale)', process.execPath, [path.join(root, 'scripts', 'build-plugin.js'), '--if-stale'], { cwd: root, env, timeout: LIMITS.pluginBuild });
  if (process.env.E2E_FORCE_BUILD === 'true' || adminBuildIsStale()) {
    await run('playground admin build', bin('strapi'), ['build'], { cwd: playground, env: { ...env, NODE_ENV: 'production' }, timeout: LIMITS.adminBuild });
  } else {
    log('playground admin build is up to date (E2E_FORCE_BUILD=true rebuilds it)');
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The example front end (examples/front-end): the playground previews in it and sends it newsroom.pages.changed.
  const frontEndUrl = `http://127.0.0.1:${await freePort()}`;
  const webhookSecret = `e2e-${process.pid}-${Date.now()}`;
  database = path.join(os.tmpdir(), `newsroom-e2e-${process.pid}-${Date.now()}.db`);
  const serverLog = fs.openSync(path.join(artifacts, 'server.log'), 'w');
  const frontEndLog = fs.openSync(path.join(artifacts, 'front-end.log'), 'w');

  try {
    const begin = Date.now();
    log(`starting the playground on ${baseUrl} (database ${database})…`);
    server = spawn(bin('strapi'), ['start'], {
      cwd: playground,
      // Its own process group, so the whole tree can be stopped at once.
      detached: true,
      stdio: ['ignore', serverLog, serverLog],
      env: {
        ...env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: database,
        STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL || 'info',
        // Every test file signs the admin in (UI and API): more logins than Strapi's 5 per 5 minutes.
        ADMIN_RATE_LIMIT: 'false',
        FRONT_END_URL: frontEndUrl,
        WEBHOOK_SECRET: webhookSecret,
        // Stories with fewer than 5 picks get suggestions after them (the sample has 5): the click widget compares both origins.
        NEWSROOM_SUGGESTIONS_AUTOFILL: 'true',
      },
    });
    frontEnd = spawn(process.execPath, [path.join(root, 'examples', 'front-end', 'server.js')], {
      detached: true,
      stdio: ['ignore', frontEndLog, frontEndLog],
      env: { ...env, HOST: '127.0.0.1', PORT: new URL(frontEndUrl).port, STRAPI_URL: baseUrl, WEBHOOK_SECRET: webhookSecret },
    });
    await waitForServer(baseUrl, server, LIMITS.serverReady);
    timings.push(['playground start', Date.now() - begin]);

    await run(
      'browser tests',
      process.execPath,
      [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '-c', path.join(root, 'tests', 'e2e', 'jest.config.js'), ...jestArgs],
      { cwd: root, env: { ...env, E2E_BASE_URL: baseUrl, E2E_ARTIFACTS: artifacts, E2E_CHROMIUM: CHROMIUM, E2E_FRONT_END_URL: frontEndUrl, E2E_WEBHOOK_SECRET: webhookSecret }, timeout: LIMITS.tests }
    );
    if (UPDATE_DOCS) copyScreenshots();
  } finally {
    const begin = Date.now();
    await cleanup();
    timings.push(['playground stop', Date.now() - begin]);
    fs.closeSync(serverLog);
    fs.closeSync(frontEndLog);
  }
};

main()
  .then(() => {
    log(`timings: ${timings.map(([label, ms]) => `${label} ${seconds(ms)}`).join(', ')}`);
    log(`passed in ${seconds(Date.now() - started)}; screenshots in ${path.relative(root, artifacts)}${UPDATE_DOCS ? ' and docs/screenshots' : ''}`);
    process.exit(0);
  })
  .catch((error) => {
    log(`timings: ${timings.map(([label, ms]) => `${label} ${seconds(ms)}`).join(', ')}`);
    console.error(`[e2e] FAILED after ${seconds(Date.now() - started)}: ${error.message}`);
    process.exit(1);
  });
