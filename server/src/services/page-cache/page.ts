import { createHash } from 'node:crypto';

import type { CacheConfig } from '../../config';
import type { KeySet } from '../pages/keys';

/** One cached public answer, ready to send: a hit only copies these onto the response. */
/** Public answers are JSON unless the route says otherwise (feeds and sitemaps are XML). */
export const JSON_TYPE = 'application/json; charset=utf-8';

export interface CachedPage {
  /** The body exactly as sent, encoded once. */
  body: Buffer;
  /** Its Content-Type. */
  type: string;
  etag: string;
  /** What the page shows (services/pages/keys), sorted. */
  keys: string[];
  /** When it was computed (ms since the epoch): a copy taken from Redis keeps the views lag of the original. */
  storedAt: number;
  /** Response headers (ETag, Cache-Control, tag headers), built once per page. */
  headers: Array<[string, string]>;
}

const cacheControls = new WeakMap<CacheConfig['http'], string>();

/** ETag, Cache-Control as configured, and the keys in each tag header so a CDN purges by key. */
const headersOf = (etag: string, keys: string[], http: CacheConfig['http']): Array<[string, string]> => {
  let cacheControl = cacheControls.get(http);
  if (cacheControl === undefined) {
    cacheControl = `public, max-age=${http.maxAge}, s-maxage=${http.sMaxAge}, stale-while-revalidate=${http.staleWhileRevalidate}`;
    cacheControls.set(http, cacheControl);
  }
  const headers: Array<[string, string]> = [
    ['ETag', etag],
    ['Cache-Control', cacheControl],
  ];
  for (const [name, separator] of Object.entries(http.tagHeaders)) {
    if (separator && keys.length > 0) headers.push([name, keys.join(separator)]);
  }
  return headers;
};

/** A page from a route's answer: JSON data, or an already written body (`type` other than JSON). */
export const toPage = (data: unknown, keys: KeySet, settings: CacheConfig, type: string = JSON_TYPE): CachedPage => {
  const body = Buffer.from(type === JSON_TYPE ? JSON.stringify(data) : String(data));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const sorted = [...keys].sort();
  return { body, type, etag, keys: sorted, storedAt: Date.now(), headers: headersOf(etag, sorted, settings.http) };
};

/**
 * A page as stored in Redis: `storedAt`, the ETag, the comma-joined keys and the Content-Type on one
 * line each, then the body. None of the four holds a newline (keys: services/pages/keys).
 */
export const encodePage = (page: CachedPage): Buffer =>
  Buffer.concat([Buffer.from(`${page.storedAt}\n${page.etag}\n${page.keys.join(',')}\n${page.type}\n`), page.body]);

export const decodePage = (stored: Buffer, settings: CacheConfig): CachedPage | null => {
  const first = stored.indexOf(10);
  const second = stored.indexOf(10, first + 1);
  const third = stored.indexOf(10, second + 1);
  const fourth = stored.indexOf(10, third + 1);
  if (first < 0 || second < 0 || third < 0 || fourth < 0) return null;
  const storedAt = Number(stored.toString('latin1', 0, first));
  const etag = stored.toString('latin1', first + 1, second);
  const joined = stored.toString('latin1', second + 1, third);
  const keys = joined ? joined.split(',') : [];
  const type = stored.toString('latin1', third + 1, fourth);
  if (!Number.isFinite(storedAt)) return null;
  return { body: stored.subarray(fourth + 1), type, etag, keys, storedAt, headers: headersOf(etag, keys, settings.http) };
};
