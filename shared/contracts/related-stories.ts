/**
 * Request and response types of the related-stories routes, shared by the server and the admin panel.
 * Each route's types are written once, here.
 */

import type { z } from 'zod';

import type { relatedEntry, replaceRelatedBody } from '../schemas/related-stories';
import type { localeQuery, storyParams } from '../schemas/rules';
import type { CommonErrorBody, ConflictErrorBody, NotFoundErrorBody } from './errors';

/** One entry as an editor sends it: an internal story (`target`, optionally a `label` over its title) or an external link (`url` + `label`). */
export type RelatedEntryInput = z.input<ReturnType<typeof relatedEntry>>;

/** How readers will see an entry. */
export type RelatedEntryStatus =
  /** The target story is published: readers see it. */
  | 'published'
  /** The target was never published: readers see it once it is. */
  | 'draft'
  /** The target was published, then unpublished: hidden from readers until republished. */
  | 'unpublished'
  /** An external link. */
  | 'external';

export interface RelatedEntry {
  position: number;
  target: string | null;
  url: string | null;
  label: string | null;
  status: RelatedEntryStatus;
  /** Present for internal entries. */
  story: {
    documentId: string;
    title: string;
    slug: string | null;
    publicationDate: string | null;
    correspondents: string[];
  } | null;
  /** Host name of an external link, e.g. "gov.kz". */
  domain: string | null;
}

export interface RelatedList {
  documentId: string;
  locale: string | null;
  /** Changes on every save; a save names the revision it started from. */
  revision: number;
  maxRelated: number;
  /** The time zone readers' dates are printed in (the plugin's `timeZone` option). */
  timeZone: string;
  entries: RelatedEntry[];
}

export namespace GetRelatedList {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof storyParams>;
    query: z.input<typeof localeQuery>;
  }

  export interface Response {
    data: RelatedList;
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody;
}

export namespace ReplaceRelatedList {
  /** Inferred from the route's schemas (shared/schemas): what a client may send. */
  export interface Request {
    params: z.input<typeof storyParams>;
    query: z.input<typeof localeQuery>;
    body: Omit<z.input<typeof replaceRelatedBody>, 'entries'> & { entries: RelatedEntryInput[] };
  }

  export interface Response {
    data: RelatedList;
  }
  /** What the route answers when it refuses. */
  export type Error = CommonErrorBody | NotFoundErrorBody | ConflictErrorBody<StaleListDetails>;
}

/** `details` of the 409 answered when the list changed since the editor loaded it. */
export interface StaleListDetails {
  code: 'STALE_LIST';
  expectedRevision: number;
  currentRevision: number;
}

/** Where a citing story stands, as the Content Manager says it. */
export type CitingStoryStatus = 'draft' | 'published' | 'modified';

/** A story whose related list contains the story asked about ("incoming reference"). */
export interface CitingStory {
  documentId: string;
  locale: string | null;
  title: string;
  publicationDate: string | null;
  status: CitingStoryStatus;
  /** Its published list holds the story: readers of it see the story among its related stories. */
  inPublishedList: boolean;
  /** Its draft list holds the story: the next publish gives it to readers. */
  inDraftList: boolean;
  /** The story's edit view in the Content Manager (a path inside the admin). */
  editPath: string;
}

export interface CitedBy {
  documentId: string;
  locale: string | null;
  /** The time zone readers' dates are printed in (the plugin's `timeZone` option). */
  timeZone: string;
  /** Stories shown to readers with this one first, then the rest; newest first within each. */
  stories: CitingStory[];
  /** Published stories whose readers see this one: what unpublishing or deleting it hides from them. */
  publishedCount: number;
}

export namespace GetCitedBy {
  /** The same story and locale as the list's own route. */
  export type Request = GetRelatedList.Request;

  export interface Response {
    data: CitedBy;
  }
  export type Error = GetRelatedList.Error;
}
