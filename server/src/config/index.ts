import type { Core } from '@strapi/strapi';
import { z } from '@strapi/utils';

import { PLUGIN_ID } from '../../../shared/manifest';

export const DISPLAY_LANGUAGES = ['ru', 'kk', 'en'] as const;
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number];

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

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
      })
      .strict(),
  })
  .strict();

export type NewsroomConfig = z.infer<typeof configSchema>;

export const defaultConfig: NewsroomConfig = {
  maxRelated: 10,
  timeZone: 'Asia/Almaty',
  defaultLocale: 'ru',
  publicPath: '/news/:slug',
  publicApi: true,
  slug: { table: {}, fallback: 'article' },
  views: { dedupeWindowSeconds: 0 },
};

/** Throws at boot with the option's path and the rule it breaks, e.g. `newsroom config: maxRelated: ...`. */
export const validateConfig = (config: unknown): void => {
  const result = configSchema.safeParse(config);
  if (!result.success) {
    const issue = result.error.issues[0];
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
