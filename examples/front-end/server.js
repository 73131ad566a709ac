#!/usr/bin/env node
'use strict';
// A news site's server in plain node:http: renders story pages from the newsroom API, caches them by the
// Cache-Tag keys Strapi sends, and drops them when Strapi's newsroom.pages.changed webhook names them.
const http = require('node:http');
const crypto = require('node:crypto');

const { createPageCache } = require('./page-cache');
const { storyPage, homePage, notFoundPage } = require('./render');

const config = {
  strapiUrl: (process.env.STRAPI_URL || 'http://127.0.0.1:1337').replace(/\/$/, ''),
  // Where readers' browsers reach Strapi for views and clicks (the server's own address by default).
  browserStrapiUrl: (process.env.PUBLIC_STRAPI_URL || process.env.STRAPI_URL || 'http://127.0.0.1:1337').replace(/\/$/, ''),
  host: process.env.HOST || '127.0.0.1',
  port: Number(process.env.PORT ?? 3000),
  // The playground registers its webhook with this same development secret; set your own in production.
  webhookSecret: process.env.WEBHOOK_SECRET || 'newsroom-playground-webhook-secret',
};
const SECRET_HEADER = 'x-webhook-secret';

const cache = createPageCache({ maxPages: Number(process.env.MAX_PAGES || 1000) });
const webhooks = { received: 0, last: null };
// Bumped by every purge: a page read from Strapi while a purge ran may be older than the purge, so it is served, not kept.
let purgeGeneration = 0;

const sameSecret = (given) => {
  const digest = (value) => crypto.createHash('sha256').update(String(value ?? '')).digest();
  return crypto.timingSafeEqual(digest(given), digest(config.webhookSecret));
};

const send = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.end(body);
};
const sendJson = (res, status, body) => send(res, status, JSON.stringify(body), { 'content-type': 'application/json' });

/** The keys an answer of the newsroom API shows: Cache-Tag (comma-separated) or Surrogate-Key (space-separated). */
const keysOf = (response) => {
  const tagHeader = response.headers.get('cache-tag');
  if (tagHeader) return tagHeader.split(',').map((key) => key.trim()).filter(Boolean);
  return (response.headers.get('surrogate-key') ?? '').split(' ').filter(Boolean);
};

/** Serves `address` from the cache, or renders it from one API answer and keeps it under that answer's keys. */
const serveCached = async (res, address, apiPath, render) => {
  const hit = cache.get(address);
  if (hit) return send(res, 200, hit.html, { 'x-cache': 'HIT' });
  const generation = purgeGeneration;
  const response = await fetch(`${config.strapiUrl}${apiPath}`, { redirect: 'manual', signal: AbortSignal.timeout(10000) });
  const body = await response.json().catch(() => null);
  if (response.status === 301 && body?.moved?.url) return send(res, 301, '', { location: body.moved.url });
  if (response.status === 404) return send(res, 404, notFoundPage());
  if (response.status !== 200 || !body) return send(res, 502, `newsroom API answered ${response.status}`, { 'content-type': 'text/plain' });
  const html = render(body);
  if (generation === purgeGeneration) cache.set(address, { html, keys: keysOf(response) });
  return send(res, 200, html, { 'x-cache': 'MISS' });
};

const readJson = (req, limit = 1024 * 1024) =>
  new Promise((resolve, reject) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
      if (raw.length > limit) reject(Object.assign(new Error('body too large'), { status: 413 }));
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(raw || '{}'));
      } catch {
        reject(Object.assign(new Error('body is not JSON'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });

/** POST /webhooks/newsroom: Strapi's newsroom.pages.changed; drops the pages holding a listed key or at a listed path. */
const receiveWebhook = async (req, res) => {
  if (!sameSecret(req.headers[SECRET_HEADER])) return sendJson(res, 401, { error: `missing or wrong ${SECRET_HEADER} header` });
  const payload = await readJson(req);
  const strings = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);
  const moved = Array.isArray(payload.moved) ? payload.moved.flatMap((move) => strings([move?.from, move?.to])) : [];
  purgeGeneration += 1;
  const purged = cache.purge({ keys: strings(payload.keys), paths: [...strings(payload.paths), ...moved] });
  webhooks.received += 1;
  webhooks.last = { receivedAt: new Date().toISOString(), event: payload.event ?? req.headers['x-strapi-event'] ?? null, keys: strings(payload.keys), paths: strings(payload.paths), purged };
  return sendJson(res, 200, { purged });
};

const route = async (req, res) => {
  const url = new URL(req.url, 'http://front-end');
  if (req.method === 'POST' && url.pathname === '/webhooks/newsroom') return receiveWebhook(req, res);
  // What the cache holds and the last webhook, for a developer (and the tests); behind the same secret.
  if (req.method === 'GET' && url.pathname === '/_status') {
    if (!sameSecret(req.headers[SECRET_HEADER])) return sendJson(res, 401, { error: `missing or wrong ${SECRET_HEADER} header` });
    return sendJson(res, 200, { webhooks, cached: cache.addresses() });
  }
  if (req.method !== 'GET') return send(res, 405, 'method not allowed', { 'content-type': 'text/plain' });
  if (url.pathname === '/') return serveCached(res, '/', '/api/newsroom/articles?pagination[pageSize]=20', ({ data }) => homePage(data, data[0]?.locale));
  const story = /^\/news\/([^/]+)\/?$/.exec(url.pathname);
  if (story) {
    const slug = decodeURIComponent(story[1]);
    const render = ({ data }) => storyPage(data, { browserApi: config.browserStrapiUrl });
    return serveCached(res, `/news/${encodeURIComponent(slug)}`, `/api/newsroom/articles/${encodeURIComponent(slug)}`, render);
  }
  return send(res, 404, notFoundPage());
};

const server = http.createServer((req, res) => {
  route(req, res).catch((error) => {
    if (!res.headersSent) sendJson(res, error.status ?? 502, { error: error.message });
    else res.destroy();
  });
});

server.listen(config.port, config.host, () => {
  const { port } = server.address();
  console.log(`[front-end] listening on http://${config.host}:${port} (newsroom API ${config.strapiUrl})`);
});
// Nothing to save: the cache lives and dies with the process.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
