#!/usr/bin/env node
// `npm test` (SQLite) and `npm run test:all` (SQLite, PostgreSQL, MySQL): the same jest suite per database.
// `--side-by-side` runs the databases' suites at once (CI runs PostgreSQL and MySQL so), each line prefixed with its database.
'use strict';
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const [, , ...args] = process.argv;
const clients = args.filter((arg) => ['sqlite', 'postgres', 'mysql'].includes(arg));
const sideBySide = args.includes('--side-by-side');
const jestArgs = args.filter((arg) => !clients.includes(arg) && arg !== '--side-by-side');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
// A boot that hangs must not hang CI: jest gets 25 minutes per database.
const LIMIT_MS = 25 * 60 * 1000;

/** One jest run on one database; resolves to its exit status. `prefix`: label every output line (runs side by side). */
const runJest = (client, env, prefix) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [jest, '--ci', ...jestArgs], {
      cwd: root,
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env, DATABASE_CLIENT: client, STRAPI_TELEMETRY_DISABLED: 'true' },
    });
    if (prefix) {
      for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
        readline.createInterface({ input: stream }).on('line', (line) => out.write(`[${prefix}] ${line}\n`));
      }
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });

/** The playground compiled once, before suites that would otherwise each compile it into the one dist/ at once. */
const compilePlayground = () =>
  new Promise((resolve) => {
    const script = "require('./tests/helpers/global-setup.ts').default().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })";
    spawn(process.execPath, ['-r', 'esbuild-register', '-e', script], { cwd: root, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } }).on('close', (code) => resolve(code ?? 1));
  });

const main = async () => {
  const results = [];
  const timed = async (client, env, prefix) => {
    const started = Date.now();
    const status = await runJest(client, env, prefix);
    results.push({ client, status, seconds: Math.round((Date.now() - started) / 1000) });
  };
  const chosen = clients.length ? clients : ['sqlite'];
  if (sideBySide && chosen.length > 1) {
    console.log(`\n=== jest on ${chosen.join(' and ')}, side by side ===`);
    if ((await compilePlayground()) !== 0) process.exit(1);
    // Two suites already keep two cores busy: one test file at a time in each, unless told otherwise.
    if (!jestArgs.some((arg) => arg.startsWith('--maxWorkers') || arg === '-w' || arg === '--runInBand' || arg === '-i')) jestArgs.push('--maxWorkers=1');
    await Promise.all(chosen.map((client) => timed(client, { NEWSROOM_PLAYGROUND_COMPILED: '1' }, client)));
  } else {
    for (const client of chosen) {
      console.log(`\n=== jest on ${client} ===`);
      await timed(client, {}, null);
    }
  }
  console.log('\n' + results.map((r) => `${r.client}: ${r.status === 0 ? 'passed' : 'FAILED'} (${r.seconds}s)`).join('\n'));
  process.exit(results.every((r) => r.status === 0) ? 0 : 1);
};

void main();
