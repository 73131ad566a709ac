/** Sitemaps and feeds (/api/newsroom): their parameters as schemas, checked by the server, typed in shared/contracts/syndication. */
import { z } from 'zod';

import { localeCode, oneOf, queryInteger, queryOf } from './rules';
import { MAX_PAGE, slugParams } from './public-api';

const TAG_RULE = 'must be a tag name of 1 to 64 characters';

/** `?locale=` of a sitemap: one content locale; every locale when absent. */
export const newsSitemapQuery = queryOf({ locale: localeCode().optional() });

/** `?page=` of sitemap.xml beyond one page (the index lists them); `?locale=` as above. */
export const sitemapQuery = queryOf({ locale: localeCode().optional(), page: queryInteger(1, MAX_PAGE, 0) });

export const FEED_FORMATS = ['rss.xml', 'atom.xml'] as const;
const format = oneOf(FEED_FORMATS, `must be one of ${FEED_FORMATS.join(', ')}`);

/** `/feeds/:format` of the whole site. */
export const feedParams = z.object({ format });
/** `/correspondents/:slug/feeds/:format`. */
export const correspondentFeedParams = z.object({ format, slug: slugParams.shape.slug });
/** `/tags/:tag/feeds/:format`. */
export const tagFeedParams = z.object({ format, tag: z.string({ error: TAG_RULE }).min(1, { error: TAG_RULE }).max(64, { error: TAG_RULE }) });

/** A feed's content locale (the i18n default when absent). */
export const feedQuery = queryOf({ locale: localeCode().optional() });
