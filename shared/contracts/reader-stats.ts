/** Related-click numbers editors see: per entry of one story, and for the homepage by origin and place. */
import type { z } from 'zod';

import type { storyParams } from '../schemas/rules';
import type { clickStatsQuery } from '../schemas/reader-stats';
import type { CommonErrorBody, NotFoundErrorBody } from './errors';

export type ClickOrigin = 'editor' | 'suggested';

/** Clicks and clicks per story view; `ctr` is null when the views are fewer than `minViews`. */
export interface ClickRate {
  clicks: number;
  ctr: number | null;
}

export interface EntryClicks extends ClickRate {
  /** The related story's documentId, or null for an external link. */
  target: string | null;
  url: string | null;
  /** The related story's title in the story's locale (null for a link, or a story since deleted). */
  title: string | null;
  origin: ClickOrigin;
}

export interface ClickWindow {
  days: 7 | 30;
  /** Story views in the window: the denominator of every rate. */
  views: number;
  byOrigin: Record<ClickOrigin, ClickRate>;
  byPosition: Array<ClickRate & { position: number; editor: number; suggested: number }>;
}

export namespace GetStoryClicks {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof storyParams>;
    query: z.input<typeof clickStatsQuery>;
  }

  export interface Response {
    data: { documentId: string; locale: string | null; days: 30; views: number; minViews: number; entries: EntryClicks[] };
  }
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace GetClickOverview {
  export interface Request {
    query: z.input<typeof clickStatsQuery>;
  }

  export interface Response {
    data: { locale: string | null; minViews: number; windows: ClickWindow[] };
  }
  export type Error = CommonErrorBody;
}
