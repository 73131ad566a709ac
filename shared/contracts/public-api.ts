/**
 * Types of the public (content API) routes under /api/newsroom. A news front end can import them:
 * `import type { PublicArticle } from 'strapi-plugin-newsroom/contracts'`.
 */

import type { z } from 'zod';

import type { correspondentQuery, listQuery, pageQuery, relatedClickBody, slugParams, storyQuery, tagParams, tagQuery } from '../schemas/public-api';
import type { CommonErrorBody, NotFoundErrorBody } from './errors';

/** Languages the API prints dates in (`?lang=`). */
export type { DisplayLanguage } from '../dates';

export interface PublicMedia {
  url: string;
  alternativeText: string | null;
  width: number | null;
  height: number | null;
  formats: Record<string, { url: string; width: number | null; height: number | null }> | null;
}

export interface PublicCorrespondentRef {
  name: string;
  /** The per-story byline role when the story sets one, else the correspondent's own role. */
  role: string | null;
  slug: string | null;
  photo: PublicMedia | null;
}

export interface PublicRelatedStory {
  title: string;
  /** null for external links. */
  slug: string | null;
  /** The story's public path (`publicPath` config, default /news/:slug) or the external address. */
  url: string;
  publicationDate: string | null;
  displayDate: string | null;
  external: boolean;
  /**
   * false: chosen by the editors. true: filled in from the related-story suggestions (config
   * `suggestions.autoFill`), always after the editors' entries and never repeating one.
   */
  suggested: boolean;
}

/** A tag: its name as editors wrote it first and its slug, unique per locale (`GET /tags/:slug`). */
export interface PublicTag {
  name: string;
  slug: string;
}

/** A story card: what lists show. */
export interface PublicArticleCard {
  documentId: string;
  locale: string | null;
  slug: string;
  title: string;
  lead: string | null;
  source: string | null;
  /** The tags' names, in the editors' order (the shape front ends had before tags had slugs). */
  tags: string[];
  /** The same tags with their slugs, for links to tag pages. */
  tagLinks: PublicTag[];
  cover: PublicMedia | null;
  views: number;
  publicationDate: string | null;
  displayDate: string | null;
  correspondents: PublicCorrespondentRef[];
}

/** A correction published on a story. */
export interface PublicCorrection {
  date: string | null;
  text: string;
}

/** A whole story page. */
export interface PublicArticle extends PublicArticleCard {
  /** Strapi blocks (rich text). */
  body: unknown[] | null;
  /** Corrections published on the story, in the editors' order. */
  corrections: PublicCorrection[];
  related: PublicRelatedStory[];
}

/** schema.org `NewsArticle` of a story (`?jsonLd=true`). */
export interface NewsArticleJsonLd {
  '@context': 'https://schema.org';
  '@type': 'NewsArticle';
  headline: string;
  description?: string;
  datePublished: string | null;
  /** The last published change of the story's own content (never a view or another story's edit). */
  dateModified: string | null;
  author: Array<{ '@type': 'Person'; name: string; url?: string }>;
  image?: Array<{ '@type': 'ImageObject'; url: string; width?: number; height?: number }>;
  inLanguage?: string;
  publisher: { '@type': 'NewsMediaOrganization'; name: string; url: string; logo?: { '@type': 'ImageObject'; url: string; width: number; height: number } };
  mainEntityOfPage: { '@type': 'WebPage'; '@id': string };
  url: string;
  articleSection?: string;
  keywords?: string[];
  isAccessibleForFree: boolean;
  correction?: Array<{ '@type': 'CorrectionComment'; text: string; datePublished: string | null }>;
}

export interface StoryJsonLd {
  object: NewsArticleJsonLd;
  /** The object as JSON text escaped for `<script type="application/ld+json">` (`<` is `\u003c`, …): put it in the tag as it is. */
  script: string;
}

/** The body of a 301 for a slug an editor renamed: where the story lives now. */
export interface MovedStory {
  data: null;
  moved: { from: string; slug: string; documentId: string; url: string; location: string };
}

export interface PublicCorrespondent {
  documentId: string;
  name: string;
  role: string | null;
  slug: string;
  bio: string | null;
  photo: PublicMedia | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export namespace GetArticle {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof slugParams>;
    query: z.input<typeof pageQuery>;
  }

  export interface Response {
    data: PublicArticle;
    /** `jsonLd` only with `?jsonLd=true`. */
    meta: { jsonLd?: StoryJsonLd };
  }
  /** A renamed story's old slug answers 301 with this body. */
  export type Moved = MovedStory;
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace GetRelated {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof slugParams>;
    query: z.input<typeof storyQuery>;
  }

  export interface Response {
    data: PublicRelatedStory[];
    meta: Record<string, never>;
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace ListArticles {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    query: z.input<typeof listQuery>;
  }

  export interface Response {
    data: PublicArticleCard[];
    meta: { pagination: Pagination };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody;
}

/** A public page of one thing (a correspondent, a tag) with its latest published stories, paginated. */
interface StoriesPage<TParams extends z.ZodType, TQuery extends z.ZodType, TData> {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  Request: { params: z.input<TParams>; query: z.input<TQuery> };
  Response: { data: TData & { articles: PublicArticleCard[] }; meta: { pagination: Pagination } };
  /** What the route answers when it refuses. */
  Error: CommonErrorBody | NotFoundErrorBody;
}

export namespace GetCorrespondent {
  type Page = StoriesPage<typeof slugParams, typeof correspondentQuery, PublicCorrespondent>;
  export type Request = Page['Request'];
  export type Response = Page['Response'];
  export type Error = Page['Error'];
}

export namespace CountView {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof slugParams>;
    query: z.input<typeof storyQuery>;
  }

  export interface Response {
    data: { documentId: string; views: number; counted: boolean };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace GetTag {
  type Page = StoriesPage<typeof tagParams, typeof tagQuery, PublicTag>;
  export type Request = Page['Request'];
  export type Response = Page['Response'];
  export type Error = Page['Error'];
}

export namespace CountRelatedClick {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof slugParams>;
    query: z.input<typeof storyQuery>;
    body: z.input<typeof relatedClickBody>;
  }

  /** `counted` is false for crawlers and for a repeat within the dedupe window. */
  export interface Response {
    data: { documentId: string; counted: boolean };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}
