import { foldText } from '../../utils/fold';

/**
 * Cache keys: what a public answer shows, named once. A read collects the keys of everything it
 * shows; a write names the keys it changes; a cache drops every answer holding one of those keys.
 * Keys are printable ASCII without spaces or commas, so they travel in a `Cache-Tag` header.
 */
const part = (value: string | null | undefined) => encodeURIComponent(value ?? '') || '-';

export const pageKeys = {
  /** One story in one locale: its page, its card in lists, its entry in other stories' related lists. */
  story: (documentId: string, locale: string | null) => `story:${part(documentId)}:${part(locale)}`,
  /** A correspondent's byline wherever it is shown, and their profile. */
  correspondent: (documentId: string) => `correspondent:${part(documentId)}`,
  /** A tag as shown; keyed by locale and folded name until tags have slugs of their own. */
  tag: (locale: string | null, name: string) => `tag:${part(locale)}:${part(foldText(name))}`,
  /** Every published story of every locale (the sitemap without `?locale=`): changes whenever any story joins, leaves or is republished. */
  allStories: () => 'list:all',
  /** "The latest stories" of a locale: changes whenever a story joins or leaves it. */
  latest: (locale: string | null) => `list:latest:${part(locale)}`,
  /** The stories of one correspondent, by the slug lists are filtered on. */
  correspondentStories: (slug: string) => `list:correspondent:${part(slug)}`,
  /** The stories with one tag. */
  tagStories: (locale: string | null, name: string) => `list:tag:${part(locale)}:${part(foldText(name))}`,
};

/** A growing set of keys; a read model adds to it as it loads rows. */
export type KeySet = Set<string>;
