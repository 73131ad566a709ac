import type { Core } from '@strapi/strapi';
// zod directly, not @strapi/utils' re-export: Strapi before 5.2x does not re-export it.
import { z } from 'zod';

import { DISPLAY_LANGUAGES } from '../../../shared/dates';
import { PLUGIN_ID } from '../../../shared/manifest';
import { siteDefaults, siteOptions } from './site';

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const isRedisUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
};
/** One Redis URL rule and one key-prefix rule for every Redis option (page cache and counters). */
const redisUrl = z.string().refine(isRedisUrl, { message: 'must be a redis:// or rediss:// URL such as "redis://127.0.0.1:6379"' }).nullable();
const redisPrefix = z.string().regex(/^[\x21-\x7e]{1,64}$/, { message: 'must be 1 to 64 printable ASCII characters without spaces' });

const seconds = z.number().int().min(0).max(365 * 24 * 3600);
const HEADER_RULE = 'must be HTTP header names such as "Cache-Tag", each mapped to "," or " " (its separator) or false';

/** Page cache, HTTP caching headers and the pages-changed webhook; `false` turns all of it off. */
const cacheSchema = z
  .object({
    /** Most answers the in-process cache holds (least recently used go first). */
    maxEntries: z.number().int().min(1).max(1_000_000),
    /** A cached page's `views` may lag this many seconds; 0 drops a story's cached pages on each counted view. */
    viewsMaxAgeSeconds: seconds,
    /** A Redis URL: instances share cached pages there and invalidate each other; null keeps the cache per instance. */
    redis: redisUrl,
    /** Prefix of every Redis key and of the invalidation channel (several sites may share one Redis). */
    redisPrefix,
    /** Longest a page lives in Redis (shorter when viewsMaxAgeSeconds is shorter). */
    redisTtlSeconds: z.number().int().min(1).max(7 * 24 * 3600),
    http: z
      .object({
        /** Cache-Control max-age (browsers). */
        maxAge: seconds,
        /** Cache-Control s-maxage (CDNs and shared caches). */
        sMaxAge: seconds,
        /** Cache-Control stale-while-revalidate. */
        staleWhileRevalidate: seconds,
        /** Response headers carrying the answer's cache keys, each with its separator; false leaves one out. */
        tagHeaders: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, { message: HEADER_RULE }), z.union([z.literal(','), z.literal(' '), z.literal(false)], { error: HEADER_RULE })),
      })
      .strict(),
    webhook: z
      .object({
        /** Changes within this quiet window go out as one event. */
        coalesceMs: z.number().int().min(0).max(60_000),
        /** A burst still sends an event at least this often. */
        maxDelayMs: z.number().int().min(0).max(600_000),
      })
      .strict(),
  })
  .strict();

/** Every option the plugin reads, with its default. The README documents each one. */
export const configSchema = z
  .object({
    /** Most entries a story's related list may hold. */
    maxRelated: z.number().int().min(1).max(100),
    /** IANA time zone that display dates are printed in. */
    timeZone: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as "Asia/Almaty"' }),
    /** Display language used when a request gives no `lang`. */
    defaultLocale: z.enum(DISPLAY_LANGUAGES),
    /** Public path of a story on the news site; `:slug` is replaced. */
    publicPath: z.string().startsWith('/').includes(':slug', { message: 'must contain ":slug"' }),
    /** Give the Public role read access to the plugin's content API on bootstrap. */
    publicApi: z.boolean(),
    /**
     * PostgreSQL: run the plugin's fixed reads as named prepared statements (false behind a connection pooler that cannot keep them,
     * e.g. PgBouncer before 1.21 in transaction mode); 'auto' only when the plans can be right: autovacuum runs, or the articles table has statistics (utils/fixed-reads).
     */
    preparedStatements: z.union([z.boolean(), z.literal('auto')]),
    slug: z
      .object({
        /** Transliteration overrides, one lower-case letter to a lower-case ASCII string. */
        table: z.record(
          z.string().length(1, { message: 'keys must be single characters' }),
          z.string().regex(/^[a-z0-9]*$/, { message: 'values must be lower-case ASCII letters or digits' })
        ),
        /** Slug used when a title has no letter or digit at all. */
        fallback: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a slug such as "article"' }),
      })
      .strict(),
    views: z
      .object({
        /** Repeated views from one client within this many seconds count once (0 counts every view). */
        dedupeWindowSeconds: z.number().int().min(0).max(30 * 24 * 3600),
        /** Views are written to the database in batches this often; a SIGKILL loses at most this long's views (0: each view is written before it is answered). */
        flushIntervalMs: z.number().int().min(0).max(60_000),
      })
      .strict(),
    /** Shared counters for several instances: views and clicks are counted in Redis and written to the database in batches. */
    counters: z
      .object({
        /** Redis URL such as "redis://127.0.0.1:6379/0"; null counts in each instance's memory (see views). */
        redis: redisUrl,
        /** Prefix of every key the counters write, so several sites (or test runs) can share one Redis. */
        keyPrefix: redisPrefix,
      })
      .strict(),
    /** Related-story suggestions. */
    suggestions: z
      .object({
        /** The public API fills a story's related list with suggestions after the editor's picks. */
        autoFill: z.boolean(),
        /** Fill the public related list up to this many entries (capped at maxRelated). */
        autoFillTo: z.number().int().min(1).max(100),
        /** Recency decay: a story this many days apart keeps half of the recency share of its score. */
        recencyHalfLifeDays: z.number().positive().max(36500),
        /** Share of the score a story keeps however far apart in time (0: old stories vanish, 1: no decay). */
        recencyFloor: z.number().min(0).max(1),
        /** Suggestions scoring below this are not stored. */
        minScore: z.number().min(0),
        /** Suggestions stored per story (the panel shows up to this many). */
        stored: z.number().int().min(1).max(50),
        /** Read each stored list in shared-neighbour order: a story that shares its nearest stories with the story moves up (false: the stored score's order). */
        neighbourOrder: z.boolean(),
        /** Stories carrying any of these tags (compared folded) are never suggested nor auto-filled. */
        excludeTags: z.array(z.string().trim().min(1, { message: 'must not hold an empty tag' }).max(160)).max(500),
        /** Never suggest a story more than this many days older than the story (0 or null: no limit). */
        maxAgeDays: z.number().int().min(0).max(36500).nullable(),
        /** Suggest stories published before the story (`older`), after it (`newer`) or either (`any`). */
        direction: z.enum(['any', 'older', 'newer'], { message: 'must be "any", "older" or "newer"' }),
        /** Weight of each signal: shared tags (by rarity), same correspondent, similar text. */
        weights: z
          .object({ tags: z.number().min(0).max(100), correspondent: z.number().min(0).max(100), text: z.number().min(0).max(100) })
          .strict(),
      })
      .strict(),
    cache: z.union([z.literal(false), cacheSchema], { error: 'must be false or an object of cache options' }),
    ...siteOptions,
  })
  // autoFillTo is capped at maxRelated where it is used: a smaller maxRelated must not make the default invalid.
  .strict();

export type NewsroomConfig = z.infer<typeof configSchema>;

export const defaultConfig: NewsroomConfig = {
  maxRelated: 10,
  timeZone: 'Asia/Almaty',
  defaultLocale: 'ru',
  publicPath: '/news/:slug',
  publicApi: true,
  preparedStatements: 'auto',
  slug: { table: {}, fallback: 'article' },
  views: { dedupeWindowSeconds: 0, flushIntervalMs: 1000 },
  counters: { redis: null, keyPrefix: 'newsroom:' },
  suggestions: {
    autoFill: false,
    autoFillTo: 5,
    recencyHalfLifeDays: 30,
    recencyFloor: 0.25,
    minScore: 0.02,
    stored: 12,
    neighbourOrder: true,
    excludeTags: [],
    maxAgeDays: null,
    direction: 'any',
    weights: { tags: 1, correspondent: 0.15, text: 4 },
  },
  ...siteDefaults,
  cache: {
    maxEntries: 2000,
    viewsMaxAgeSeconds: 60,
    redis: null,
    redisPrefix: 'newsroom:',
    redisTtlSeconds: 3600,
    http: { maxAge: 0, sMaxAge: 60, staleWhileRevalidate: 60, tagHeaders: { 'Cache-Tag': ',', 'Surrogate-Key': ' ' } },
    webhook: { coalesceMs: 400, maxDelayMs: 1000 },
  },
};

export type CacheConfig = Exclude<NewsroomConfig['cache'], false>;

type Issue = z.core.$ZodIssue;
/** An option that is `false` or an object (`cache`): when the object was meant, say what is wrong inside it. */
const explain = (issue: Issue): Issue => {
  if (issue.code !== 'invalid_union') return issue;
  const meant = issue.errors.map((branch) => branch[0]).find((inner) => inner && !(inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value')));
  return meant ? explain({ ...meant, path: [...issue.path, ...meant.path] } as Issue) : issue;
};

/** Throws at boot with the option's path and the rule it breaks, e.g. `newsroom config: maxRelated: ...`. */
export const validateConfig = (config: unknown): void => {
  const result = configSchema.safeParse(config);
  if (!result.success) {
    const issue = explain(result.error.issues[0]);
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    // A bad record key nests the rule it broke one level down.
    const nested = 'issues' in issue && Array.isArray(issue.issues) ? (issue.issues as Array<{ message: string }>)[0] : undefined;
    throw new Error(`${PLUGIN_ID} config: ${path}: ${nested?.message ?? issue.message}`);
  }
};

export const getConfig = (strapi: Core.Strapi): NewsroomConfig =>
  strapi.config.get(`plugin::${PLUGIN_ID}`) as NewsroomConfig;

export default {
  default: defaultConfig,
  validator: validateConfig,
};
