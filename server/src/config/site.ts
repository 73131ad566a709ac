// zod directly, not @strapi/utils' re-export: Strapi before 5.2x does not re-export it.
import { z } from 'zod';

const absoluteUrl = (rule: string) =>
  z.string().refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !value.endsWith('/');
    } catch {
      return false;
    }
  }, { message: rule });

/** A logo or image: an absolute URL, or a path on `siteUrl`. */
const imageAddress = z.string().refine((value) => value.startsWith('/') || /^https?:\/\/[^\s]+$/.test(value), { message: 'must be an absolute URL or a path starting with "/"' });

/** The options a news site needs beside the story JSON: structured data, sitemaps, feeds. */
export const siteOptions = {
  /** Origin of the news site, for absolute URLs in JSON-LD, sitemaps and feeds. */
  siteUrl: absoluteUrl('must be an absolute http(s) URL without a trailing slash, such as "https://news.example.kz"'),
  /** Public path of a correspondent's page on the news site; `:slug` is replaced. */
  correspondentPath: z.string().startsWith('/').includes(':slug', { message: 'must contain ":slug"' }),
  /** The publication: JSON-LD `publisher`, Google News `news:publication`, the feeds' title. */
  publisher: z
    .object({
      name: z.string().trim().min(1, { message: 'must be the publication name' }).max(255),
      logo: z.object({ url: imageAddress, width: z.number().int().positive(), height: z.number().int().positive() }).strict().nullable(),
      /** Google News language per content locale, when it is not the locale itself (e.g. { "kk-KZ": "kk" }). */
      languages: z.record(z.string(), z.string().regex(/^[a-z]{2,3}(-[a-z]{2,4})?$/, { message: 'values must be ISO 639 codes such as "ru" or "zh-cn"' })),
    })
    .strict(),
  /** JSON-LD `isAccessibleForFree` of every story (no paywall field). */
  accessibleForFree: z.boolean(),
  sitemap: z
    .object({
      /** URLs per page of sitemap.xml; beyond it the route answers a sitemap index (the protocol's limit is 50,000). */
      pageSize: z.number().int().min(1).max(50000),
    })
    .strict(),
  feeds: z
    .object({
      /** Stories per feed, latest first. */
      size: z.number().int().min(1).max(500),
    })
    .strict(),
};

export const siteDefaults = {
  siteUrl: 'http://localhost:3000',
  correspondentPath: '/authors/:slug',
  publisher: { name: 'Newsroom', logo: null, languages: {} },
  accessibleForFree: true,
  sitemap: { pageSize: 50000 },
  feeds: { size: 50 },
};
