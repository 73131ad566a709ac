/** Types of the admin routes under /newsroom that the panel and the homepage widget call. */

import type { z } from 'zod';

import type { dashboardQuery, searchQuery, tagSearchQuery } from '../schemas/admin';
import type { PublicTag } from './public-api';
import type { CommonErrorBody } from './errors';

export interface StoryHit {
  documentId: string;
  locale: string | null;
  title: string;
  slug: string | null;
  publicationDate: string | null;
  status: 'published' | 'draft' | 'modified';
  correspondents: string[];
}

export namespace SearchStories {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    query: z.input<typeof searchQuery>;
  }

  export interface Response {
    data: StoryHit[];
    /** `timeZone`: the plugin's option, for printing dates as readers see them. */
    meta: { timeZone: string };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody;
}

export interface DashboardStory {
  documentId: string;
  locale: string | null;
  title: string;
  publicationDate: string | null;
  views?: number;
}

export interface LostLinkRecord {
  article: DashboardStory | null;
  articleDocumentId: string;
  locale: string | null;
  targetTitle: string;
  label: string | null;
  position: number;
  lostAt: string;
}

export namespace GetDashboard {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    query: z.input<typeof dashboardQuery>;
  }

  export interface Response {
    data: {
      /** Published in the last 7 days and no related stories. */
      withoutRelated: DashboardStory[];
      /** Links removed because their target story was deleted. */
      lostLinks: LostLinkRecord[];
      /** Most views in the last 7 days. */
      mostRead: DashboardStory[];
      /** The plugin's `timeZone` option, for printing dates as readers see them. */
      timeZone: string;
    };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody;
}

export namespace SearchTags {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    query: z.input<typeof tagSearchQuery>;
  }

  export interface Response {
    /** Names starting with the text first, then names containing it. */
    data: PublicTag[];
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody;
}
