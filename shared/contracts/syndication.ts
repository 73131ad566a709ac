/**
 * Sitemaps and feeds under /api/newsroom: they answer XML (`application/xml`, `application/rss+xml`,
 * `application/atom+xml`), so only their requests are typed here.
 */
import type { z } from 'zod';

import type { correspondentFeedParams, FEED_FORMATS, feedParams, feedQuery, newsSitemapQuery, sitemapQuery, tagFeedParams } from '../schemas/syndication';
import type { CommonErrorBody, NotFoundErrorBody } from './errors';

export type FeedFormat = (typeof FEED_FORMATS)[number];

export namespace GetNewsSitemap {
  export interface Request {
    query: z.input<typeof newsSitemapQuery>;
  }
  export type Error = CommonErrorBody;
}

export namespace GetSitemap {
  export interface Request {
    query: z.input<typeof sitemapQuery>;
  }
  /** A page past the last is a 404. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace GetFeed {
  export interface Request {
    params: z.input<typeof feedParams> | z.input<typeof correspondentFeedParams> | z.input<typeof tagFeedParams>;
    query: z.input<typeof feedQuery>;
  }
  /** An unknown correspondent is a 404. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}
