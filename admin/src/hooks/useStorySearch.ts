import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import type { SearchStories, StoryHit } from '../../../shared/contracts/admin';
import { isAbort, readError, searchPath } from '../utils/api';
import { useDebounce } from './useDebounce';

export const SEARCH_DELAY_MS = 250;

interface SearchState {
  hits: StoryHit[];
  /** The server's display time zone, from the answer. */
  timeZone?: string;
  /** The query the hits answer (after the debounce); '' when nothing was asked. */
  answered: string;
  loading: boolean;
  error: string | null;
}

const IDLE: SearchState = { hits: [], answered: '', loading: false, error: null };

/** Title search asked once typing pauses (the server folds case and ё); `exclude` drops the story and its list. */
export const useStorySearch = (query: string, locale: string | undefined, exclude: string[]) => {
  const { get } = useFetchClient();
  const debounced = useDebounce(query.trim(), SEARCH_DELAY_MS);
  const excludeKey = exclude.join(',');
  const [state, setState] = React.useState<SearchState>(IDLE);

  React.useEffect(() => {
    if (debounced === '') {
      setState(IDLE);
      return undefined;
    }
    // A newer query cancels the older request, so a slow answer never overwrites a newer one.
    const controller = new AbortController();
    setState((current) => ({ ...current, loading: true, error: null }));
    get<SearchStories.Response>(searchPath(debounced.slice(0, 200), locale, excludeKey ? excludeKey.split(',') : []), { signal: controller.signal })
      .then(({ data }) => setState({ hits: data.data, timeZone: data.meta?.timeZone, answered: debounced, loading: false, error: null }))
      .catch((error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        setState({ hits: [], answered: debounced, loading: false, error: readError<SearchStories.Error>(error).message });
      });
    return () => controller.abort();
  }, [debounced, excludeKey, get, locale]);

  // While the editor is still typing, the shown hits belong to an older query.
  const pending = query.trim() !== debounced;
  return { ...state, pending, loading: state.loading || pending };
};
