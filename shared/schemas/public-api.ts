/** The public routes' parameters (/api/newsroom), as schemas: the server checks them, the contracts infer their types. */
import { z } from 'zod';

import { DISPLAY_LANGUAGES } from '../dates';
import { SLUG_PATTERN, closed, localeCode, once, oneOf, queryInteger, queryOf, stringOr } from './rules';

export const MAX_PAGE = 100000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
const TAG_MAX = 64;

const SLUG_RULE = 'must be a story slug or documentId (1 to 255 printable characters)';
/** A slug or documentId from the path: short, printable, no surprises for the database. */
export const slugParams = z.object({
  slug: z.string({ error: SLUG_RULE }).min(1, { error: SLUG_RULE }).max(255, { error: SLUG_RULE }).regex(/^[^\u0000-\u001f\u007f\s]*$/, { error: SLUG_RULE }),
});

const storyFields = {
  /** The language dates are printed in; the config's `defaultLocale` when absent. */
  lang: oneOf(DISPLAY_LANGUAGES, `must be one of ${DISPLAY_LANGUAGES.join(', ')}`).optional(),
  /** The content locale; the i18n default locale when absent. */
  locale: localeCode().optional(),
  /** Accepted for Strapi's REST clients; only published stories are ever served. */
  status: oneOf(['published'], 'must be "published": the public API serves published stories only').optional(),
};

const pagination = closed(
  {
    page: queryInteger(1, MAX_PAGE, 1),
    pageSize: queryInteger(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    withCount: oneOf(['true', 'false'], 'must be true or false').optional(),
  },
  { unknown: 'is not a query parameter of this route (allowed: page, pageSize, withCount)', notObject: 'must be given as pagination[page] and pagination[pageSize]' }
)
  .optional()
  .transform((value) => ({ page: value?.page ?? 1, pageSize: value?.pageSize ?? DEFAULT_PAGE_SIZE }));

/** `filters[x]=v` and `filters[x][$op]=v` both mean the one operator the filter supports, as in Strapi's REST API. */
const operand = (operator: '$eq' | '$contains') =>
  stringOr(
    queryOf({ [operator]: once().optional() }).transform((value) => value[operator]),
    `must be a value or [${operator}]=value`
  ).optional();

const TAG_RULE = `must be a tag name or slug of 1 to ${TAG_MAX} characters`;
const filters = closed(
  {
    correspondent: closed({ slug: operand('$eq') }, { unknown: 'is not a query parameter of this route (allowed: slug)', notObject: 'must be filters[correspondent][slug]' }).optional(),
    tags: operand('$contains').pipe(z.string().min(1, { error: TAG_RULE }).max(TAG_MAX, { error: TAG_RULE }).optional()),
  },
  {
    unknown: 'cannot be filtered on: the supported filters are filters[correspondent][slug] and filters[tags]',
    notObject: 'must be given as filters[correspondent][slug] or filters[tags]',
  }
).optional();

const SORT_RULE = 'must be publicationDate:desc (the default) or publicationDate:asc';
/** `true` for oldest first. */
const SORTS = ['publicationDate:desc', 'publicationDate:asc', 'publicationDate'] as const;
const sort = z
  .union([z.enum(SORTS), z.tuple([z.enum(SORTS)])], { error: SORT_RULE })
  .transform((value) => (Array.isArray(value) ? value[0] : value))
  .optional()
  .transform((value) => value === 'publicationDate:asc' || value === 'publicationDate');

/** `?lang=&locale=` of a single-story route (story, related, view). */
export const storyQuery = queryOf(storyFields);

/** The story route: `?jsonLd=true` adds the story's schema.org NewsArticle to `meta`. */
export const pageQuery = queryOf({
  ...storyFields,
  jsonLd: oneOf(['true', 'false'], 'must be true or false').optional().transform((value) => value === 'true'),
});

/** The list route: pagination, the two filters it supports, and newest/oldest first. */
export const listQuery = queryOf({ ...storyFields, pagination, filters, sort });

/** The correspondent route: language, locale and pagination of their stories. */
export const correspondentQuery = queryOf({ ...storyFields, pagination });

const TAG_SLUG_RULE = 'must be a tag slug (lower-case Latin letters, digits and single hyphens, e.g. "mid-rk")';
/** A tag page's path: the tag's slug. */
export const tagParams = z.object({
  slug: z.string({ error: TAG_SLUG_RULE }).max(255, { error: TAG_SLUG_RULE }).regex(SLUG_PATTERN, { error: TAG_SLUG_RULE }),
});

/** The tag route: language, locale and pagination of its stories. */
export const tagQuery = queryOf({ ...storyFields, pagination });

export const CLICK_ORIGINS = ['editor', 'suggested'] as const;
const TARGET_RULE = 'must be the slug or documentId of a story on the related list';
const URL_RULE = 'must be the http(s) address of an external entry on the related list';
const POSITION_RULE = 'must be the entry\'s place on the related list, from 1';

/** A reader opened a related entry: a story (`target`) or an external link (`url`), at `position` (from 1), picked by an editor or suggested. */
export const relatedClickBody = closed(
  {
    target: z.string({ error: TARGET_RULE }).min(1, { error: TARGET_RULE }).max(255, { error: TARGET_RULE }).regex(/^[^\u0000-\u001f\u007f\s]*$/, { error: TARGET_RULE }).optional(),
    url: z.string({ error: URL_RULE }).max(2048, { error: URL_RULE }).regex(/^https?:\/\/\S+$/, { error: URL_RULE }).optional(),
    position: z.number({ error: POSITION_RULE }).int({ error: POSITION_RULE }).min(1, { error: POSITION_RULE }).max(100, { error: POSITION_RULE }),
    origin: oneOf(CLICK_ORIGINS, `must be one of ${CLICK_ORIGINS.join(', ')}`),
  },
  { unknown: 'is not a field of a related click (allowed: target, url, position, origin)', notObject: 'must be a JSON object' }
).superRefine((value, ctx) => {
  if ((value.target === undefined) === (value.url === undefined)) {
    ctx.addIssue({ code: 'custom', path: [value.url === undefined ? 'target' : 'url'], message: 'give exactly one of target (a story) or url (an external link)' });
  }
});
