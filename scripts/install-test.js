#!/usr/bin/env node
/**
 * `npm run test:install`: the developer's path. Packs the plugin with `npm pack`, makes a brand-new
 * Strapi 5 app with create-strapi-app in a temporary folder (not a copy of the playground), installs
 * the tarball into it with npm, enables the plugin as the README says, builds the admin, boots it on
 * a fresh SQLite and a fresh PostgreSQL database (each its first boot, no restart) and checks the
 * content types, the public routes and that the admin bundle holds the panel and widget.
 *
 *   node scripts/install-test.js [--strapi 5.54.0] [--db sqlite,postgres] [--keep]
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

const repo = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : args[index + 1];
};
const manifest = require(path.join(repo, 'package.json'));
// Both ends of the peer range the README promises: the lowest minor and the version we develop on.
const lowest = manifest.peerDependencies['@strapi/strapi'].replace(/^\^/, '');
const newest = manifest.devDependencies['@strapi/strapi'];
// Both ends of the peer range, once each when they are the same version.
const versions = [...new Set(option('strapi', `${newest},${lowest}`).split(','))];
const databases = option('db', 'sqlite,postgres').split(',');
const keep = args.includes('--keep');

const log = (message) => process.stdout.write(`[install-test] ${message}\n`);
const fail = (message) => {
  throw new Error(message);
};

const run = (command, commandArgs, options = {}) => {
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', timeout: 20 * 60 * 1000, killSignal: 'SIGKILL', ...options });
  if (result.status !== 0) fail(`${command} ${commandArgs.join(' ')} failed (${result.status ?? result.signal})`);
  return Math.round((Date.now() - started) / 1000);
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * A brand-new app, as a newcomer makes one: `create-strapi-app` (TypeScript, SQLite), then the
 * README's steps: install the tarball, add `newsroom` to config/plugins.ts (as the first entry,
 * so its bootstrap runs before Users & Permissions', the order a first boot must survive).
 * Only what the README tells a developer is changed; the update check is turned off to stay offline.
 */
const writeApp = (work, name, version, tarball) => {
  const dir = path.join(work, name);
  // `--non-interactive` came after 5.13.0, which asks nothing once every choice is given on the command line.
  const help = spawnSync('npx', ['-y', `create-strapi-app@${version}`, '--help'], { cwd: work, encoding: 'utf8', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } }).stdout ?? '';
  const nonInteractive = help.includes('--non-interactive') ? ['--non-interactive'] : [];
  run('npx', ['-y', `create-strapi-app@${version}`, name, ...nonInteractive, '--skip-cloud', '--no-run', '--typescript', '--no-example', '--no-git-init', '--use-npm', '--no-install', '--dbclient', 'sqlite', '--dbfile', '.tmp/data.db'], {
    cwd: work,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  const manifestPath = path.join(dir, 'package.json');
  const app = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  // The plugin from the tarball under test, and pg for the PostgreSQL boot (the README's "Other databases").
  Object.assign(app.dependencies, { 'strapi-plugin-newsroom': `file:${tarball}`, pg: '8.23.1' });
  app.strapi = { ...app.strapi, telemetryDisabled: true };
  fs.writeFileSync(manifestPath, `${JSON.stringify(app, null, 2)}\n`);
  const plugins = path.join(dir, 'config', 'plugins.ts');
  const source = fs.readFileSync(plugins, 'utf8');
  const enabled = source.replace(/(=>\s*\(\{)/, "$1\n  newsroom: { enabled: true },");
  if (enabled === source) fail(`create-strapi-app ${version} wrote a config/plugins.ts this test cannot extend:\n${source}`);
  fs.writeFileSync(plugins, enabled);
  const server = path.join(dir, 'config', 'server.ts');
  fs.writeFileSync(server, fs.readFileSync(server, 'utf8').replace(/(\n\s*app:\s*\{)/, "\n  logger: { updates: { enabled: false } },$1"));
  return dir;
};

const request = async (base, method, pathname, body, token) => {
  const res = await fetch(`${base}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

const postgres = async (sql) => {
  const { Client } = require(path.join(repo, 'node_modules', 'pg'));
  const client = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', password: '', database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** Boots the installed app and checks it as a developer would the first time. */
const checkBoot = async (dir, database) => {
  const port = await freePort();
  const dbName = `newsroom_install_${process.pid}_${port}`;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' };
  if (database === 'postgres') {
    Object.assign(env, { DATABASE_CLIENT: 'postgres', DATABASE_HOST: '127.0.0.1', DATABASE_PORT: '5432', DATABASE_NAME: dbName, DATABASE_USERNAME: 'postgres', DATABASE_PASSWORD: '' });
  }
  if (database === 'postgres') await postgres(`CREATE DATABASE "${dbName}"`);
  else fs.rmSync(path.join(dir, '.tmp'), { recursive: true, force: true });
  const child = spawn(path.join(dir, 'node_modules', '.bin', 'strapi'), ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) fail(`strapi start exited:\n${output.slice(-3000)}`);
      const ok = await fetch(`${base}/_health`).then((res) => res.status === 204, () => false);
      if (ok) break;
      if (Date.now() > deadline) fail(`strapi start did not answer in 120 s:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const list = await request(base, 'GET', '/api/newsroom/articles');
    // The first boot of a fresh database: the Public role was created during this very start.
    if (list.status !== 200 || !list.body.meta?.pagination) fail(`on the first boot, GET /api/newsroom/articles answered ${list.status} ${JSON.stringify(list.body)}`);
    const missing = await request(base, 'GET', '/api/newsroom/articles/no-such-story');
    if (missing.status !== 404 || missing.body.error?.name !== 'NotFoundError') fail(`unknown story answered ${missing.status}`);

    const admin = await request(base, 'POST', '/admin/register-admin', { email: 'dev@example.com', password: 'Install-Check-1', firstname: 'Dev', lastname: 'Eloper' });
    if (admin.status !== 200) fail(`register-admin answered ${admin.status} ${JSON.stringify(admin.body)}`);
    const token = admin.body.data.token;
    const types = await request(base, 'GET', '/content-manager/content-types', undefined, token);
    const uids = (types.body.data ?? []).map((type) => type.uid).filter((uid) => uid.startsWith('plugin::newsroom.')).sort();
    if (JSON.stringify(uids) !== JSON.stringify(['plugin::newsroom.article', 'plugin::newsroom.correspondent', 'plugin::newsroom.related-link'])) {
      fail(`content types: ${JSON.stringify(uids)}`);
    }
    const created = await request(base, 'POST', '/content-manager/collection-types/plugin::newsroom.article', { title: 'Партнерство ради развития' }, token);
    if (created.status !== 201) fail(`create answered ${created.status} ${JSON.stringify(created.body)}`);
    const published = await request(base, 'POST', `/content-manager/collection-types/plugin::newsroom.article/${created.body.data.documentId}/actions/publish`, {}, token);
    if (published.status !== 200) fail(`publish answered ${published.status}`);
    const story = await request(base, 'GET', '/api/newsroom/articles/partnerstvo-radi-razvitiya');
    if (story.status !== 200 || story.body.data.title !== 'Партнерство ради развития' || !story.body.data.displayDate) {
      fail(`story answered ${story.status} ${JSON.stringify(story.body)}`);
    }
    const panelRoute = await request(base, 'GET', `/newsroom/articles/${created.body.data.documentId}/related`, undefined, token);
    if (panelRoute.status !== 200) fail(`admin related route answered ${panelRoute.status}`);
    log(`  ${database}: content types, public routes, admin route: ok`);
  } catch (error) {
    error.message += `\n--- strapi output ---\n${output.slice(-4000)}`;
    throw error;
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1500));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    if (database === 'postgres') await postgres(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
};

/** A front end's view: the shipped contracts resolve to real types (an `any` would make the expect-error unused). */
const checkTypes = (dir) => {
  // Beside the app, not in it: the app's own tsconfig (classic resolution) compiles every .ts file of its folder on `strapi build`.
  const file = path.join(dir, 'front-end-check.ts');
  fs.writeFileSync(
    file,
    `import type { PublicArticle, PublicRelatedStory, GetSuggestions } from 'strapi-plugin-newsroom/contracts';
export const titles = (story: PublicArticle): string[] => story.related.map((entry: PublicRelatedStory) => entry.title);
export const count = (answer: GetSuggestions.Response): number => answer.data.suggestions.length;
// @ts-expect-error displayDate is a string or null, never a number
export const wrong: PublicArticle['displayDate'] = 42;
`
  );
  const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', path.basename(file)], { cwd: dir });
  } finally {
    fs.rmSync(file, { force: true });
  }
};

const main = async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-install-'));
  const summary = [];
  try {
    run(process.execPath, [path.join(repo, 'scripts', 'build-plugin.js'), '--if-stale'], { cwd: repo });
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' });
    if (packed.status !== 0) fail(`npm pack failed: ${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout);
    const tarball = path.join(work, info.filename);
    const unwanted = info.files.filter((file) => /^(playground|tests|bench|server\/src|admin\/src|\.ci)\//.test(file.path));
    if (unwanted.length) fail(`the tarball holds files a user does not need: ${unwanted.map((f) => f.path).join(', ')}`);
    for (const needed of ['dist/server/index.js', 'dist/admin/index.mjs', 'dist/server/src/index.d.ts', 'dist/shared/contracts/index.d.ts', 'README.md', 'LICENSE']) {
      if (!info.files.some((file) => file.path === needed)) fail(`the tarball lacks ${needed}`);
    }
    log(`tarball ${info.filename}: ${(info.size / 1024).toFixed(1)} kB packed, ${(info.unpackedSize / 1024).toFixed(1)} kB unpacked, ${info.entryCount} files`);

    for (const version of versions) {
      log(`Strapi ${version}: create-strapi-app`);
      const dir = writeApp(work, `app-${version.replace(/\W/g, '-')}`, version, tarball);
      log(`Strapi ${version}: npm install`);
      const installSeconds = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
      checkTypes(dir);
      log(`Strapi ${version}: a TypeScript front end imports the response types`);
      log(`Strapi ${version}: strapi build`);
      const buildSeconds = run(path.join(dir, 'node_modules', '.bin', 'strapi'), ['build'], { cwd: dir, env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' } });
      const bundle = ['dist/build', 'build'].map((folder) => path.join(dir, folder)).find((folder) => fs.existsSync(folder));
      if (!bundle) fail('no admin build folder');
      const text = fs.readdirSync(bundle, { recursive: true }).filter((file) => String(file).endsWith('.js')).map((file) => fs.readFileSync(path.join(bundle, String(file)), 'utf8')).join('\n');
      for (const marker of ['data-newsroom-panel', 'data-newsroom-widget']) {
        if (!text.includes(marker)) fail(`the admin bundle lacks "${marker}"`);
      }
      log(`Strapi ${version}: admin bundle holds the panel and the widget`);
      for (const database of databases) await checkBoot(dir, database);
      summary.push(`Strapi ${version}: install ${installSeconds}s, admin build ${buildSeconds}s, booted on ${databases.join(' and ')}: ok`);
    }
  } finally {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
  log(summary.join('\n[install-test] '));
};

main().catch((error) => {
  process.stderr.write(`[install-test] FAILED: ${error.message}\n`);
  process.exit(1);
});
