import * as React from 'react';

import type { SearchStories, StoryHit } from '../../../shared/contracts/admin';
import { searchPath } from '../utils/api';
import { useDebounce } from './useDebounce';
import { useRequest } from './useRequest';

export const SEARCH_DELAY_MS = 250;

// One empty list, so the hits keep their identity while there are none (the search box resets its highlight when they change).
const NO_HITS: StoryHit[] = [];

/** Title search asked once typing pauses (the server folds case and ё); `exclude` drops the story and its list. */
export const useStorySearch = (query: string, locale: string | undefined, exclude: string[]) => {
  const debounced = useDebounce(query.trim(), SEARCH_DELAY_MS);
  const excludeKey = exclude.join(',');
  // The query the hits answer (after the debounce); '' when nothing was asked.
  const [answered, setAnswered] = React.useState('');
  const path = debounced === '' ? null : searchPath(debounced.slice(0, 200), locale, excludeKey ? excludeKey.split(',') : []);
  // A newer query cancels the older request, so a slow answer never overwrites a newer one; the older hits stay until it comes.
  const { data, error, loading } = useRequest<SearchStories.Response, SearchStories.Error>(path, { onSettled: () => setAnswered(debounced) });

  React.useEffect(() => {
    if (path === null) setAnswered('');
  }, [path]);

  // While the editor is still typing, the shown hits belong to an older query.
  const pending = query.trim() !== debounced;
  return {
    // No hits after a failed search: a failed load keeps no data.
    hits: data?.data ?? NO_HITS,
    /** The server's display time zone, from the answer. */
    timeZone: data?.meta?.timeZone,
    answered,
    error: error?.message ?? null,
    pending,
    loading: loading || pending,
  };
};
