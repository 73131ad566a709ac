import { createHash } from 'node:crypto';

import type { CacheConfig } from '../../config';
import type { KeySet } from '../pages/keys';

/** One cached public answer, ready to send: a hit only copies these onto the response. */
export interface CachedPage {
  /** The JSON body exactly as sent, encoded once. */
  body: Buffer;
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

export const toPage = (data: unknown, keys: KeySet, settings: CacheConfig): CachedPage => {
  const body = Buffer.from(JSON.stringify(data));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const sorted = [...keys].sort();
  return { body, etag, keys: sorted, storedAt: Date.now(), headers: headersOf(etag, sorted, settings.http) };
};

/**
 * A page as stored in Redis: `storedAt`, the ETag and the comma-joined keys on one line each, then
 * the body. Neither the ETag, nor keys (services/pages/keys), nor compact JSON contain a newline.
 */
export const encodePage = (page: CachedPage): Buffer =>
  Buffer.concat([Buffer.from(`${page.storedAt}\n${page.etag}\n${page.keys.join(',')}\n`), page.body]);

export const decodePage = (stored: Buffer, settings: CacheConfig): CachedPage | null => {
  const first = stored.indexOf(10);
  const second = stored.indexOf(10, first + 1);
  const third = stored.indexOf(10, second + 1);
  if (first < 0 || second < 0 || third < 0) return null;
  const storedAt = Number(stored.toString('latin1', 0, first));
  const etag = stored.toString('latin1', first + 1, second);
  const joined = stored.toString('latin1', second + 1, third);
  const keys = joined ? joined.split(',') : [];
  if (!Number.isFinite(storedAt)) return null;
  return { body: stored.subarray(third + 1), etag, keys, storedAt, headers: headersOf(etag, keys, settings.http) };
};
