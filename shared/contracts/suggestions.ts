/**
 * Types of the related-story suggestion routes, shared by the server and the admin panel.
 * Suggestions are computed when a story is published and stored; each carries its score and why.
 */

import type { z } from 'zod';

import type { storyParams } from '../schemas/rules';
import type { acceptBody, acceptQuery, backfillQuery, dismissalParams, dismissBody, suggestionsQuery } from '../schemas/suggestions';
import type { CommonErrorBody, ConflictErrorBody, NotFoundErrorBody } from './errors';
import type { Pagination } from './public-api';
import type { RelatedList, StaleListDetails } from './related-stories';

/** Why a story was suggested. `label` is ready to print on a chip ("tag: ОИС", "3 days apart"). */
export type SuggestionReason =
  /** A tag both stories carry; `weight` is its share of the score (rarer tags weigh more). */
  | { kind: 'tag'; label: string; weight: number; tag: string }
  /** Both stories are signed by this correspondent. */
  | { kind: 'correspondent'; label: string; weight: number; name: string }
  /** The texts share these words (the strongest first; Russian and Kazakh word forms match). */
  | { kind: 'text'; label: string; weight: number; words: string[] }
  /** Days between the two publication dates; `factor` is the recency multiplier it gave (0–1). */
  | { kind: 'time'; label: string; factor: number; days: number }
  /** The suggested story's published related list holds this story (a follow-up points back to it). */
  | { kind: 'cites'; label: string }
  /** Both stories are among each other's nearest: `shared` stories in common, which moved it up by `factor`. */
  | { kind: 'neighbours'; label: string; shared: number; factor: number };

export interface Suggestion {
  documentId: string;
  locale: string | null;
  title: string;
  slug: string | null;
  publicationDate: string | null;
  /** Higher is closer; comparable within one story's list. */
  score: number;
  reasons: SuggestionReason[];
  /** Already in the story's draft related list (the panel shows it as added). */
  inList: boolean;
}

export interface SuggestionList {
  documentId: string;
  locale: string | null;
  /**
   * `stored`: precomputed for the published story. `live`: the story has no published version yet,
   * so the list was computed from its draft for this request (nothing stored).
   */
  source: 'stored' | 'live';
  /** A recompute is queued (the story was just published or edited); the list may change shortly. */
  pending: boolean;
  /** When the stored list was computed (ISO), null when never. */
  computedAt: string | null;
  suggestions: Suggestion[];
  /** Stories an editor marked "not related" for this story and locale, newest first: never suggested again until undone. */
  dismissed: DismissedSuggestion[];
}

/** A story an editor dismissed from another story's suggestions. */
export interface DismissedSuggestion {
  documentId: string;
  /** The dismissed story's title (draft or published), null when it was deleted since. */
  title: string | null;
  reason: string | null;
  dismissedAt: string;
}

export namespace GetSuggestions {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof storyParams>;
    query: z.input<ReturnType<typeof suggestionsQuery>>;
  }

  export interface Response {
    data: SuggestionList;
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

/** A published story with an empty related list, and the list the suggestions propose for it. */
export interface BackfillStory {
  documentId: string;
  locale: string | null;
  title: string;
  slug: string | null;
  publicationDate: string | null;
  /** Revision of the story's draft list: send it back to accept (409 if the list changed meanwhile). */
  revision: number;
  proposed: Suggestion[];
}

export namespace ListBackfill {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    query: z.input<ReturnType<typeof backfillQuery>>;
  }

  export interface Response {
    data: BackfillStory[];
    /** `timeZone`: the plugin's option, for printing dates as readers see them. */
    meta: { pagination: Pagination; timeZone: string };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody;
}

export namespace AcceptSuggestions {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof storyParams>;
    query: z.input<typeof acceptQuery>;
    body: z.input<ReturnType<typeof acceptBody>>;
  }

  export interface Response {
    data: {
      list: RelatedList;
      /** The story was published with the new list. */
      published: boolean;
      /** Readers still see the old (empty) list until the story is published. */
      needsPublish: boolean;
    };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody | ConflictErrorBody<StaleListDetails | DraftHasChangesDetails>;
}

/**
 * `details` of the 409 answered to `publish: true` when publishing is not the editor's to take here:
 * the draft holds other unpublished edits, or the story was never published. Nothing is saved.
 * (A stale `revision` answers 409 with the related list's own `STALE_LIST` details.)
 */
export interface DraftHasChangesDetails {
  code: 'DRAFT_HAS_CHANGES' | 'NOT_PUBLISHED';
}

export namespace DismissSuggestion {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof storyParams>;
    query: z.input<typeof acceptQuery>;
    body: z.input<typeof dismissBody>;
  }

  export interface Response {
    data: DismissedSuggestion;
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace UndoDismissal {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof dismissalParams>;
    query: z.input<typeof acceptQuery>;
  }

  /** `undone`: false when the story was not dismissed (undo twice is harmless). */
  export interface Response {
    data: { documentId: string; undone: boolean };
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}
