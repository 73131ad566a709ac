/**
 * Types of the public (content API) routes under /api/newsroom. A news front end can import them:
 * `import type { PublicArticle } from 'strapi-plugin-newsroom/contracts'`.
 */

import type { z } from 'zod';

import type { correspondentQuery, listQuery, relatedClickBody, slugParams, storyQuery } from '../schemas/public-api';
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

/** A story card: what lists show. */
export interface PublicArticleCard {
  documentId: string;
  locale: string | null;
  slug: string;
  title: string;
  lead: string | null;
  source: string | null;
  tags: string[];
  cover: PublicMedia | null;
  views: number;
  publicationDate: string | null;
  displayDate: string | null;
  correspondents: PublicCorrespondentRef[];
}

/** A whole story page. */
export interface PublicArticle extends PublicArticleCard {
  /** Strapi blocks (rich text). */
  body: unknown[] | null;
  related: PublicRelatedStory[];
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
    query: z.input<typeof storyQuery>;
  }

  export interface Response {
    data: PublicArticle;
    meta: Record<string, never>;
  }
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

export namespace GetCorrespondent {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof slugParams>;
    query: z.input<typeof correspondentQuery>;
  }

  export interface Response {
    data: PublicCorrespondent & { articles: PublicArticleCard[] };
    meta: { pagination: Pagination };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
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
