#!/usr/bin/env node
/**
 * The newcomer's path, as CI proves it on a clean clone: starts `npm run develop` exactly as the
 * README says, reads the sample story from the public API, stops the playground and fails if the
 * run changed a tracked file. `node scripts/check-develop.js [--timeout 300]`
 */
'use strict';
const path = require('node:path');
const { spawn } = require('node:child_process');

const { assertCleanTree } = require('./lib/clean-tree');

const root = path.resolve(__dirname, '..');
const BASE = `http://127.0.0.1:${process.env.PORT || 1337}`;
const SAMPLE = '/api/newsroom/articles/partnerstvo-radi-razvitiya';
// The example news site develop starts beside the playground (FRONT_END_URL= empty: not started, not checked).
const FRONT_END = process.env.FRONT_END_URL ?? 'http://127.0.0.1:3000';
const timeoutAt = process.argv.indexOf('--timeout');
const LIMIT_MS = (timeoutAt >= 0 ? Number(process.argv[timeoutAt + 1]) : 300) * 1000;

const log = (message) => console.log(`[check-develop] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const stop = async (child) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Ctrl-C, as a developer stops it; the whole group, so Strapi's workers go too.
  for (const [signal, wait] of [['SIGINT', 20000], ['SIGKILL', 5000]]) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      return;
    }
    if (await Promise.race([exited.then(() => true), sleep(wait).then(() => false)])) return;
  }
};

const main = async () => {
  const started = Date.now();
  log(`npm run develop (waiting up to ${LIMIT_MS / 1000} s for ${BASE})`);
  const child = spawn('npm', ['run', 'develop'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    let story = null;
    while (!story) {
      if (child.exitCode !== null) throw new Error(`npm run develop exited with ${child.exitCode}`);
      if (Date.now() - started > LIMIT_MS) throw new Error(`the sample story was not served within ${LIMIT_MS / 1000} s`);
      const response = await fetch(`${BASE}${SAMPLE}`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
      if (response && response.status !== 404 && response.status !== 503) {
        if (response.status !== 200) throw new Error(`GET ${SAMPLE} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
        story = (await response.json()).data;
      } else {
        await sleep(1000);
      }
    }
    const byline = story.correspondents.map((person) => `${person.name} (${person.role})`).join(', ');
    log(`served in ${((Date.now() - started) / 1000).toFixed(1)} s: "${story.title}", ${story.displayDate}, ${story.views} views, ${byline}, ${story.related.length} related`);
    const expected = { title: 'Партнерство ради развития', displayDate: '24 марта 2022 г. 0:08' };
    for (const [key, value] of Object.entries(expected)) {
      if (story[key] !== value) throw new Error(`the sample story's ${key} is ${JSON.stringify(story[key])}, expected ${JSON.stringify(value)}`);
    }
    if (FRONT_END) {
      const page = await fetch(`${FRONT_END}/news/${story.slug}`, { signal: AbortSignal.timeout(10000) }).catch((error) => error);
      const html = page instanceof Error ? '' : await page.text();
      if (!html.includes(expected.title) || !html.includes(expected.displayDate)) throw new Error(`the example front end at ${FRONT_END} did not render the sample story (${page instanceof Error ? page.message : page.status})`);
      log(`the example front end renders it at ${FRONT_END}/news/${story.slug}`);
    }
  } catch (error) {
    error.message += `\n--- npm run develop output (last 4000 characters) ---\n${output.slice(-4000)}`;
    throw error;
  } finally {
    await stop(child);
  }
  assertCleanTree('npm run develop');
  log('stopped; the working tree is clean');
};

main().catch((error) => {
  console.error(`[check-develop] FAILED: ${error.message}`);
  process.exit(1);
});
